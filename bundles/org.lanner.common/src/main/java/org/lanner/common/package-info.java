/**
 * Small helpers with one implementation each, shared by the bundles that need them: Falco's token
 * bucket ({@link org.lanner.common.TokenBucket}), the host name alerts carry
 * ({@link org.lanner.common.HostNames}), {@code fnmatch} globs ({@link org.lanner.common.Glob}),
 * JSON string quoting ({@link org.lanner.common.JsonStrings}), C's {@code %g}
 * ({@link org.lanner.common.CFormat}) and a polling file watcher that loads a change once it has
 * settled ({@link org.lanner.common.FileWatch}) and a bounded, strict UTF-8 reader of users' text files
 * ({@link org.lanner.common.TextFiles}). A library: no services, no state
 * shared between callers.
 */
@Export
@Version("1.1.0")
package org.lanner.common;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The engine as the rest of the system sees it: load and list rules, list fields, run a source
 * through the rules, read counters. Implemented by {@code org.lanner.engine}; used by the command
 * line, the shell and the gRPC and web front-ends.
 */
@Export
@Version("1.0.0")
package org.lanner.api.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

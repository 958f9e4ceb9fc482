/**
 * The engine as the rest of the system sees it: load and list rules, list fields, read counters
 * (runs of sources through the rules are {@link org.lanner.api.run}). Implemented by
 * {@code org.lanner.engine}; used by the command line, the shell and the gRPC and web front-ends.
 */
@Export
@Version("2.0.0")
package org.lanner.api.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

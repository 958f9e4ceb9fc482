/**
 * The event table of system calls (libscap's: event ids, names, directions, parameters and their
 * types, flags, categories, the system-call codes) and the index keys rules are looked up by. It
 * follows Falco's libraries, so it changes with every libs update; it is a package of its own so that
 * such a change moves this package's version only.
 */
@Export
@Version("1.0.0")
package org.lanner.api.syscall.table;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The vocabulary of the system-call source: the system snapshot a stream starts from (machine,
 * threads and their file descriptors, users, groups, interfaces) and the event table (event ids,
 * directions, parameters and their types) that the capture reader, the live driver and the
 * syscall state share. The event table follows libscap's, so captures from Falco's libraries and
 * from Lanner read the same.
 */
@Export
@Version("1.2.0")
package org.lanner.api.syscall;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

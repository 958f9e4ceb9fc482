package org.lanner.api.source;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The state a stream starts from, as its source knows it: for system calls, the processes with
 * their files, the users and the interfaces ({@code org.lanner.api.syscall.SystemSnapshot}). The
 * engine hands it, untouched, to the source's parsers and to recorders; each source defines its own
 * type and names it in its {@link SourcePolicy#snapshotType()}.
 */
@ConsumerType
public interface Snapshot {
}

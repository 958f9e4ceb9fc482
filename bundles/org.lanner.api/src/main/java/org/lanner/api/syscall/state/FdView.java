package org.lanner.api.syscall.state;

import org.osgi.annotation.versioning.ProviderType;

/** One version of a file descriptor (libsinsp's {@code sinsp_fdinfo}): immutable. */
@ProviderType
public interface FdView {

    /** Falco's type letter ({@code fd.typechar}): f file, d directory, 4 IPv4, 6 IPv6, u unix, p pipe, e event… */
    char typeChar();

    /** The name ({@code fd.name}): a path, or a connection tuple for a socket. */
    String name();

    /** The flags it was opened with ({@code O_*}). */
    int openFlags();
}

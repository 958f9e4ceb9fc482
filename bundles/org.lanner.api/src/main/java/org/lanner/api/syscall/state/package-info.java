/**
 * A read-only view of the system-call state, as it was at one event, for bundles that add fields
 * over system-call events (metadata providers, field plugins written in Java) without reaching into
 * the syscall bundle. The syscall state attaches a {@link org.lanner.api.syscall.state.SyscallContext}
 * to every system-call event ({@link org.lanner.api.event.Event#context()}); from it, an extractor
 * reads the event's thread and its ancestors, its container id and its file descriptor.
 *
 * <p>The view is versioned: a thread that changes later (an {@code execve}, a {@code setuid}) does so
 * in a new version, and the context of an earlier event keeps showing the version of its time, also
 * on an evaluation lane that runs behind the parser. Reading it allocates nothing: the objects
 * returned are the state's own immutable versions.
 */
@Export
@Version("1.0.0")
package org.lanner.api.syscall.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

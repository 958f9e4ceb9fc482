package org.lanner.api.syscall.state;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One version of a thread (libsinsp's {@code sinsp_threadinfo}): immutable, shared by the events
 * that saw it. Lists are read by index so that reading allocates nothing.
 */
@ProviderType
public interface ThreadView {

    long tid();

    /** The process id (the main thread's tid). */
    long pid();

    /** The parent's tid. */
    long ptid();

    long sid();

    /** The thread id in its pid namespace. */
    long vtid();

    /** The process id in its pid namespace. */
    long vpid();

    /** The command name ({@code proc.name}). */
    String comm();

    /** The first command-line argument as given ({@code proc.exe}). */
    String exe();

    /** The full path of the executable ({@code proc.exepath}). */
    String exePath();

    int argCount();

    /** Argument {@code i}, from 0, without {@link #exe()}. */
    String arg(int i);

    int envCount();

    /** Environment entry {@code i} ({@code NAME=value}). */
    String env(int i);

    /** The working directory, ending with '/' ({@code proc.cwd}); meaningful for main threads. */
    String cwd();

    int uid();

    int gid();

    /** The audit login uid, -1 when unset. */
    int loginUid();

    /** The container id, empty on the host. */
    String containerId();

    /** When the thread was created, in nanoseconds since the epoch (0 when unknown). */
    long cloneTs();

    /** Whether this is its process's main thread. */
    boolean isMainThread();
}

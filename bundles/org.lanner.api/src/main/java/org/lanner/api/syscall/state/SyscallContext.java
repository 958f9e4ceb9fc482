package org.lanner.api.syscall.state;

import org.lanner.api.event.Event;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the system-call state knew at one event: read it with {@link #of(Event)}. Valid while the
 * event is being evaluated (during the extractor call that received the event); do not keep it.
 */
@ProviderType
public interface SyscallContext {

    /** The context of a system-call event, or null for an event of another source (or without state). */
    static SyscallContext of(Event event) {
        return event.context() instanceof SyscallContext c ? c : null;
    }

    /** The number of the event in its stream. */
    long eventNumber();

    /** The thread the event belongs to, as it was right after the event, or null when unknown. */
    ThreadView thread();

    /** The main thread of the event's process (the thread itself for a main thread), or null. */
    ThreadView process();

    /**
     * The version of thread {@code tid} at this event, or null when the state does not know it. The
     * parent of a thread is {@code threadAt(thread.ptid())}.
     */
    ThreadView threadAt(long tid);

    /**
     * The {@code n}-th ancestor of the event's process at this event, as Falco's {@code proc.aname[n]}
     * follows them: 0 is the process (its main thread), 1 its parent, 2 the grandparent…; null when
     * the chain ends before. Each step follows the parent's tid; in a damaged process tree a thread
     * may be its own parent, so a caller that walks far stops when a tid repeats.
     */
    ThreadView ancestor(int n);

    /** The id of the container the event's thread runs in, empty on the host. */
    String containerId();

    /** The file descriptor the event refers to, or null. */
    FdView fd();

    /** The number of that file descriptor ({@code fd.num}), -1 when the event refers to none. */
    long fdNumber();
}

package org.lanner.syscall.internal;

import java.util.Map;

import org.lanner.api.syscall.state.SyscallContext;

/**
 * What the fields of one event need, as it was right after the parser handled that event (which
 * is when libsinsp extracts fields). Written by the parser before the batch is handed to the
 * lanes, read-only afterwards. One object per batch position, reused when the batch comes back.
 * Other bundles read it through the exported {@link SyscallContext} view.
 */
final class EventContext implements SyscallContext {

    /** The state shared by every event of the stream (users, groups, interfaces, thread table). */
    SharedState shared;
    /** The event number. */
    long number;
    /** The thread of the event (a synthetic one for container events), or null. */
    ThreadInfo thread;
    /** Its main thread (the thread itself for main threads), or null. */
    ThreadInfo main;
    /** The fd the event refers to (libsinsp's {@code evt->m_fdinfo}), or null. */
    FdInfo fd;
    /** The fd table the thread sees. */
    FdTable fds;
    /** The thread's last event fd ({@code fd.num}). */
    long lastFd;
    /** Exit time minus enter time. */
    long latency;
    /** Whether libsinsp's event kept a thread after parsing ({@code evt->m_tinfo}), which some fields test. */
    boolean hasTinfo;
    /** Timestamp of the previous event of the stream, 0 for the first. */
    long previousTs;
    /** Whether parsing this event changed the name of its fd. */
    boolean fdNameChanged;
    /** The container of the thread, or null. */
    Container container;
    /** Every container known at this event. */
    Map<String, Container> containers;
    long vmsize;
    long vmrss;
    long vmswap;
    long pfmajor;
    long pfminor;
    /** Open fds of the main thread's table ({@code proc.fdopencount}). */
    int mainFdCount;
    /** CPU use since the thread's previous procinfo event: total, user, system. */
    double cpu;
    double cpuUser;
    double cpuSystem;
    /** On a context switch, the time since the previous switch on the same CPU; 0 otherwise. */
    long execTime;
    /** The sum of {@link #execTime} over the switches of the thread so far. */
    long totExecTime;
    /** Other threads of the thread itself / of its process. */
    int nchilds;
    int mainNchilds;

    void clear() {
        thread = null;
        main = null;
        fd = null;
        fds = FdTable.EMPTY;
        lastFd = -1;
        latency = 0;
        hasTinfo = false;
        fdNameChanged = false;
        container = null;
        vmsize = vmrss = vmswap = pfmajor = pfminor = 0;
        nchilds = mainNchilds = 0;
        mainFdCount = 0;
        cpu = cpuUser = cpuSystem = 0;
        execTime = totExecTime = 0;
    }

    /** The version of thread {@code tid} at this event, or null. */
    @Override
    public ThreadInfo threadAt(long tid) {
        TidSlot s = shared.threads.get(tid);
        return s == null ? null : s.asOf(number);
    }

    /**
     * The event's process (its main thread) and, for {@code n > 0}, the thread {@code n} parent links
     * above it at this event, as {@code proc.aname[n]} follows them; null past the known chain.
     */
    @Override
    public ThreadInfo ancestor(int n) {
        if (n < 0 || thread == null) {
            return null;
        }
        ThreadInfo t = thread.isMainThread() ? thread : main;
        for (int i = 0; i < n && t != null; i++) {
            t = threadAt(t.ptid);
        }
        return t;
    }

    // ---- the exported view (SyscallContext)

    @Override
    public long eventNumber() {
        return number;
    }

    @Override
    public ThreadInfo thread() {
        return thread;
    }

    @Override
    public ThreadInfo process() {
        return main;
    }

    @Override
    public String containerId() {
        return thread == null ? "" : thread.containerId;
    }

    @Override
    public FdInfo fd() {
        return fd;
    }

    @Override
    public long fdNumber() {
        return fd == null ? -1 : lastFd;
    }
}

package org.lanner.syscall.internal;

/**
 * Everything known about one thread id: its versions (newest in {@link #current}, older ones
 * through {@link ThreadInfo#previous}) for the lanes, and the per-thread parse state libsinsp keeps
 * (the last enter event, the fd of the last event, latency, memory counters) for the parser only.
 * A slot lives as long as its thread id is in the table; a thread that reuses the id continues the
 * same slot after the removal marker.
 */
final class TidSlot {

    final long tid;

    /** Newest version (a removal marker once the thread is gone). Written by the parser only. */
    volatile ThreadInfo current;

    // ---- parser-only state, never read by lanes
    /** The thread's own fd table (used when it does not share its main thread's). */
    FdTable fds = FdTable.EMPTY;
    long lastFd;
    int lastType = 0xffff;
    boolean enterValid;
    boolean hasEnter;
    byte[] enterData;
    int enterLength;
    int enterCpu;
    long latency;
    long lastEnterTs;
    long vmsize;
    long vmrss;
    long vmswap;
    long pfmajor;
    long pfminor;
    /** The CPU counters of the last procinfo event (total, user, system). */
    long lastCpu;
    long lastCpuUser;
    long lastCpuSystem;
    /** Threads of this process other than the main one (libsinsp's m_nchilds of the main thread). */
    int nchilds;
    /** Event timestamp of the last event of this thread (purge of inactive threads). */
    long lastAccessTs;
    /** Length of the version chain (to bound it when no watermark is known). */
    int versions;
    /** Set while the slot waits in the removal queue. */
    boolean queuedForRemoval;

    TidSlot(long tid) {
        this.tid = tid;
    }

    /** The live version for the parser, or null when the thread is not in the table. */
    ThreadInfo live() {
        ThreadInfo t = current;
        return t == null || t.removed ? null : t;
    }

    /** The version valid at event {@code number}, or null when the thread was not in the table then. */
    ThreadInfo asOf(long number) {
        ThreadInfo t = current;
        while (t != null && t.from > number) {
            t = t.previous;
        }
        return t == null || t.removed ? null : t;
    }

    /** Resets the parse state for a new thread with this id. */
    void resetParseState() {
        fds = FdTable.EMPTY;
        lastFd = 0;
        lastType = 0xffff;
        enterValid = false;
        hasEnter = false;
        enterLength = 0;
        latency = 0;
        lastEnterTs = 0;
        vmsize = 0;
        vmrss = 0;
        vmswap = 0;
        pfmajor = 0;
        pfminor = 0;
        nchilds = 0;
        lastCpu = 0;
        lastCpuUser = 0;
        lastCpuSystem = 0;
    }

    @Override
    public String toString() {
        return "slot[" + tid + " " + current + "]";
    }
}

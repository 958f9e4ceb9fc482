package org.lanner.syscall.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The thread table (libsinsp's thread manager): finds and creates threads, publishes their new
 * versions and trims the history lanes no longer need, removes threads (at once, when the next
 * event starts, or in the periodic purge of closed threads), keeps the main threads' child counts,
 * and holds each thread's fd table with the descriptor limit libsinsp applies. Used by the parser
 * thread only; what changes for the event being parsed is passed in its {@link ParsedEvent}.
 */
final class ThreadTable {

    /** libsinsp's thread table limit. */
    static final int MAX_THREADS = 131072;
    /** libsinsp's per-process fd table limit. */
    static final int MAX_FDS = 4096;
    /** Longest version chain kept per thread when no watermark tells which versions are still needed. */
    static final int MAX_VERSIONS = 64;

    private final SharedState shared;
    private int threadCount;

    // ---- delayed removals (applied when the next event starts)
    private long tidToRemove = -1;
    private long fdRemovalTid = -1;
    private final ArrayList<Long> fdsToRemove = new ArrayList<>();

    // ---- history of versions
    private long watermark;
    private final ArrayDeque<TidSlot> removedSlots = new ArrayDeque<>();

    // ---- periodic purge of closed threads (libsinsp's inactive thread scan)
    private long lastPurgeTs;
    private final long purgeIntervalNs;

    ThreadTable(SharedState shared, long purgeIntervalNs) {
        this.shared = shared;
        this.purgeIntervalNs = purgeIntervalNs;
    }

    /** How many threads the table holds. */
    int count() {
        return threadCount;
    }

    /** Whether the table reached libsinsp's limit: no thread is added then. */
    boolean isFull() {
        return threadCount >= MAX_THREADS;
    }

    /** The live slot of a thread, or null when it is not in the table (libsinsp's find_thread). */
    TidSlot find(long tid) {
        TidSlot s = shared.threads.get(tid);
        return s != null && s.live() != null ? s : null;
    }

    /**
     * The live slot of a thread; when it is unknown and {@code create} is set, a placeholder thread
     * is added as libsinsp does when it cannot read {@code /proc} (name {@code <NA>}, no user).
     */
    TidSlot thread(ParsedEvent ev, long tid, boolean create) {
        TidSlot s = shared.threads.get(tid);
        if (s != null && s.live() != null) {
            return s;
        }
        if (!create || isFull()) {
            return null;
        }
        ThreadInfo.Builder b = new ThreadInfo.Builder();
        b.tid = tid;
        b.pid = tid;
        b.ptid = -1;
        b.comm = "<NA>";
        b.exe = "<NA>";
        b.uid = -1;
        b.gid = -1;
        b.loginuid = -1;
        int[] children = {0};
        shared.threads.forEach(o -> {
            ThreadInfo t = o.live();
            if (t != null && t.pid == tid) {
                children[0]++;
            }
        });
        TidSlot n = newThread(tid);
        n.nchilds = children[0];
        publish(ev, n, b);
        return n;
    }

    TidSlot newThread(long tid) {
        TidSlot s = shared.threads.get(tid);
        if (s == null) {
            s = new TidSlot(tid);
            shared.threads.put(s);
        } else {
            s.resetParseState();
        }
        threadCount++;
        return s;
    }

    /** Makes {@code b} the current version of {@code s} from the current event on. */
    ThreadInfo publish(ParsedEvent ev, TidSlot s, ThreadInfo.Builder b) {
        ThreadInfo v = b.build(ev.num);
        ThreadInfo old = s.current;
        if (old != null && old.from == ev.num) {
            // a second change within one event: the intermediate version is never visible
            v.previous = old.previous;
        } else {
            v.previous = old;
        }
        s.current = v;
        trim(ev, s);
        if (s == ev.slot) {
            ev.tinfo = v;
        }
        return v;
    }

    /** Cuts the versions no event in flight can need. */
    private void trim(ParsedEvent ev, TidSlot s) {
        long safe = Math.max(watermark, ev.num - 1_000_000L) + 1;
        ThreadInfo w = s.current;
        int n = 1;
        while (w != null) {
            if (w.from <= safe || n >= MAX_VERSIONS) {
                if (w.previous != null) {
                    w.previous = null;
                }
                return;
            }
            w = w.previous;
            n++;
        }
    }

    /** Every event up to {@code number} has been evaluated: history before it can go. */
    void watermark(ParsedEvent ev, long number) {
        if (number > watermark) {
            watermark = number;
        }
        long safe = Math.max(watermark, ev.num - 1_000_000L) + 1;
        while (!removedSlots.isEmpty()) {
            TidSlot s = removedSlots.peekFirst();
            ThreadInfo c = s.current;
            if (c != null && c.removed && c.from > safe) {
                break;
            }
            removedSlots.pollFirst();
            s.queuedForRemoval = false;
            if (c != null && c.removed) {
                shared.threads.remove(s);
            }
        }
    }

    /** libsinsp's remove_thread. */
    void removeThread(ParsedEvent ev, long tid, boolean force) {
        TidSlot s = shared.threads.get(tid);
        ThreadInfo t = s == null ? null : s.live();
        if (t == null) {
            return;
        }
        int nchilds = s.nchilds;
        if (nchilds != 0 && !force) {
            return;
        }
        if (t.has(ThreadInfo.CLONE_THREAD)) {
            TidSlot m = find(t.pid);
            if (m != null && m.nchilds > 0) {
                m.nchilds--;
            }
        }
        ThreadInfo marker = ThreadInfo.removedMarker(t, ev.num);
        marker.previous = t.from == ev.num ? t.previous : t;
        s.current = marker;
        trim(ev, s);
        threadCount--;
        if (!s.queuedForRemoval) {
            s.queuedForRemoval = true;
            removedSlots.addLast(s);
        }
        if (s == ev.slot) {
            ev.slot = null;
            ev.tinfo = null;
        }
        if (nchilds != 0) {
            recountChildren(ev);
        }
    }

    private void recountChildren(ParsedEvent ev) {
        List<TidSlot> all = new ArrayList<>();
        shared.threads.forEach(all::add);
        for (TidSlot o : all) {
            o.nchilds = 0;
        }
        for (TidSlot o : all) {
            ThreadInfo t = o.live();
            if (t != null && t.has(ThreadInfo.CLONE_THREAD)) {
                TidSlot m = thread(ev, t.pid, true);
                if (m != null) {
                    m.nchilds++;
                }
            }
        }
    }

    /** The slot of the main thread of {@code t} (libsinsp's get_main_thread). */
    TidSlot mainSlot(ParsedEvent ev, TidSlot s, ThreadInfo t, boolean create) {
        if (t.isMainThread()) {
            return s;
        }
        return thread(ev, t.pid, create);
    }

    /** The slot whose fd table {@code t} uses (its own, or its main thread's when it shares files). */
    TidSlot tableSlot(ParsedEvent ev, TidSlot s, ThreadInfo t) {
        if ((t.flags & ThreadInfo.CLONE_FILES) == 0) {
            return s;
        }
        return mainSlot(ev, s, t, true);
    }

    /** libsinsp's get_cwd: the main thread's working directory. */
    String cwdOf(ParsedEvent ev, TidSlot s, ThreadInfo t) {
        TidSlot m = mainSlot(ev, s, t, true);
        ThreadInfo mt = m == null ? null : m.live();
        return mt == null ? "./" : mt.cwd;
    }

    /** The periodic removal of closed threads libsinsp runs on live streams (see docs/fields.md). */
    void purgeIfDue(ParsedEvent ev) {
        if (purgeIntervalNs <= 0) {
            return;
        }
        if (lastPurgeTs == 0) {
            // libsinsp runs the first scan 30 seconds in
            lastPurgeTs = ev.ts - purgeIntervalNs + Math.min(purgeIntervalNs, 30_000_000_000L);
            return;
        }
        if (ev.ts <= lastPurgeTs + purgeIntervalNs) {
            return;
        }
        lastPurgeTs = ev.ts;
        List<Long> closed = new ArrayList<>();
        shared.threads.forEach(o -> {
            ThreadInfo t = o.live();
            if (t != null && t.has(ThreadInfo.CLOSED)) {
                closed.add(t.tid);
            }
        });
        for (Long tid : closed) {
            removeThread(ev, tid, true);
        }
        if (!closed.isEmpty()) {
            recountChildren(ev);
        }
    }

    /** Applies the removals the previous event asked for, before the next one is parsed. */
    void applyDelayedRemovals(ParsedEvent ev) {
        if (tidToRemove != -1) {
            long t = tidToRemove;
            tidToRemove = -1;
            removeThread(ev, t, false);
        }
        if (!fdsToRemove.isEmpty()) {
            TidSlot s = thread(ev, fdRemovalTid, true);
            ThreadInfo t = s == null ? null : s.live();
            if (t != null) {
                TidSlot table = tableSlot(ev, s, t);
                if (table != null) {
                    for (Long fd : fdsToRemove) {
                        table.fds = table.fds.remove(fd);
                    }
                }
            }
            fdsToRemove.clear();
        }
    }

    /** Removes the thread when the next event starts (libsinsp's m_tid_to_remove, set by procexit). */
    void removeThreadLater(long tid) {
        tidToRemove = tid;
    }

    /** Removes fd {@code fd} of thread {@code tid} when the next event starts (libsinsp's m_fds_to_remove). */
    void scheduleFdRemoval(long tid, long fd) {
        fdRemovalTid = tid;
        fdsToRemove.add(fd);
    }

    // ---- the threads' fd tables

    /** Makes fd {@code fd} of the event's thread the event's fd (libsinsp get_fd). */
    void useFd(ParsedEvent ev, long fd) {
        ev.fdinfo = null;
        ev.fdTable = null;
        ev.fdKey = fd;
        ev.fdOldName = null;
        if (fd < 0 || ev.tinfo == null) {
            return;
        }
        TidSlot t = tableSlot(ev, ev.slot, ev.tinfo);
        if (t == null) {
            return;
        }
        ev.fdTable = t;
        ev.fdinfo = t.fds.get(fd);
        ev.fdOldName = ev.fdinfo == null ? null : ev.fdinfo.name;
    }

    /** Replaces the event's fd with a changed copy, in its table too. */
    void commitFd(ParsedEvent ev, FdInfo.Builder b) {
        FdInfo n = b.build();
        if (ev.fdTable != null && ev.fdTable.fds.get(ev.fdKey) == ev.fdinfo) {
            ev.fdTable.fds = ev.fdTable.fds.put(ev.fdKey, n);
        }
        ev.fdinfo = n;
    }

    /**
     * libsinsp's add_fd on the event's thread: sets the descriptor, marks it as the thread's last
     * fd and makes it the event's fd.
     *
     * @param oldName the name libsinsp compares with to decide {@code fd.name_changed}
     */
    void addEvtFd(ParsedEvent ev, long fd, FdInfo f, String oldName) {
        FdInfo added = addFd(ev, ev.slot, ev.tinfo, fd, f);
        ev.fdinfo = added;
        ev.fdTable = added == null ? null : tableSlot(ev, ev.slot, ev.tinfo);
        ev.fdKey = fd;
        ev.fdOldName = oldName;
    }

    FdInfo addFd(ParsedEvent ev, TidSlot s, ThreadInfo t, long fd, FdInfo f) {
        s.lastFd = fd;
        TidSlot table = tableSlot(ev, s, t);
        if (table == null) {
            return null;
        }
        FdInfo existing = table.fds.get(fd);
        if (existing == null) {
            if (table.fds.size() >= MAX_FDS) {
                return null;
            }
        } else if (existing.has(FdInfo.CLOSE_IN_PROGRESS)) {
            // a new fd with the number of one being closed: the coming close exit must not drop it
            FdInfo.Builder b = f.toBuilder();
            b.flags = (b.flags & ~FdInfo.CLOSE_IN_PROGRESS) | FdInfo.CLOSE_CANCELED;
            f = b.build();
            table.fds = table.fds.put(FdTable.CANCELED, existing);
        }
        table.fds = table.fds.put(fd, f);
        return f;
    }
}

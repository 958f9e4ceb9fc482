package org.lanner.syscall.internal;

import org.lanner.api.event.Event;

/**
 * The handlers of process events, as libsinsp's parser has them: clone/fork/vfork, execve,
 * process exit, credentials, rlimit/prlimit, chroot, setsid, and the memory and page-fault
 * counters of context switches and brk/mmap/munmap. Each handler reads and updates the
 * {@link ParsedEvent} it is given and keeps nothing of the event.
 */
final class ProcessHandlers {

    /** A clone exit of a thread older than this is a stale entry (libsinsp CLONE_STALE_TIME_NS). */
    static final long CLONE_STALE_NS = 2_000_000_000L;

    private static final int EXVAT_AT_EMPTY_PATH = 1;
    private static final int RLIMIT_NOFILE = 7;

    private final ThreadTable threads;
    private final ContainerHandlers containers;
    private final FileHandlers files;

    ProcessHandlers(ThreadTable threads, ContainerHandlers containers, FileHandlers files) {
        this.threads = threads;
        this.containers = containers;
        this.files = files;
    }

    /**
     * libsinsp's parse_clone_exit: the new thread or process, from its parent (or from the child's own
     * exit when it comes first).
     */
    void cloneExit(ParsedEvent ev, Event e, int type) {
        long tid = e.threadId();
        long childtid = Params.s64(e, 0);
        boolean v11 = type == Ppme.SYSCALL_CLONE_11_X;
        boolean v16 = type == Ppme.SYSCALL_CLONE_16_X || type == Ppme.SYSCALL_FORK_X || type == Ppme.SYSCALL_VFORK_X;
        boolean v17 = type == Ppme.SYSCALL_CLONE_17_X || type == Ppme.SYSCALL_FORK_17_X || type == Ppme.SYSCALL_VFORK_17_X;
        boolean v20 = !v11 && !v16 && !v17;
        int flags = Params.u32(e, v11 ? 8 : v16 ? 13 : v17 ? 14 : 15);
        if (childtid < 0) {
            return;
        }
        long vtid = tid;
        long vpid = -1;
        if (v20) {
            vtid = Params.s64(e, 18);
            vpid = Params.s64(e, 19);
        }
        boolean inContainer = (flags & ThreadInfo.CHILD_IN_PIDNS) != 0 || tid != vtid;
        boolean inverted = false;
        boolean collision = false;
        if (childtid == 0) {
            if (ev.tinfo != null && ev.tinfo.cloneTs != 0 && ev.ts - ev.tinfo.cloneTs > CLONE_STALE_NS) {
                threads.removeThread(ev, tid, true);
            }
            long parent = Params.s64(e, (flags & ThreadInfo.CLONE_THREAD) != 0 ? 4 : 5);
            if (ev.tinfo == null) {
                inverted = true;
                childtid = tid;
                tid = parent;
            } else {
                if (inContainer) {
                    ThreadInfo.Builder b = ev.tinfo.toBuilder();
                    b.vtid = vtid;
                    b.vpid = vpid;
                    threads.publish(ev, ev.slot, b);
                }
                return;
            }
        } else if (inContainer) {
            return;
        }
        TidSlot ps = threads.thread(ev, tid, true);
        ThreadInfo pt = ps == null ? null : ps.live();
        if (pt == null) {
            return;
        }
        boolean valid = !("<NA>".equals(pt.comm) && pt.uid == -1);
        TidSlot existing = threads.find(childtid);
        if (existing != null) {
            if (existing.live().has(ThreadInfo.CLONE_INVERTED)) {
                return;
            }
            threads.removeThread(ev, childtid, true);
            collision = true;
        }
        ThreadInfo.Builder b = new ThreadInfo.Builder();
        b.tid = childtid;
        b.ptid = tid;
        boolean isThread = (flags & ThreadInfo.CLONE_THREAD) != 0;
        if (valid) {
            copyFromParent(b, pt, isThread);
        } else {
            threads.removeThread(ev, tid, true);
            collision = true;
            ps = threads.thread(ev, tid, true);
            pt = ps == null ? null : ps.live();
            if (pt == null) {
                return;
            }
            if (!"<NA>".equals(pt.comm) && pt.uid != -1) {
                copyFromParent(b, pt, isThread);
            } else {
                b.exe = Params.str(e, 1);
                b.comm = v11 || v16 ? b.exe : Params.str(e, 13);
                b.args = Params.strings(e, 2);
                ThreadInfo.Builder pb = pt.toBuilder();
                pb.comm = b.comm;
                pb.exe = b.exe;
                pb.exepath = b.exepath;
                pb.args = b.args;
                pt = threads.publish(ev, ps, pb);
            }
        }
        b.pid = Params.s64(e, 4);
        b.flags = flags;
        FdTable childFds = FdTable.EMPTY;
        if (!isThread) {
            b.pid = childtid;
            TidSlot ptable = threads.tableSlot(ev, ps, pt);
            childFds = ptable == null ? FdTable.EMPTY : ptable.fds;
            b.cwd = threads.cwdOf(ev, ps, pt);
        }
        if (inverted) {
            b.flags |= ThreadInfo.CLONE_INVERTED;
        }
        b.exe = Params.str(e, 1);
        b.comm = v11 || v16 ? b.exe : Params.str(e, 13);
        b.args = Params.strings(e, 2);
        b.fdlimit = Params.s64(e, 7);
        int uidIdx = v11 ? 9 : v16 ? 14 : v17 ? 15 : 16;
        b.uid = Params.u32(e, uidIdx);
        b.gid = Params.u32(e, uidIdx + 1);
        if (inContainer) {
            b.vtid = vtid;
            b.vpid = vpid;
        } else {
            b.vtid = b.tid;
            b.vpid = b.pid;
        }
        if (v20) {
            b.cgroups = Params.cgroups(e, 14);
            containers.resolveContainer(b);
        }
        b.cloneTs = ev.ts;
        if (threads.isFull()) {
            return;
        }
        TidSlot cs = threads.newThread(childtid);
        if (!v11) {
            cs.pfmajor = Params.s64(e, 8);
            cs.pfminor = Params.s64(e, 9);
            cs.vmsize = Params.u32(e, 10) & 0xffffffffL;
            cs.vmrss = Params.u32(e, 11) & 0xffffffffL;
            cs.vmswap = Params.u32(e, 12) & 0xffffffffL;
        }
        cs.fds = childFds;
        threads.publish(ev, cs, b);
        if (isThread) {
            TidSlot m = threads.thread(ev, b.pid, true);
            if (m != null) {
                m.nchilds++;
            }
        }
        if (collision) {
            ev.slot = threads.find(e.threadId());
            ev.tinfo = ev.slot == null ? null : ev.slot.live();
        }
    }

    /** What a child inherits from its parent (the environment only when it is a process). */
    private static void copyFromParent(ThreadInfo.Builder b, ThreadInfo pt, boolean isThread) {
        b.comm = pt.comm;
        b.exe = pt.exe;
        b.exepath = pt.exepath;
        b.exeWritable = pt.exeWritable;
        b.args = pt.args;
        b.root = pt.root;
        b.sid = pt.sid;
        b.vpgid = pt.vpgid;
        b.tty = pt.tty;
        b.loginuid = pt.loginuid;
        if (!isThread) {
            b.env = pt.env;
        }
    }

    /** libsinsp's parse_execve_exit: the new program, arguments, environment, cgroups and executable path. */
    void execveExit(ParsedEvent ev, Event e, int type) {
        if (Params.s64(e, 0) < 0 || ev.tinfo == null) {
            return;
        }
        int version;
        switch (type) {
            case Ppme.SYSCALL_EXECVE_8_X -> version = 8;
            case Ppme.SYSCALL_EXECVE_13_X -> version = 13;
            case Ppme.SYSCALL_EXECVE_14_X -> version = 14;
            case Ppme.SYSCALL_EXECVE_15_X -> version = 15;
            case Ppme.SYSCALL_EXECVE_16_X -> version = 16;
            case Ppme.SYSCALL_EXECVE_17_X -> version = 17;
            case Ppme.SYSCALL_EXECVE_18_X -> version = 18;
            case Ppme.SYSCALL_EXECVE_19_X -> version = 19;
            default -> version = 20;
        }
        ThreadInfo.Builder b = ev.tinfo.toBuilder();
        b.exe = Params.str(e, 1);
        b.comm = version <= 14 ? b.exe : Params.str(e, 13);
        b.args = Params.strings(e, 2);
        b.pid = Params.s64(e, 4);
        if (b.ptid == -1) {
            b.ptid = Params.s64(e, 5);
        }
        b.fdlimit = Params.s64(e, 7);
        if (version > 8) {
            ev.slot.pfmajor = Params.s64(e, 8);
            ev.slot.pfminor = Params.s64(e, 9);
            ev.slot.vmsize = Params.u32(e, 10) & 0xffffffffL;
            ev.slot.vmrss = Params.u32(e, 11) & 0xffffffffL;
            ev.slot.vmswap = Params.u32(e, 12) & 0xffffffffL;
        }
        if (version == 14) {
            b.env = Params.env(e, 13);
        } else if (version == 15) {
            b.env = Params.env(e, 14);
        } else if (version >= 16) {
            b.env = Params.env(e, 15);
            b.cgroups = Params.cgroups(e, 14);
            containers.resolveContainer(b);
        }
        if (version >= 17) {
            b.tty = Params.u32(e, 16);
        }
        if (version == 18 || version == 19) {
            RecordView en = ev.enterOf(e);
            if (en != null) {
                if (Params.startsWith(en, 0, "<NA>")) {
                    b.exepath = "<NA>";
                } else {
                    b.exepath = Paths.resolve(ev.tinfo.cwd, Params.array(en), Params.arrayOffset(en, 0), Params.textLength(en, 0),
                            Params.len(en, 0), Paths.MAX_PATH);
                }
            }
        } else if (version == 20) {
            RecordView en = ev.enterOf(e);
            if (en != null) {
                if (Params.startsWith(en, 1, "<NA>")) {
                    b.exepath = "<NA>";
                } else {
                    long dirfd = Params.s64(en, 0);
                    int flags = Params.u32(en, 2);
                    String sdir = files.dirOf(ev, en, 1, dirfd);
                    if ((flags & EXVAT_AT_EMPTY_PATH) != 0 && Params.textLength(en, 1) == 0) {
                        b.exepath = Paths.resolve(sdir, sdir, Paths.MAX_PATH);
                    } else {
                        b.exepath = Paths.resolve(sdir, Params.array(en), Params.arrayOffset(en, 1), Params.textLength(en, 1),
                                Params.len(en, 1), Paths.MAX_PATH);
                    }
                }
            }
        }
        if (version >= 19) {
            b.vpgid = Params.s64(e, 17);
        }
        int n = Params.count(e);
        if (n > 18) {
            b.loginuid = Params.u32(e, 18);
        }
        if (n > 19) {
            b.exeWritable = (Params.u32(e, 19) & 1) != 0;
        }
        int keep = b.flags & (ThreadInfo.PIPE_SRC | ThreadInfo.PIPE_DST | ThreadInfo.IS_MAIN_THREAD | ThreadInfo.CLONE_INVERTED);
        b.flags = ThreadInfo.ACTIVE | keep | ThreadInfo.NAME_CHANGED;
        threads.publish(ev, ev.slot, b);
    }

    /** libsinsp's parse_thread_exit: the thread is closed, and removed when the next event starts. */
    void procexit(ParsedEvent ev, Event e) {
        if (ev.tinfo != null) {
            ThreadInfo.Builder b = ev.tinfo.toBuilder();
            b.flags |= ThreadInfo.CLOSED;
            threads.publish(ev, ev.slot, b);
            threads.removeThreadLater(e.threadId());
        }
    }

    /**
     * libsinsp's parse_setresuid_exit, parse_setresgid_exit, parse_setuid_exit, parse_setgid_exit: the new
     * effective user or group.
     */
    void credentialsExit(ParsedEvent ev, Event e, int type) {
        if (Params.s64(e, 0) < 0) {
            return;
        }
        RecordView en = ev.enterOf(e);
        if (en == null) {
            return;
        }
        ThreadInfo.Builder b = ev.tinfo.toBuilder();
        switch (type) {
            case Ppme.SYSCALL_SETRESUID_X: {
                int euid = Params.u32(en, 1);
                if (euid == -1) {
                    return;
                }
                b.uid = euid;
                break;
            }
            case Ppme.SYSCALL_SETRESGID_X: {
                int egid = Params.u32(en, 1);
                if (egid == -1) {
                    return;
                }
                b.gid = egid;
                break;
            }
            case Ppme.SYSCALL_SETUID_X:
                b.uid = Params.u32(en, 0);
                break;
            default:
                b.gid = Params.u32(en, 0);
                break;
        }
        threads.publish(ev, ev.slot, b);
    }

    /** libsinsp's parse_setsid_exit: the new session id. */
    void setsidExit(ParsedEvent ev, Event e) {
        if (Params.s64(e, 0) >= 0 && ev.tinfo != null) {
            ThreadInfo.Builder b = ev.tinfo.toBuilder();
            b.sid = Params.s64(e, 0);
            threads.publish(ev, ev.slot, b);
        }
    }

    /** Sets the fd limit of the process of {@code t} (kept by its main thread). */
    private void setFdlimit(ParsedEvent ev, TidSlot s, ThreadInfo t, long limit) {
        TidSlot m = threads.mainSlot(ev, s, t, true);
        ThreadInfo mt = m == null ? null : m.live();
        if (mt != null) {
            ThreadInfo.Builder b = mt.toBuilder();
            b.fdlimit = limit;
            threads.publish(ev, m, b);
        }
    }

    /** libsinsp's parse_getrlimit_setrlimit_exit: the process's fd limit. */
    void rlimitExit(ParsedEvent ev, Event e) {
        if (ev.tinfo == null || Params.s64(e, 0) < 0) {
            return;
        }
        RecordView en = ev.enterOf(e);
        if (en == null || Params.u8(en, 0) != RLIMIT_NOFILE) {
            return;
        }
        long cur = Params.s64(e, 1);
        if (cur != -1) {
            setFdlimit(ev, ev.slot, ev.tinfo, cur);
        }
    }

    /** libsinsp's parse_prlimit_exit: the fd limit of the target process. */
    void prlimitExit(ParsedEvent ev, Event e) {
        if (Params.s64(e, 0) < 0) {
            return;
        }
        RecordView en = ev.enterOf(e);
        if (en == null || Params.u8(en, 1) != RLIMIT_NOFILE) {
            return;
        }
        long cur = Params.s64(e, 1);
        if (cur == -1) {
            return;
        }
        long tid = Params.s64(en, 0);
        if (tid == 0) {
            tid = e.threadId();
        }
        TidSlot s = threads.thread(ev, tid, true);
        ThreadInfo t = s == null ? null : s.live();
        if (t != null) {
            setFdlimit(ev, s, t, cur);
        }
    }

    /** libsinsp's parse_chroot_exit: the new root, and the container it implies. */
    void chrootExit(ParsedEvent ev, Event e) {
        if (Params.s64(e, 0) != 0 || ev.tinfo == null) {
            return;
        }
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, 1);
        int len = Params.len(e, 1);
        String raw = Render.sanitizedText(a, off, len);
        String root = raw;
        if (len > 0 && a[off] != '/' && !Params.startsWith(e, 1, "<NA>")) {
            root = Paths.resolve(threads.cwdOf(ev, ev.slot, ev.tinfo), a, off, Params.textLength(e, 1), len, 0);
        }
        ThreadInfo.Builder b = ev.tinfo.toBuilder();
        b.root = root;
        containers.resolveContainer(b);
        threads.publish(ev, ev.slot, b);
    }

    /** libsinsp's parse_context_switch: the thread's page faults and its process's memory counters. */
    void contextSwitch(ParsedEvent ev, Event e) {
        if (ev.tinfo != null && Params.count(e) >= 6) {
            ev.slot.pfmajor = Params.s64(e, 1);
            ev.slot.pfminor = Params.s64(e, 2);
            TidSlot m = threads.mainSlot(ev, ev.slot, ev.tinfo, true);
            if (m != null) {
                m.vmsize = Params.u32(e, 3) & 0xffffffffL;
                m.vmrss = Params.u32(e, 4) & 0xffffffffL;
                m.vmswap = Params.u32(e, 5) & 0xffffffffL;
            }
        }
    }

    /** libsinsp's parse_brk_munmap_mmap_exit: the thread's memory counters. */
    void memoryExit(ParsedEvent ev, Event e) {
        if (ev.tinfo != null) {
            ev.slot.vmsize = Params.u32(e, 1) & 0xffffffffL;
            ev.slot.vmrss = Params.u32(e, 2) & 0xffffffffL;
            ev.slot.vmswap = Params.u32(e, 3) & 0xffffffffL;
        }
    }
}

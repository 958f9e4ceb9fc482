package org.lanner.syscall.internal;

import org.lanner.api.event.Event;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.FdEntry;

/**
 * The handlers of file and descriptor events, as libsinsp's parser has them: open, close, pipe,
 * dup, fcntl, the fds of eventfd/signalfd/timerfd/inotify, chdir/fchdir/getcwd, and the read and
 * write family (which also learns a socket's tuple from what it carries). Each handler reads and
 * updates the {@link ParsedEvent} it is given and keeps nothing of the event.
 */
final class FileHandlers {

    private static final long AT_FDCWD = -100;
    private static final int O_DIRECTORY = 1 << 10;
    private static final int F_DUPFD = 1;
    private static final int F_DUPFD_CLOEXEC = 26;
    /** The file libsinsp's tracer writes to: its fds are marked as such. */
    static final String TRACER_DEVICE = "/dev/null";

    private final ThreadTable threads;
    private final SocketTuples tuples;

    FileHandlers(ThreadTable threads, SocketTuples tuples) {
        this.threads = threads;
        this.tuples = tuples;
    }

    /** libsinsp's parse_open_openat_creat_exit: the new file or directory fd, with its full path. */
    void openExit(ParsedEvent ev, Event e, int type) {
        if (ev.tinfo == null) {
            return;
        }
        RecordView en = ev.enterOf(e);
        long fd = Params.s64(e, 0);
        Event src = e;
        int nameIdx;
        int flags;
        int dev = 0;
        String sdir;
        if (type == Ppme.SYSCALL_OPEN_X) {
            nameIdx = 1;
            flags = Params.u32(e, 2);
            if (Params.count(e) > 4) {
                dev = Params.u32(e, 4);
            }
            if (en != null && Params.count(en) >= 2 && Params.len(en, 0) != 0 && !isNullText(en, 0)) {
                src = en;
                nameIdx = 0;
                flags = Params.u32(en, 1);
            }
            sdir = threads.cwdOf(ev, ev.slot, ev.tinfo);
        } else if (type == Ppme.SYSCALL_CREAT_X) {
            nameIdx = 1;
            flags = 0;
            if (Params.count(e) > 3) {
                dev = Params.u32(e, 3);
            }
            if (en != null && Params.count(en) >= 1 && Params.len(en, 0) != 0 && !isNullText(en, 0)) {
                src = en;
                nameIdx = 0;
            }
            sdir = threads.cwdOf(ev, ev.slot, ev.tinfo);
        } else if (type == Ppme.SYSCALL_OPENAT_X) {
            if (en == null) {
                return;
            }
            src = en;
            nameIdx = 1;
            flags = Params.u32(en, 2);
            sdir = dirOf(ev, en, 1, Params.s64(en, 0));
        } else {
            nameIdx = 2;
            flags = Params.u32(e, 3);
            long dirfd = Params.s64(e, 1);
            if (type == Ppme.SYSCALL_OPENAT_2_X && Params.count(e) > 5) {
                dev = Params.u32(e, 5);
            }
            if (en != null && Params.count(en) >= 3 && Params.len(en, 1) != 0 && !isNullText(en, 1)) {
                src = en;
                nameIdx = 1;
                flags = Params.u32(en, 2);
                dirfd = Params.s64(en, 0);
            }
            sdir = dirOf(ev, src, nameIdx, dirfd);
        }
        String fullpath = Paths.resolve(sdir, Params.array(src), Params.arrayOffset(src, nameIdx), Params.textLength(src, nameIdx),
                Params.len(src, nameIdx), Paths.MAX_PATH);
        if (fd >= 0) {
            FdInfo.Builder b = FdInfo.builder();
            b.type = (flags & O_DIRECTORY) != 0 ? FdEntry.DIRECTORY : FdEntry.FILE_V2;
            b.openFlags = flags;
            b.dev = dev;
            b.name = fullpath;
            b.flags = TRACER_DEVICE.equals(fullpath) ? FdInfo.IS_TRACER_FILE : FdInfo.IS_NOT_TRACER_FD;
            threads.addEvtFd(ev, fd, b.build(), "");
        }
    }

    private static boolean isNullText(Event e, int i) {
        return Params.len(e, i) >= 6 && Params.startsWith(e, i, "(NULL)") && Params.textLength(e, i) == 6;
    }

    /**
     * libsinsp's parse_dirfd: the base directory of a path relative to a directory fd. As in
     * libsinsp, looking the directory fd up makes it the event's fd.
     */
    String dirOf(ParsedEvent ev, Event src, int nameIdx, long dirfd) {
        if (Params.len(src, nameIdx) > 0 && Params.array(src)[Params.arrayOffset(src, nameIdx)] == '/') {
            return ".";
        }
        if (dirfd == AT_FDCWD) {
            return threads.cwdOf(ev, ev.slot, ev.tinfo);
        }
        threads.useFd(ev, dirfd);
        if (ev.fdinfo == null) {
            return "<UNKNOWN>";
        }
        return ev.fdinfo.name + "/";
    }

    /** libsinsp's parse_close_enter: marks the event's fd as being closed. */
    void closeEnter(ParsedEvent ev) {
        if (ev.tinfo != null && ev.fdinfo != null) {
            FdInfo.Builder b = ev.fdinfo.toBuilder();
            b.flags |= FdInfo.CLOSE_IN_PROGRESS;
            threads.commitFd(ev, b);
        }
    }

    /** libsinsp's parse_close_exit: the fd goes when the next event starts, or stays when the close failed. */
    void closeExit(ParsedEvent ev, Event e) {
        long retval = Params.s64(e, 0);
        if (retval >= 0) {
            if (ev.fdinfo == null || ev.tinfo == null) {
                return;
            }
            if (ev.fdinfo.has(FdInfo.CLOSE_CANCELED)) {
                FdInfo.Builder b = ev.fdinfo.toBuilder();
                b.flags &= ~FdInfo.CLOSE_CANCELED;
                threads.commitFd(ev, b);
                TidSlot table = threads.tableSlot(ev, ev.slot, ev.tinfo);
                if (table != null && table.fds.get(FdTable.CANCELED) != null) {
                    threads.scheduleFdRemoval(ev.tinfo.tid, FdTable.CANCELED);
                }
            } else {
                threads.scheduleFdRemoval(ev.tinfo.tid, ev.slot.lastFd);
            }
        } else if (ev.fdinfo != null) {
            FdInfo.Builder b = ev.fdinfo.toBuilder();
            b.flags &= ~FdInfo.CLOSE_IN_PROGRESS;
            threads.commitFd(ev, b);
        }
    }

    /** libsinsp's parse_pipe_exit: the two ends of the pipe. */
    void pipeExit(ParsedEvent ev, Event e) {
        if (Params.s64(e, 0) < 0 || ev.tinfo == null) {
            return;
        }
        long ino = Params.s64(e, 3);
        for (int i = 1; i <= 2; i++) {
            FdInfo.Builder b = FdInfo.builder();
            b.type = FdEntry.FIFO;
            b.ino = ino;
            threads.addEvtFd(ev, Params.s64(e, i), b.build(), "");
        }
    }

    /**
     * libsinsp's parse_eventfd_exit, parse_signalfd_exit, parse_timerfd_create_exit and
     * parse_inotify_init_exit: a new fd of {@code fdType}.
     */
    void newFd(ParsedEvent ev, Event e, int fdType) {
        if (ev.tinfo == null) {
            return;
        }
        long fd = Params.s64(e, 0);
        if (fd < 0) {
            return;
        }
        FdInfo.Builder b = FdInfo.builder();
        b.type = fdType;
        threads.addEvtFd(ev, fd, b.build(), "");
    }

    /** libsinsp's parse_dup_exit: the new fd shares the event's fd; a dup onto stdin or stdout marks a pipe end. */
    void dupExit(ParsedEvent ev, Event e) {
        if (ev.tinfo == null) {
            return;
        }
        long retval = Params.s64(e, 0);
        if (retval < 0) {
            return;
        }
        if (retval == 0 || retval == 1) {
            ThreadInfo.Builder b = ev.tinfo.toBuilder();
            b.flags |= retval == 0 ? ThreadInfo.PIPE_DST : ThreadInfo.PIPE_SRC;
            threads.publish(ev, ev.slot, b);
        }
        if (ev.fdinfo == null) {
            return;
        }
        threads.addEvtFd(ev, retval, ev.fdinfo, ev.fdOldName);
    }

    /** libsinsp's parse_fcntl_enter: keeps the enter event of a descriptor duplication for the exit. */
    void fcntlEnter(ParsedEvent ev, Event e) {
        if (ev.tinfo != null) {
            int cmd = Params.u8(e, 1);
            if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
                ev.storeEvent(e);
            }
        }
    }

    /** libsinsp's parse_fcntl_exit: the new descriptor of a duplication shares the event's fd. */
    void fcntlExit(ParsedEvent ev, Event e) {
        if (ev.enterOf(e) != null && Params.s64(e, 0) >= 0 && ev.fdinfo != null) {
            threads.addEvtFd(ev, Params.s64(e, 0), ev.fdinfo, ev.fdOldName);
        }
    }

    /** chdir and getcwd exits: the path becomes the process's working directory (libsinsp parse_chdir_exit). */
    void cwdExit(ParsedEvent ev, Event e) {
        if (ev.tinfo != null && Params.s64(e, 0) >= 0) {
            setCwd(ev, Params.array(e), Params.arrayOffset(e, 1), Params.textLength(e, 1), Params.len(e, 1));
        }
    }

    /** libsinsp's parse_fchdir_exit: the directory of the event's fd becomes the working directory. */
    void fchdirExit(ParsedEvent ev, Event e) {
        if (Params.s64(e, 0) >= 0 && ev.fdinfo != null && ev.tinfo != null) {
            byte[] n = ev.fdinfo.nameBytes();
            setCwd(ev, n, 0, n.length, n.length);
        }
    }

    private void setCwd(ParsedEvent ev, byte[] path, int off, int textLen, int declaredLen) {
        TidSlot m = threads.mainSlot(ev, ev.slot, ev.tinfo, true);
        ThreadInfo mt = m == null ? null : m.live();
        if (mt == null) {
            return;
        }
        ThreadInfo.Builder b = mt.toBuilder();
        b.cwd = withSlash(Paths.resolve(mt.cwd, path, off, textLen, declaredLen, Paths.MAX_PATH));
        threads.publish(ev, m, b);
    }

    /** A working directory with the trailing slash libsinsp keeps on it. */
    static String withSlash(String cwd) {
        return cwd.isEmpty() || cwd.charAt(cwd.length() - 1) != '/' ? cwd + "/" : cwd;
    }

    /** libsinsp's parse_rw_exit: a read or write on a socket connects it and may tell its tuple and role. */
    void rwExit(ParsedEvent ev, Event e, int type, EventInfo info) {
        if (ev.fdinfo == null) {
            return;
        }
        long retval = Params.s64(e, 0);
        if (retval < 0) {
            return;
        }
        FdInfo.Builder b = ev.fdinfo.toBuilder();
        if (b.type == FdEntry.IPV4_SOCK || b.type == FdEntry.IPV6_SOCK) {
            b.connected();
        }
        boolean reads = info.has(EventFlags.READS_FROM_FD);
        int tupleParam = -1;
        if (reads) {
            tupleParam = type == Ppme.SOCKET_RECVFROM_X ? 2 : type == Ppme.SOCKET_RECVMSG_X ? 3 : -1;
        } else if (type == Ppme.SOCKET_SENDTO_X || type == Ppme.SOCKET_SENDMSG_X) {
            tupleParam = 2;
        }
        Event src = e;
        if (tupleParam != -1 && (b.name.isEmpty() || !(b.type == FdEntry.IPV4_SOCK && b.u8(FdInfo.V4_L4) == FdInfo.L4_TCP))) {
            if (!reads) {
                src = ev.enterOf(e);
                if (src == null) {
                    threads.commitFd(ev, b);
                    return;
                }
            }
            if (tuples.updateFd(b, src, tupleParam)) {
                if (b.type == FdEntry.IPV4_SOCK || b.type == FdEntry.IPV6_SOCK) {
                    if (b.isRoleNone()) {
                        tuples.guessRole(ev, b, reads);
                    }
                    if (reads ? b.isRoleClient() : b.isRoleServer()) {
                        SocketTuples.swap(b);
                    }
                    SocketTuples.sockinfoToStr(b);
                } else {
                    b.name = Render.socktuple(Params.array(src), Params.arrayOffset(src, tupleParam), Params.len(src, tupleParam));
                }
            }
        }
        threads.commitFd(ev, b);
    }
}

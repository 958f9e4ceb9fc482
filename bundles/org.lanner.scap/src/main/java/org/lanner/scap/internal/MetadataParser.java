package org.lanner.scap.internal;

import java.util.ArrayList;
import java.util.List;

import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.UserEntry;
import org.lanner.scap.internal.SnapshotBuilder.ThreadBuilder;

/**
 * Parses the bodies of the header blocks (machine info, process lists v1..v9, fd lists v1/v2,
 * interface lists v1/v2, user lists v1/v2) into a {@link SnapshotBuilder}, with libscap's length
 * limits. Layouts: process-list.md.
 */
final class MetadataParser {

    /** comm, exe, exepath, cwd, root (SCAP_MAX_PATH_SIZE). */
    static final int MAX_PATH = 1024;
    /** args, env, cgroups (SCAP_MAX_ARGS_SIZE and friends). */
    static final int MAX_LIST = 4096;
    /** fd names and interface names must be shorter than SCAP_MAX_PATH_SIZE. */
    static final int MAX_NAME = MAX_PATH - 1;
    /** user and group names, home directories and shells must be shorter than MAX_CREDENTIALS_STR_LEN. */
    static final int MAX_CREDENTIAL = 255;
    /** The machine info body the reader knows. */
    static final int MACHINE_INFO_SIZE = 180;
    /** Extra bytes at the end of a v9 entry up to which the entry has the layout before libs 0.10. */
    private static final int PRE_0_10_TAIL = 29;

    private MetadataParser() {
    }

    static void machineInfo(BodyReader r, SnapshotBuilder sb) throws ScapFormatException {
        if (r.bodyRemaining() < MACHINE_INFO_SIZE) {
            throw r.error("body of " + r.bodyRemaining() + " bytes is shorter than the " + MACHINE_INFO_SIZE + " of a machine info");
        }
        int cpus = r.i32("num_cpus");
        long memory = r.i64("memory_size_bytes");
        long maxPid = r.i64("max_pid");
        String host = r.fixedString(128, "hostname");
        sb.machine(new MachineInfo(cpus, memory, maxPid, host));
    }

    static void processList(BodyReader r, SnapshotBuilder sb, int version) throws ScapFormatException {
        int index = 0;
        while (r.bodyRemaining() >= 4) {
            int start = r.position();
            index++;
            r.entry("entry " + index);
            long entryLength = 0;
            if (version >= 9) {
                entryLength = r.u32("entry length");
                if (entryLength != 0) {
                    r.limitTo(start, entryLength, "entry");
                }
            }
            ThreadBuilder t = new ThreadBuilder();
            t.tid = r.i64("tid");
            r.entry("entry " + index + " (tid " + t.tid + ")");
            t.pid = r.i64("pid");
            t.ptid = r.i64("ptid");
            if (version >= 6) {
                t.sid = r.i64("sid");
            }
            if (version >= 8) {
                t.vpgid = r.i64("vpgid");
            }
            t.comm = r.str16("comm", MAX_PATH);
            t.exe = r.str16("exe", MAX_PATH);
            if (version >= 7) {
                t.exepath = r.str16("exepath", MAX_PATH);
            }
            t.args = r.list16("args", MAX_LIST);
            t.cwd = r.str16("cwd", MAX_PATH);
            t.fdlimit = r.i64("fdlimit");
            t.flags = r.i32("flags");
            t.uid = r.i32("uid");
            t.gid = r.i32("gid");
            if (version >= 2) {
                t.vmsizeKb = r.i32("vmsize_kb");
                t.vmrssKb = r.i32("vmrss_kb");
                t.vmswapKb = r.i32("vmswap_kb");
                t.pfMajor = r.i64("pfmajor");
                t.pfMinor = r.i64("pfminor");
            }
            if (version >= 3) {
                t.env = r.list16("env", MAX_LIST);
            }
            if (version >= 4) {
                t.vtid = r.i64("vtid");
                t.vpid = r.i64("vpid");
                t.cgroups = r.list16("cgroups", MAX_LIST);
            }
            if (version >= 5) {
                t.root = r.str16("root", MAX_PATH);
            }
            if (entryLength != 0) {
                // Optional fields, read when the entry is long enough. Libs 0.10 and later insert
                // pidns_init_start_ts and tty before loginuid; they are recognised, as libscap
                // does, by more than 29 bytes following root.
                if (r.remaining() > PRE_0_10_TAIL) {
                    if (r.remaining() >= 8) {
                        r.skip(8, "pidns_init_start_ts");
                    }
                    if (r.remaining() >= 4) {
                        r.skip(4, "tty");
                    }
                }
                if (r.remaining() >= 4) {
                    t.loginuid = r.i32("loginuid");
                }
                if (r.remaining() >= 1) {
                    t.exeWritable = r.u8("exe_writable") != 0;
                }
                r.seek(start + (int) entryLength);
                r.unlimit();
            }
            sb.thread(t);
        }
    }

    static void fdList(BodyReader r, SnapshotBuilder sb, boolean v2) throws ScapFormatException {
        long tid = r.i64("tid");
        ThreadBuilder thread = sb.thread(tid);
        if (thread == null) {
            throw r.error("fd list of thread " + tid + ", which no process list entry names");
        }
        int index = 0;
        while (r.bodyRemaining() >= 4) {
            int start = r.position();
            index++;
            r.entry("tid " + tid + " fd entry " + index);
            long entryLength = 0;
            if (v2) {
                entryLength = r.u32("entry length");
                if (entryLength != 0) {
                    r.limitTo(start, entryLength, "entry");
                }
            }
            long fd = r.i64("fd");
            long ino = r.i64("ino");
            int type = r.u8("type");
            r.entry("tid " + tid + " fd " + fd);
            FdEntry entry = switch (type) {
                case FdEntry.IPV4_SOCK, FdEntry.IPV6_SOCK -> {
                    int width = type == FdEntry.IPV4_SOCK ? 4 : 16;
                    byte[] sip = r.bytes(width, "sip");
                    byte[] dip = r.bytes(width, "dip");
                    int sport = r.u16("sport");
                    int dport = r.u16("dport");
                    yield FdEntry.socket(fd, ino, type, sip, sport, dip, dport, r.u8("l4proto"));
                }
                case FdEntry.IPV4_SERVSOCK -> FdEntry.serverSocket(fd, ino, type, r.bytes(4, "ip"), r.u16("port"), r.u8("l4proto"));
                case FdEntry.IPV6_SERVSOCK -> FdEntry.serverSocket(fd, ino, type, r.bytes(16, "ip"), r.u16("port"), r.u8("l4proto"));
                case FdEntry.UNIX_SOCK -> {
                    long source = r.i64("source");
                    long dest = r.i64("destination");
                    yield FdEntry.unixSocket(fd, ino, source, dest, r.str16("name", MAX_NAME));
                }
                case FdEntry.FILE_V2 -> {
                    int openFlags = r.i32("open_flags");
                    String name = r.str16("name", MAX_NAME);
                    int dev = entryLength != 0 && r.remaining() >= 4 ? r.i32("dev") : 0;
                    yield FdEntry.named(fd, ino, type, name, openFlags, dev);
                }
                case FdEntry.FILE, FdEntry.DIRECTORY, FdEntry.FIFO, FdEntry.EVENT, FdEntry.UNSUPPORTED,
                        FdEntry.SIGNALFD, FdEntry.EVENTPOLL, FdEntry.INOTIFY, FdEntry.TIMERFD, FdEntry.NETLINK,
                        FdEntry.BPF, FdEntry.USERFAULTFD, FdEntry.IOURING, FdEntry.MEMFD, FdEntry.PIDFD ->
                    FdEntry.named(fd, ino, type, r.str16("name", MAX_NAME), 0, 0);
                case FdEntry.UNKNOWN -> FdEntry.named(fd, ino, type, "", 0, 0);
                default -> {
                    if (entryLength == 0) {
                        throw r.error("unknown fd type " + type + " in an entry without length");
                    }
                    // From a newer library: its length lets us skip it; kept as libscap does.
                    yield FdEntry.named(fd, ino, FdEntry.UNSUPPORTED, "unknown-type:[" + type + "]", 0, 0);
                }
            };
            if (entryLength != 0) {
                r.seek(start + (int) entryLength);
                r.unlimit();
            }
            thread.fds.put(fd, entry);
        }
    }

    static void interfaceList(BodyReader r, SnapshotBuilder sb, boolean v2) throws ScapFormatException {
        List<InterfaceEntry> out = new ArrayList<>();
        int index = 0;
        while (r.bodyRemaining() >= 4) {
            int start = r.position();
            index++;
            r.entry("entry " + index);
            long size;
            int type;
            int nameLength;
            if (v2) {
                long length = r.u32("entry length");
                size = 4 + length;
                r.limitTo(start, size, "entry");
                type = r.u16("type");
                nameLength = r.u16("ifnamelen");
            } else {
                type = r.u16("type");
                nameLength = r.u16("ifnamelen");
                size = switch (type) {
                    case 1 -> 24 + nameLength;
                    case 2 -> 60 + nameLength;
                    case 3 -> 16 + nameLength;
                    case 4 -> 52 + nameLength;
                    default -> throw r.error("unknown interface type " + type);
                };
                r.limitTo(start, size, "entry");
            }
            if (nameLength > MAX_NAME) {
                throw r.error("ifnamelen " + nameLength + " exceeds " + MAX_NAME);
            }
            int width = switch (type) {
                case 1, 3 -> 4;
                case 2, 4 -> 16;
                default -> throw r.error("unknown interface type " + type);
            };
            byte[] addr = r.bytes(width, "addr");
            byte[] netmask = r.bytes(width, "netmask");
            byte[] bcast = r.bytes(width, "bcast");
            long linkSpeed = type == 1 || type == 2 ? r.i64("linkspeed") : 0;
            String name = new String(r.bytes(nameLength, "ifname"), java.nio.charset.StandardCharsets.UTF_8);
            out.add(new InterfaceEntry(name, addr, netmask, bcast, linkSpeed));
            r.seek(start + (int) size);
            r.unlimit();
        }
        sb.replaceInterfaces(out);
    }

    static void userList(BodyReader r, SnapshotBuilder sb, boolean v2) throws ScapFormatException {
        List<UserEntry> users = new ArrayList<>();
        List<GroupEntry> groups = new ArrayList<>();
        int index = 0;
        while (r.bodyRemaining() >= 4) {
            int start = r.position();
            index++;
            r.entry("entry " + index);
            long entryLength = 0;
            if (v2) {
                entryLength = r.u32("entry length");
                if (entryLength != 0) {
                    r.limitTo(start, entryLength, "entry");
                }
            }
            int type = r.u8("type");
            if (type == 0) {
                int uid = r.i32("uid");
                int gid = r.i32("gid");
                r.entry("entry " + index + " (uid " + Integer.toUnsignedString(uid) + ")");
                String name = r.str16("name", MAX_CREDENTIAL);
                String home = r.str16("homedir", MAX_CREDENTIAL);
                String shell = r.str16("shell", MAX_CREDENTIAL);
                users.add(new UserEntry(uid, gid, name, home, shell));
            } else {
                int gid = r.i32("gid");
                r.entry("entry " + index + " (gid " + Integer.toUnsignedString(gid) + ")");
                groups.add(new GroupEntry(gid, r.str16("name", MAX_CREDENTIAL)));
            }
            if (entryLength != 0) {
                r.seek(start + (int) entryLength);
                r.unlimit();
            }
        }
        sb.replaceUsers(users, groups);
    }
}

package org.lanner.driver.ebpf.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;
import org.lanner.api.syscall.UserEntry;

/**
 * Reads the state of the host from {@code /proc} and {@code /etc} the way libscap does when a live
 * capture starts: every thread of every user process with its file descriptors (sockets resolved
 * through the {@code net/} tables of the process's network namespace), users, groups, interfaces
 * and machine. Processes that vanish during the scan are skipped. Kernel threads are skipped.
 */
public final class ProcScanner {

    /** libscap's l4proto codes. */
    static final int L4_TCP = 2;
    static final int L4_UDP = 3;
    static final int L4_RAW = 5;

    private static final int CL_CLONE_FILES = 1;
    private static final int CL_CLONE_THREAD = 1 << 13;

    private final Path proc;
    private final Path etc;
    private final Map<String, Map<Long, FdEntry>> socketsByNetns = new HashMap<>();
    private final Map<Long, Integer> devByMount = new HashMap<>();

    public ProcScanner() {
        this(Path.of("/proc"), Path.of("/etc"));
    }

    ProcScanner(Path proc, Path etc) {
        this.proc = proc;
        this.etc = etc;
    }

    /** The whole snapshot. */
    public SystemSnapshot scan() {
        return new SystemSnapshot(machine(), threads(), users(), groups(), interfaces());
    }

    // ---- machine ------------------------------------------------------------------------------

    MachineInfo machine() {
        int cpus = onlineCpus();
        long mem = 0;
        for (String line : lines(proc.resolve("meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                mem = parseLong(line.substring(9).replace("kB", "").trim(), 0) * 1024;
            }
        }
        long maxPid = parseLong(text(proc.resolve("sys/kernel/pid_max")).trim(), 0);
        String host = text(proc.resolve("sys/kernel/hostname")).trim();
        return new MachineInfo(cpus, mem, maxPid, host);
    }

    private static int onlineCpus() {
        String online = text(Path.of("/sys/devices/system/cpu/online")).trim();
        int n = 0;
        for (String part : online.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            n += dash < 0 ? 1 : (int) (parseLong(part.substring(dash + 1), 0) - parseLong(part.substring(0, dash), 0) + 1);
        }
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    // ---- users, groups, interfaces ------------------------------------------------------------------

    List<UserEntry> users() {
        List<UserEntry> out = new ArrayList<>();
        for (String line : lines(etc.resolve("passwd"))) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && !line.startsWith("#")) {
                out.add(new UserEntry((int) parseLong(f[2], -1), (int) parseLong(f[3], -1), f[0], f[5], f[6]));
            }
        }
        return out;
    }

    List<GroupEntry> groups() {
        List<GroupEntry> out = new ArrayList<>();
        for (String line : lines(etc.resolve("group"))) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !line.startsWith("#")) {
                out.add(new GroupEntry((int) parseLong(f[2], -1), f[0]));
            }
        }
        return out;
    }

    static List<InterfaceEntry> interfaces() {
        List<InterfaceEntry> v4 = new ArrayList<>();
        List<InterfaceEntry> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    byte[] addr = ia.getAddress().getAddress();
                    byte[] mask = prefixMask(ia.getNetworkPrefixLength(), addr.length);
                    byte[] bcast = ia.getBroadcast() != null ? ia.getBroadcast().getAddress() : new byte[addr.length];
                    InterfaceEntry e = new InterfaceEntry(nif.getName(), addr, mask, bcast, 0);
                    (ia.getAddress() instanceof Inet4Address ? v4 : v6).add(e);
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: an empty list, as libscap would give on failure
        }
        v4.addAll(v6);
        return v4;
    }

    private static byte[] prefixMask(int prefix, int len) {
        byte[] m = new byte[len];
        for (int i = 0; i < len * 8 && i < prefix; i++) {
            m[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return m;
    }

    // ---- threads --------------------------------------------------------------------------------------

    List<ThreadEntry> threads() {
        List<ThreadEntry> out = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc)) {
            for (Path pidDir : pids) {
                long pid = parseLong(pidDir.getFileName().toString(), -1);
                if (pid > 0) {
                    scanProcess(pid, pidDir, out);
                }
            }
        } catch (IOException e) {
            // /proc unreadable: an empty table
        }
        return out;
    }

    private void scanProcess(long pid, Path pidDir, List<ThreadEntry> out) {
        String exepath = readlink(pidDir.resolve("exe"));
        byte[] cmdline = bytes(pidDir.resolve("cmdline"));
        if (exepath.isEmpty() && cmdline.length == 0) {
            return; // a kernel thread (or gone)
        }
        List<String> argv = nulSeparated(cmdline);
        String exe = argv.isEmpty() ? "" : argv.get(0);
        List<String> args = argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
        List<String> env = nulSeparated(bytes(pidDir.resolve("environ")));
        String cwd = readlink(pidDir.resolve("cwd"));
        String root = readlink(pidDir.resolve("root"));
        long fdlimit = fdLimit(pidDir);
        List<String> cgroups = cgroups(pidDir);
        int loginuid = (int) parseLong(text(pidDir.resolve("loginuid")).trim(), -1);
        List<FdEntry> fds = fds(pidDir);
        List<Long> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(pidDir.resolve("task"))) {
            for (Path t : tasks) {
                long tid = parseLong(t.getFileName().toString(), -1);
                if (tid > 0) {
                    tids.add(tid);
                }
            }
        } catch (IOException e) {
            tids.add(pid);
        }
        for (long tid : tids) {
            Path dir = pidDir.resolve("task").resolve(Long.toString(tid));
            Status st = status(dir);
            if (st == null) {
                continue;
            }
            long[] stat = stat(dir);
            boolean main = tid == pid;
            boolean writable = exeWritable(pidDir, exepath, st.uid, st.gid);
            out.add(new ThreadEntry(tid, pid, st.ppid, stat[0], st.vpgid, comm(dir), exe, exepath, args, cwd, fdlimit,
                    main ? 0 : CL_CLONE_THREAD | CL_CLONE_FILES, st.uid, st.gid, st.vmSize, st.vmRss, st.vmSwap, stat[2], stat[1],
                    env, st.vtid, st.vpid, cgroups, root, loginuid, writable, main ? fds : List.of()));
        }
    }

    private static String comm(Path dir) {
        String c = text(dir.resolve("comm"));
        return c.endsWith("\n") ? c.substring(0, c.length() - 1) : c;
    }

    private record Status(long ppid, int uid, int gid, int vmSize, int vmRss, int vmSwap, long vtid, long vpid, long vpgid) {
    }

    private static Status status(Path dir) {
        List<String> lines = lines(dir.resolve("status"));
        if (lines.isEmpty()) {
            return null;
        }
        long ppid = 0;
        int uid = -1;
        int gid = -1;
        int vmSize = 0;
        int vmRss = 0;
        int vmSwap = 0;
        long vtid = -1;
        long vpid = -1;
        long vpgid = -1;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String[] v = line.substring(colon + 1).trim().split("\\s+");
            switch (key) {
                case "PPid" -> ppid = parseLong(v[0], 0);
                case "Uid" -> uid = (int) parseLong(v.length > 1 ? v[1] : v[0], -1); // effective
                case "Gid" -> gid = (int) parseLong(v.length > 1 ? v[1] : v[0], -1);
                case "VmSize" -> vmSize = (int) parseLong(v[0], 0);
                case "VmRSS" -> vmRss = (int) parseLong(v[0], 0);
                case "VmSwap" -> vmSwap = (int) parseLong(v[0], 0);
                case "NSpid" -> vtid = parseLong(v[v.length - 1], -1);
                case "NStgid" -> vpid = parseLong(v[v.length - 1], -1);
                case "NSpgid" -> vpgid = parseLong(v[v.length - 1], -1);
                default -> {
                }
            }
        }
        return new Status(ppid, uid, gid, vmSize, vmRss, vmSwap, vtid, vpid, vpgid);
    }

    /** session, minor faults, major faults from {@code stat}. */
    private static long[] stat(Path dir) {
        String s = text(dir.resolve("stat"));
        int close = s.lastIndexOf(')');
        long[] r = {-1, 0, 0};
        if (close < 0) {
            return r;
        }
        String[] f = s.substring(close + 2).split(" ");
        // f[0] is field 3 (state): session = field 6, minflt = 10, majflt = 12
        if (f.length > 9) {
            r[0] = parseLong(f[3], -1);
            r[1] = parseLong(f[7], 0);
            r[2] = parseLong(f[9], 0);
        }
        return r;
    }

    private static long fdLimit(Path pidDir) {
        for (String line : lines(pidDir.resolve("limits"))) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return f[0].equals("unlimited") ? -1 : parseLong(f[0], -1);
            }
        }
        return -1;
    }

    /** {@code controller=path} per controller; a cgroup v2 line stands for cpu, memory and cpuset. */
    private static List<String> cgroups(Path pidDir) {
        List<String> out = new ArrayList<>();
        for (String line : lines(pidDir.resolve("cgroup"))) {
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b < 0) {
                continue;
            }
            String id = line.substring(0, a);
            String controllers = line.substring(a + 1, b);
            String path = line.substring(b + 1);
            if (controllers.isEmpty()) {
                if (!id.equals("0")) {
                    continue;
                }
                controllers = "cpu,memory,cpuset";
            }
            for (String c : controllers.split(",")) {
                out.add(c + "=" + path);
            }
        }
        return out;
    }

    /** Owner, or write permission for the process's user or group (mode bits). */
    private static boolean exeWritable(Path pidDir, String exepath, int uid, int gid) {
        if (exepath.isEmpty()) {
            return false;
        }
        try {
            Path p = Path.of(pidDir.resolve("root").toString() + exepath);
            Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode");
            int fuid = (Integer) a.get("uid");
            int fgid = (Integer) a.get("gid");
            int mode = (Integer) a.get("mode");
            if (fuid == uid || uid == 0) {
                return true;
            }
            return fgid == gid ? (mode & 020) != 0 : (mode & 02) != 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    // ---- file descriptors --------------------------------------------------------------------------------

    private List<FdEntry> fds(Path pidDir) {
        List<FdEntry> out = new ArrayList<>();
        Path fdDir = pidDir.resolve("fd");
        String netns = readlink(pidDir.resolve("ns/net"));
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fdDir)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            return out;
        }
        for (Path p : entries) {
            long fd = parseLong(p.getFileName().toString(), -1);
            if (fd < 0) {
                continue;
            }
            String target = readlink(p);
            if (target.isEmpty()) {
                continue;
            }
            FdEntry e = fd(pidDir, fd, p, target, netns);
            if (e != null) {
                out.add(e);
            }
        }
        out.sort((x, y) -> Long.compare(x.fd(), y.fd()));
        return out;
    }

    private FdEntry fd(Path pidDir, long fd, Path link, String target, String netns) {
        if (target.startsWith("socket:[")) {
            long ino = parseLong(target.substring(8, target.length() - 1), -1);
            FdEntry s = sockets(pidDir, netns).get(ino);
            return s == null ? null : withFd(s, fd);
        }
        if (target.startsWith("pipe:[")) {
            long ino = parseLong(target.substring(6, target.length() - 1), 0);
            return FdEntry.named(fd, ino, FdEntry.FIFO, target, 0, 0);
        }
        if (target.startsWith("anon_inode:")) {
            int type = switch (target) {
                case "anon_inode:[eventfd]" -> FdEntry.EVENT;
                case "anon_inode:[signalfd]" -> FdEntry.SIGNALFD;
                case "anon_inode:[eventpoll]" -> FdEntry.EVENTPOLL;
                case "anon_inode:inotify" -> FdEntry.INOTIFY;
                case "anon_inode:[timerfd]" -> FdEntry.TIMERFD;
                default -> FdEntry.UNSUPPORTED;
            };
            return FdEntry.named(fd, 0, type, target, 0, 0);
        }
        Map<String, Object> a;
        try {
            a = Files.readAttributes(link, "unix:mode,ino");
        } catch (IOException | RuntimeException e) {
            return null;
        }
        int mode = (Integer) a.get("mode");
        long ino = (Long) a.get("ino");
        int fmt = mode & 0170000;
        if (fmt == 0040000) {
            return FdEntry.named(fd, ino, FdEntry.DIRECTORY, target, 0, 0);
        }
        if (fmt == 0010000) {
            return FdEntry.named(fd, ino, FdEntry.FIFO, target, 0, 0);
        }
        if (fmt == 0140000) {
            return null;
        }
        if (fmt == 0100000 || fmt == 0060000 || fmt == 0020000 || fmt == 0120000) {
            int[] flagsDev = fdinfo(pidDir, fd);
            return FdEntry.named(fd, ino, FdEntry.FILE_V2, target, flagsDev[0], flagsDev[1]);
        }
        return FdEntry.named(fd, ino, FdEntry.UNSUPPORTED, target, 0, 0);
    }

    private static FdEntry withFd(FdEntry s, long fd) {
        return new FdEntry(fd, s.ino(), s.type(), s.name(), s.openFlags(), s.dev(), s.sourceIp(), s.sourcePort(), s.destIp(),
                s.destPort(), s.l4proto(), s.sourceId(), s.destId());
    }

    /** Portable open flags and device of a file descriptor, from {@code fdinfo}. */
    private int[] fdinfo(Path pidDir, long fd) {
        int flags = 0;
        long mnt = -1;
        for (String line : lines(pidDir.resolve("fdinfo").resolve(Long.toString(fd)))) {
            if (line.startsWith("flags:")) {
                flags = OpenFlags.toPortable(Long.parseLong(line.substring(6).trim(), 8));
            } else if (line.startsWith("mnt_id:")) {
                mnt = parseLong(line.substring(7).trim(), -1);
            }
        }
        return new int[] {flags, mnt < 0 ? 0 : deviceOfMount(pidDir, mnt)};
    }

    private int deviceOfMount(Path pidDir, long mountId) {
        Integer known = devByMount.get(mountId);
        if (known != null) {
            return known;
        }
        int dev = 0;
        for (String line : lines(pidDir.resolve("mountinfo"))) {
            String[] f = line.split(" ", 4);
            if (f.length >= 3) {
                long id = parseLong(f[0], -1);
                String[] mm = f[2].split(":");
                if (mm.length == 2) {
                    int d = encodeDev((int) parseLong(mm[0], 0), (int) parseLong(mm[1], 0));
                    devByMount.putIfAbsent(id, d);
                    if (id == mountId) {
                        dev = d;
                    }
                }
            }
        }
        return dev;
    }

    /** The device number encoding of the capture format (the kernel's new_encode_dev). */
    static int encodeDev(int major, int minor) {
        return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
    }

    /** The sockets of a network namespace by inode, read once per namespace. */
    private Map<Long, FdEntry> sockets(Path pidDir, String netns) {
        return socketsByNetns.computeIfAbsent(netns, k -> {
            Map<Long, FdEntry> m = new HashMap<>();
            Path net = pidDir.resolve("net");
            readInet(net.resolve("tcp"), false, L4_TCP, m);
            readInet(net.resolve("udp"), false, L4_UDP, m);
            readInet(net.resolve("raw"), false, L4_RAW, m);
            readInet(net.resolve("tcp6"), true, L4_TCP, m);
            readInet(net.resolve("udp6"), true, L4_UDP, m);
            readInet(net.resolve("raw6"), true, L4_RAW, m);
            readUnix(net.resolve("unix"), m);
            return m;
        });
    }

    /** One table of {@code /proc/net/{tcp,udp,raw}[6]}: a zero remote address means a server socket. */
    static void readInet(Path file, boolean v6, int l4, Map<Long, FdEntry> out) {
        List<String> lines = lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            String[] local = f[1].split(":");
            String[] remote = f[2].split(":");
            long ino = parseLong(f[9], -1);
            if (local.length != 2 || remote.length != 2 || ino <= 0) {
                continue;
            }
            byte[] sip = hexAddress(local[0]);
            byte[] dip = hexAddress(remote[0]);
            int sport = (int) Long.parseLong(local[1], 16);
            int dport = (int) Long.parseLong(remote[1], 16);
            boolean server = isZero(dip);
            FdEntry e;
            if (server) {
                e = FdEntry.serverSocket(0, ino, v6 ? FdEntry.IPV6_SERVSOCK : FdEntry.IPV4_SERVSOCK, sip, sport, l4);
            } else {
                e = FdEntry.socket(0, ino, v6 ? FdEntry.IPV6_SOCK : FdEntry.IPV4_SOCK, sip, sport, dip, dport, l4);
            }
            out.putIfAbsent(ino, e);
        }
    }

    /** {@code /proc/net/unix}: the kernel address is the source, the peer is unknown. */
    static void readUnix(Path file, Map<Long, FdEntry> out) {
        List<String> lines = lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+", 8);
            if (f.length < 7) {
                continue;
            }
            String num = f[0].endsWith(":") ? f[0].substring(0, f[0].length() - 1) : f[0];
            long source = Long.parseUnsignedLong(num, 16);
            long ino = parseLong(f[6], -1);
            String path = f.length > 7 ? f[7] : "";
            if (ino > 0) {
                out.putIfAbsent(ino, FdEntry.unixSocket(0, ino, source, 0, path));
            }
        }
    }

    /** An address as printed by {@code /proc/net}: 32-bit words in host (little-endian) order. */
    static byte[] hexAddress(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int w = 0; w < b.length / 4; w++) {
            long word = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
            for (int k = 0; k < 4; k++) {
                b[w * 4 + k] = (byte) (word >>> (8 * k));
            }
        }
        return b;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- small file helpers ------------------------------------------------------------------------------

    private static List<String> nulSeparated(byte[] b) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < b.length) {
            out.add(new String(b, start, b.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    static String text(Path p) {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }

    static List<String> lines(Path p) {
        String t = text(p);
        if (t.isEmpty()) {
            return List.of();
        }
        return List.of(t.split("\n"));
    }

    static String readlink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static long parseLong(String s, long dflt) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}

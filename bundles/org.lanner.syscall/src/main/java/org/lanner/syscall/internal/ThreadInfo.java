package org.lanner.syscall.internal;

import java.nio.charset.StandardCharsets;

import org.lanner.api.syscall.state.ThreadView;

/**
 * One version of a thread as libsinsp knows it. Immutable: whatever changes a thread (execve,
 * chdir, setuid, setsid, exit…) makes a new version through {@link Builder}, valid from the event
 * that made it ({@link #from}); the previous version stays reachable through {@link #previous}
 * for the events still being evaluated, until the parser trims it.
 *
 * <p>Counters that change on most events (memory, page faults, the last fd, latency) are not
 * here: the parser keeps them per thread and copies them into each event's context.
 */
final class ThreadInfo implements ThreadView {

    // thread flags (PPM_CL_*)
    static final int CLONE_FILES = 1;
    static final int CLONE_FS = 1 << 1;
    static final int CLONE_THREAD = 1 << 13;
    static final int CLONE_INVERTED = 1 << 16;
    static final int NAME_CHANGED = 1 << 17;
    static final int CLOSED = 1 << 18;
    static final int ACTIVE = 1 << 19;
    static final int PIPE_SRC = 1 << 21;
    static final int PIPE_DST = 1 << 22;
    static final int CHILD_IN_PIDNS = 1 << 29;
    static final int IS_MAIN_THREAD = 1 << 30;

    // categories
    static final int CAT_NONE = 0;
    static final int CAT_CONTAINER = 1;
    static final int CAT_HEALTHCHECK = 2;
    static final int CAT_LIVENESS_PROBE = 3;
    static final int CAT_READINESS_PROBE = 4;

    static final String[] NONE = new String[0];

    final long tid;
    final long pid;
    final long ptid;
    final long sid;
    final long vpgid;
    final String comm;
    final String exe;
    final String exepath;
    final String[] args;
    final String[] env;
    /** The working directory, always ending with '/' once set; meaningful for main threads. */
    final String cwd;
    final int flags;
    final long fdlimit;
    final int uid;
    final int gid;
    final long vtid;
    final long vpid;
    /** Control groups as subsystem/path pairs: {@code [subsys0, path0, subsys1, path1…]}. */
    final String[] cgroups;
    final String root;
    final int loginuid;
    final int tty;
    final long cloneTs;
    final boolean exeWritable;
    /** The container id, empty for the host. */
    final String containerId;
    final int category;

    /** The first event number this version is valid for. */
    final long from;
    /** True for the marker a removed thread leaves. */
    final boolean removed;
    /** The version before this one, while events that may need it are in flight. */
    volatile ThreadInfo previous;

    private volatile String cmdline;
    private volatile String argsLine;
    private volatile byte[] commBytes;

    private ThreadInfo(Builder b, long from, boolean removed) {
        this.tid = b.tid;
        this.pid = b.pid;
        this.ptid = b.ptid;
        this.sid = b.sid;
        this.vpgid = b.vpgid;
        this.comm = b.comm;
        this.exe = b.exe;
        this.exepath = b.exepath;
        this.args = b.args;
        this.env = b.env;
        this.cwd = b.cwd;
        this.flags = b.flags;
        this.fdlimit = b.fdlimit;
        this.uid = b.uid;
        this.gid = b.gid;
        this.vtid = b.vtid;
        this.vpid = b.vpid;
        this.cgroups = b.cgroups;
        this.root = b.root;
        this.loginuid = b.loginuid;
        this.tty = b.tty;
        this.cloneTs = b.cloneTs;
        this.exeWritable = b.exeWritable;
        this.containerId = b.containerId;
        this.category = b.category;
        this.from = from;
        this.removed = removed;
    }

    /** The marker left when a thread is removed from the table at event {@code from}. */
    static ThreadInfo removedMarker(ThreadInfo last, long from) {
        return new ThreadInfo(last.toBuilder(), from, true);
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.tid = tid;
        b.pid = pid;
        b.ptid = ptid;
        b.sid = sid;
        b.vpgid = vpgid;
        b.comm = comm;
        b.exe = exe;
        b.exepath = exepath;
        b.args = args;
        b.env = env;
        b.cwd = cwd;
        b.flags = flags;
        b.fdlimit = fdlimit;
        b.uid = uid;
        b.gid = gid;
        b.vtid = vtid;
        b.vpid = vpid;
        b.cgroups = cgroups;
        b.root = root;
        b.loginuid = loginuid;
        b.tty = tty;
        b.cloneTs = cloneTs;
        b.exeWritable = exeWritable;
        b.containerId = containerId;
        b.category = category;
        return b;
    }

    @Override
    public boolean isMainThread() {
        return tid == pid || (flags & IS_MAIN_THREAD) != 0;
    }

    // ---- the exported view (ThreadView): the fields, read without copying

    @Override
    public long tid() {
        return tid;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public long ptid() {
        return ptid;
    }

    @Override
    public long sid() {
        return sid;
    }

    @Override
    public long vtid() {
        return vtid;
    }

    @Override
    public long vpid() {
        return vpid;
    }

    @Override
    public String comm() {
        return comm;
    }

    @Override
    public String exe() {
        return exe;
    }

    @Override
    public String exePath() {
        return exepath;
    }

    @Override
    public int argCount() {
        return args.length;
    }

    @Override
    public String arg(int i) {
        return args[i];
    }

    @Override
    public int envCount() {
        return env.length;
    }

    @Override
    public String env(int i) {
        return env[i];
    }

    @Override
    public String cwd() {
        return cwd;
    }

    @Override
    public int uid() {
        return uid;
    }

    @Override
    public int gid() {
        return gid;
    }

    @Override
    public int loginUid() {
        return loginuid;
    }

    @Override
    public String containerId() {
        return containerId;
    }

    @Override
    public long cloneTs() {
        return cloneTs;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** {@code proc.args}: the arguments joined with spaces. */
    String argsLine() {
        String s = argsLine;
        if (s == null) {
            s = String.join(" ", args);
            argsLine = s;
        }
        return s;
    }

    /** {@code proc.cmdline}: the name, then each argument after a space. */
    String cmdline() {
        String s = cmdline;
        if (s == null) {
            StringBuilder sb = new StringBuilder(comm);
            for (String a : args) {
                sb.append(' ').append(a);
            }
            s = sb.toString();
            cmdline = s;
        }
        return s;
    }

    byte[] commBytes() {
        byte[] b = commBytes;
        if (b == null) {
            b = comm.getBytes(StandardCharsets.UTF_8);
            commBytes = b;
        }
        return b;
    }

    /** The path of a cgroup subsystem, or null. */
    String cgroup(String subsys) {
        for (int i = 0; i + 1 < cgroups.length; i += 2) {
            if (cgroups[i].equals(subsys)) {
                return cgroups[i + 1];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "thread[" + tid + "/" + pid + " " + comm + (removed ? " removed" : "") + " from #" + from + "]";
    }

    /** A mutable copy to build the next version. Defaults are those of a fresh libsinsp thread. */
    static final class Builder {
        long tid;
        long pid = -1;
        long ptid;
        long sid = -1;
        long vpgid = -1;
        String comm = "";
        String exe = "";
        String exepath = "";
        String[] args = NONE;
        String[] env = NONE;
        String cwd = "";
        int flags = NAME_CHANGED;
        long fdlimit = -1;
        int uid;
        int gid;
        long vtid = -1;
        long vpid = -1;
        String[] cgroups = NONE;
        String root = "";
        int loginuid;
        int tty;
        long cloneTs;
        boolean exeWritable;
        String containerId = "";
        int category = CAT_NONE;

        ThreadInfo build(long from) {
            return new ThreadInfo(this, from, false);
        }
    }
}

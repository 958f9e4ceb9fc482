package org.lanner.syscall.internal;

import java.util.function.Predicate;

import org.lanner.api.event.Event;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.osgi.service.component.annotations.Component;

/** The {@code process} field class: {@code proc.*} and {@code thread.*}. */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "process", sources = "syscall")
public final class ProcessFields extends SyscallFieldClass {

    /** Reads a value of the event's thread. */
    @FunctionalInterface
    private interface ThreadGetter {
        boolean get(EventContext c, ThreadInfo t, Event e, ValueHolder o);
    }

    public ProcessFields() {
        super("process", "The process and thread that made the event.");
        t("proc.pid", FieldType.INT64, "the id of the process.", (c, t, e, o) -> set(o, t.pid));
        t("proc.exe", FieldType.CHARBUF, "the first command-line argument (usually the program as invoked).",
                (c, t, e, o) -> str(o, t.exe));
        t("proc.name", FieldType.CHARBUF, "the name of the program (the kernel's comm, 15 characters at most).",
                (c, t, e, o) -> str(o, t.comm));
        t("proc.args", FieldType.CHARBUF, "the command-line arguments after the first, separated by spaces.",
                (c, t, e, o) -> str(o, t.argsLine()));
        t("proc.env", FieldType.CHARBUF, "the environment of the process, variables separated by spaces.",
                (c, t, e, o) -> str(o, String.join(" ", (c.main != null ? c.main : t).env)));
        t("proc.cmdline", FieldType.CHARBUF, "the process name followed by its arguments.",
                (c, t, e, o) -> str(o, t.cmdline()));
        t("proc.exeline", FieldType.CHARBUF, "the first command-line argument followed by the others.",
                (c, t, e, o) -> str(o, t.exe + " " + t.argsLine()));
        t("proc.cwd", FieldType.CHARBUF, "the working directory of the process.",
                (c, t, e, o) -> str(o, c.main == null ? "./" : c.main.cwd));
        t("proc.nthreads", FieldType.UINT32, "the number of threads of the process, the main thread included.",
                (c, t, e, o) -> c.main != null && set(o, c.mainNchilds + 1));
        t("proc.nchilds", FieldType.UINT32, "the number of threads of the process other than the main one.",
                (c, t, e, o) -> set(o, c.nchilds));
        t("proc.ppid", FieldType.INT64, "the id of the parent process.", (c, t, e, o) -> {
            if (t.isMainThread()) {
                return set(o, t.ptid);
            }
            return c.main != null && set(o, c.main.ptid);
        });
        t("proc.pname", FieldType.CHARBUF, "the name of the parent process.", (c, t, e, o) -> {
            ThreadInfo p = c.threadAt(t.ptid);
            return p != null && str(o, p.comm);
        });
        t("proc.pcmdline", FieldType.CHARBUF, "the command line (name and arguments) of the parent process.",
                (c, t, e, o) -> {
                    ThreadInfo p = c.threadAt(t.ptid);
                    return p != null && str(o, p.cmdline());
                });
        declare(new FieldInfo("proc.apid", FieldType.INT64, "the id of an ancestor: proc.apid[1] the parent, proc.apid[2] "
                + "the grandparent…, proc.apid[0] the process itself. Without index, in conditions, any ancestor.",
                ArgKind.OPTIONAL, null), arg -> ancestor(arg, true));
        declare(new FieldInfo("proc.aname", FieldType.CHARBUF, "the name of an ancestor: proc.aname[1] the parent, "
                + "proc.aname[2] the grandparent…, proc.aname[0] the process itself. Without index, in conditions, any "
                + "ancestor.", ArgKind.OPTIONAL, null), arg -> ancestor(arg, false));
        t("proc.loginshellid", FieldType.INT64, "the id of the oldest shell among the process and its ancestors.",
                (c, t, e, o) -> {
                    ThreadInfo mt = mainOf(c, t);
                    if (mt == null) {
                        return false;
                    }
                    long[] res = {Long.MIN_VALUE};
                    Predicate<ThreadInfo> shell = p -> {
                        String n = p.comm;
                        if (n.length() >= 2 && n.endsWith("sh")) {
                            res[0] = p.pid;
                        }
                        return true;
                    };
                    shell.test(mt);
                    traverse(c, mt, shell);
                    return res[0] != Long.MIN_VALUE && set(o, res[0]);
                });
        t("proc.duration", FieldType.RELTIME, "nanoseconds since the process started (when its start was seen).",
                (c, t, e, o) -> t.cloneTs != 0 && set(o, e.timestamp() - t.cloneTs));
        t("proc.fdopencount", FieldType.UINT64, "the number of open fds of the process.",
                (c, t, e, o) -> set(o, c.mainFdCount));
        t("proc.fdlimit", FieldType.INT64, "the maximum number of fds the process may open.",
                (c, t, e, o) -> c.main != null && set(o, c.main.fdlimit));
        t("proc.fdusage", FieldType.DOUBLE, "open fds as a percentage of the limit.", (c, t, e, o) -> {
            if (c.main == null) {
                return false;
            }
            long limit = c.main.fdlimit;
            double v = limit > 0 ? (c.mainFdCount <= limit ? c.mainFdCount * 100.0 / limit : 100) : 0;
            o.setDouble(v);
            return true;
        });
        t("proc.vmsize", FieldType.UINT64, "the virtual memory of the process, in KiB.", (c, t, e, o) -> set(o, c.vmsize));
        t("proc.vmrss", FieldType.UINT64, "the resident memory of the process, in KiB.", (c, t, e, o) -> set(o, c.vmrss));
        t("proc.vmswap", FieldType.UINT64, "the swapped memory of the process, in KiB.", (c, t, e, o) -> set(o, c.vmswap));
        t("thread.pfmajor", FieldType.UINT64, "major page faults of the thread.", (c, t, e, o) -> set(o, c.pfmajor));
        t("thread.pfminor", FieldType.UINT64, "minor page faults of the thread.", (c, t, e, o) -> set(o, c.pfminor));
        field("thread.tid", FieldType.INT64, "the id of the thread.", (c, e, o) -> set(o, e.threadId()));
        t("thread.ismain", FieldType.BOOL, "true for the main thread of the process.",
                (c, t, e, o) -> bool(o, t.isMainThread()));
        field("thread.exectime", FieldType.RELTIME, "on a context-switch event, the nanoseconds the thread leaving the "
                + "CPU ran since the previous switch on that CPU; 0 on other events.", (c, e, o) -> set(o, c.execTime));
        t("thread.totexectime", FieldType.RELTIME, "the sum of thread.exectime over the context switches of the thread "
                + "so far.", (c, t, e, o) -> set(o, c.totExecTime));
        t("thread.cgroups", FieldType.CHARBUF, "every control group of the thread as subsystem=path, separated by spaces.",
                (c, t, e, o) -> {
                    if (t.cgroups.length == 0) {
                        return false;
                    }
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i + 1 < t.cgroups.length; i += 2) {
                        if (sb.length() > 0) {
                            sb.append(' ');
                        }
                        sb.append(t.cgroups[i]).append('=').append(t.cgroups[i + 1]);
                    }
                    return str(o, sb.toString());
                });
        declare(new FieldInfo("thread.cgroup", FieldType.CHARBUF, "the control group of the thread for one subsystem "
                + "(thread.cgroup.cpuacct).", ArgKind.REQUIRED, flags(FieldFlag.DOTTED_ARGUMENT)), arg -> {
                    String subsys = arg;
                    return new Accessor(FieldType.CHARBUF, thread((c, t, e, o) -> str(o, t.cgroup(subsys))));
                });
        t("thread.vtid", FieldType.INT64, "the id of the thread in its pid namespace.",
                (c, t, e, o) -> t.vtid != -1 && set(o, t.vtid));
        t("proc.vpid", FieldType.INT64, "the id of the process in its pid namespace.",
                (c, t, e, o) -> t.vpid != -1 && set(o, t.vpid));
        t("thread.cpu", FieldType.DOUBLE, "CPU used by the thread since its previous procinfo event.",
                (c, t, e, o) -> e.type() == Ppme.PROCINFO_E && dbl(o, c.cpu));
        t("thread.cpu.user", FieldType.DOUBLE, "user CPU used by the thread since its previous procinfo event.",
                (c, t, e, o) -> e.type() == Ppme.PROCINFO_E && dbl(o, c.cpuUser));
        t("thread.cpu.system", FieldType.DOUBLE, "system CPU used by the thread since its previous procinfo event.",
                (c, t, e, o) -> e.type() == Ppme.PROCINFO_E && dbl(o, c.cpuSystem));
        t("thread.vmsize", FieldType.UINT64, "for the main thread, the virtual memory of the process in KiB; else 0.",
                (c, t, e, o) -> set(o, t.isMainThread() ? c.vmsize : 0));
        t("thread.vmrss", FieldType.UINT64, "for the main thread, the resident memory of the process in KiB; else 0.",
                (c, t, e, o) -> set(o, t.isMainThread() ? c.vmrss : 0));
        t("thread.vmsize.b", FieldType.UINT64, "thread.vmsize in bytes.",
                (c, t, e, o) -> set(o, t.isMainThread() ? c.vmsize * 1024 : 0), FieldFlag.HIDDEN);
        t("thread.vmrss.b", FieldType.UINT64, "thread.vmrss in bytes.",
                (c, t, e, o) -> set(o, t.isMainThread() ? c.vmrss * 1024 : 0), FieldFlag.HIDDEN);
        t("proc.sid", FieldType.INT64, "the session id of the process.", (c, t, e, o) -> set(o, t.sid));
        t("proc.sname", FieldType.CHARBUF, "the name of the session leader (the process whose id is the session id, or "
                + "the oldest ancestor in the same session).", (c, t, e, o) -> {
                    ThreadInfo leader = c.threadAt(t.sid);
                    if (leader != null) {
                        return str(o, leader.comm);
                    }
                    ThreadInfo mt = mainOf(c, t);
                    if (mt == null) {
                        return false;
                    }
                    long sid = mt.sid;
                    ThreadInfo[] top = {mt};
                    traverse(c, mt, p -> {
                        if (p.sid != sid) {
                            return false;
                        }
                        top[0] = p;
                        return true;
                    });
                    return str(o, top[0].comm);
                });
        t("proc.tty", FieldType.INT32, "the controlling terminal of the process, 0 for none.", (c, t, e, o) -> set(o, t.tty));
        t("proc.exepath", FieldType.CHARBUF, "the full path of the executable of the process.",
                (c, t, e, o) -> str(o, t.exepath));
        t("thread.nametid", FieldType.CHARBUF, "the process name followed by the thread id.",
                (c, t, e, o) -> str(o, t.comm + e.threadId()), FieldFlag.HIDDEN);
        t("proc.vpgid", FieldType.INT64, "the process group id of the process, in its pid namespace.",
                (c, t, e, o) -> set(o, t.vpgid));
        t("proc.is_container_healthcheck", FieldType.BOOL, "true when the process runs a container's health check.",
                (c, t, e, o) -> bool(o, t.category == ThreadInfo.CAT_HEALTHCHECK));
        t("proc.is_container_liveness_probe", FieldType.BOOL, "true when the process runs a container's liveness probe.",
                (c, t, e, o) -> bool(o, t.category == ThreadInfo.CAT_LIVENESS_PROBE));
        t("proc.is_container_readiness_probe", FieldType.BOOL, "true when the process runs a container's readiness probe.",
                (c, t, e, o) -> bool(o, t.category == ThreadInfo.CAT_READINESS_PROBE));
        t("proc.is_exe_writable", FieldType.BOOL, "true when the executable is writable by the user that started the "
                + "process.", (c, t, e, o) -> bool(o, t.exeWritable));
    }

    private void t(String name, FieldType type, String desc, ThreadGetter g, FieldFlag... flags) {
        field(name, type, desc, thread(g), flags);
    }

    private static Getter thread(ThreadGetter g) {
        return (c, e, o) -> c.thread != null && g.get(c, c.thread, e, o);
    }

    private static ThreadInfo mainOf(EventContext c, ThreadInfo t) {
        return t.isMainThread() ? t : c.main;
    }

    /**
     * Visits the ancestors of {@code from}, parent first, as libsinsp's traverse_parent_state does
     * (stopping at an unknown parent, at tid -1, or at a loop).
     */
    static void traverse(EventContext c, ThreadInfo from, Predicate<ThreadInfo> visitor) {
        ThreadInfo slow = c.threadAt(from.ptid);
        ThreadInfo fast = slow == null ? null : c.threadAt(slow.ptid);
        while (slow != null && slow.tid != -1) {
            if (!visitor.test(slow)) {
                return;
            }
            slow = c.threadAt(slow.ptid);
            for (int i = 0; i < 2; i++) {
                fast = fast == null ? null : c.threadAt(fast.ptid);
                if (slow != null && (slow == fast || slow.tid == slow.ptid)) {
                    return;
                }
            }
        }
    }

    private FieldAccessor ancestor(String arg, boolean pid) throws FieldBindException {
        if (arg == null) {
            // in conditions: any ancestor; as a value, the list of ancestors
            return new SetAccessor(pid ? FieldType.INT64 : FieldType.CHARBUF, thread((c, t, e, o) -> {
                ThreadInfo mt = mainOf(c, t);
                if (mt == null) {
                    return false;
                }
                boolean[] any = {false};
                traverse(c, mt, p -> {
                    o.addItem(pid ? Long.toString(p.pid) : p.comm);
                    any[0] = true;
                    return true;
                });
                return any[0];
            }), FieldAccessor.Multiplicity.ANY);
        }
        int n = parseIndex(pid ? "proc.apid" : "proc.aname", arg);
        return new Accessor(pid ? FieldType.INT64 : FieldType.CHARBUF, thread((c, t, e, o) -> {
            ThreadInfo mt = c.ancestor(n);
            if (mt == null) {
                return false;
            }
            return pid ? set(o, mt.pid) : str(o, mt.comm);
        }));
    }

    private static boolean set(ValueHolder o, long v) {
        o.setLong(v);
        return true;
    }

    private static boolean dbl(ValueHolder o, double v) {
        o.setDouble(v);
        return true;
    }

    private static boolean bool(ValueHolder o, boolean v) {
        o.setBool(v);
        return true;
    }

    private static boolean str(ValueHolder o, String s) {
        if (s == null) {
            return false;
        }
        o.setString(s);
        return true;
    }
}

package org.lanner.scap.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Collects what the header blocks of one capture section say, in file order: threads from process
 * lists (entries accumulate over several blocks), their fds from fd lists, and the latest user and
 * interface lists (a new block replaces the previous one, as in libscap).
 */
final class SnapshotBuilder {

    private MachineInfo machine;
    private final Map<Long, ThreadBuilder> threads = new LinkedHashMap<>();
    private final List<UserEntry> users = new ArrayList<>();
    private final List<GroupEntry> groups = new ArrayList<>();
    private final List<InterfaceEntry> interfaces = new ArrayList<>();

    void machine(MachineInfo info) {
        this.machine = info;
    }

    /** Adds a thread; a later entry with the same tid replaces the earlier one but keeps its fds. */
    void thread(ThreadBuilder thread) {
        ThreadBuilder previous = threads.put(thread.tid, thread);
        if (previous != null) {
            thread.fds.putAll(previous.fds);
        }
    }

    /** The thread of a tid, or null when no process-list entry named it. */
    ThreadBuilder thread(long tid) {
        return threads.get(tid);
    }

    void replaceUsers(List<UserEntry> newUsers, List<GroupEntry> newGroups) {
        users.clear();
        users.addAll(newUsers);
        groups.clear();
        groups.addAll(newGroups);
    }

    void replaceInterfaces(List<InterfaceEntry> entries) {
        interfaces.clear();
        interfaces.addAll(entries);
    }

    SystemSnapshot build() {
        List<ThreadEntry> list = new ArrayList<>(threads.size());
        for (ThreadBuilder t : threads.values()) {
            list.add(t.build());
        }
        return new SystemSnapshot(machine, list, users, groups, interfaces);
    }

    /** The fields of one process-list entry; defaults are libscap's for fields a version lacks. */
    static final class ThreadBuilder {
        long tid;
        long pid;
        long ptid;
        long sid = -1;
        long vpgid = -1;
        String comm = "";
        String exe = "";
        String exepath = "";
        List<String> args = List.of();
        String cwd = "";
        long fdlimit;
        int flags;
        int uid;
        int gid;
        int vmsizeKb;
        int vmrssKb;
        int vmswapKb;
        long pfMajor;
        long pfMinor;
        List<String> env = List.of();
        long vtid = -1;
        long vpid = -1;
        List<String> cgroups = List.of();
        String root = "";
        int loginuid = -1;
        boolean exeWritable;
        final Map<Long, FdEntry> fds = new LinkedHashMap<>();

        ThreadEntry build() {
            return new ThreadEntry(tid, pid, ptid, sid, vpgid, comm, exe, exepath, args, cwd, fdlimit, flags, uid, gid,
                    vmsizeKb, vmrssKb, vmswapKb, pfMajor, pfMinor, env, vtid, vpid, cgroups, root, loginuid,
                    exeWritable, new ArrayList<>(fds.values()));
        }
    }
}

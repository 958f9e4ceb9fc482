package org.lanner.api.syscall;

import java.util.List;

/**
 * One thread of the process list (the fields of a libscap process-list entry, version 9).
 *
 * @param tid thread id
 * @param pid process id (thread group id)
 * @param ptid parent's pid
 * @param sid session id (-1 unknown)
 * @param vpgid process group id in its pid namespace (-1 unknown)
 * @param comm command name
 * @param exe argv[0]
 * @param exepath full path of the executable ("" unknown)
 * @param args argv[1..]
 * @param cwd working directory
 * @param fdlimit open-files limit
 * @param flags {@code PPM_CL_*} clone flags
 * @param uid user id
 * @param gid group id
 * @param vmsizeKb virtual memory size
 * @param vmrssKb resident size
 * @param vmswapKb swapped size
 * @param pfMajor major page faults
 * @param pfMinor minor page faults
 * @param env environment, {@code K=V} strings
 * @param vtid thread id in its pid namespace (-1 unknown)
 * @param vpid process id in its pid namespace (-1 unknown)
 * @param cgroups {@code subsystem=path} strings
 * @param root chroot directory ("" none)
 * @param loginuid audit login uid (-1 unset)
 * @param exeWritable whether the executable is writable by the process's user
 * @param fds open file descriptors
 */
public record ThreadEntry(long tid, long pid, long ptid, long sid, long vpgid, String comm, String exe, String exepath,
        List<String> args, String cwd, long fdlimit, int flags, int uid, int gid, int vmsizeKb, int vmrssKb,
        int vmswapKb, long pfMajor, long pfMinor, List<String> env, long vtid, long vpid, List<String> cgroups,
        String root, int loginuid, boolean exeWritable, List<FdEntry> fds) {

    public ThreadEntry {
        args = List.copyOf(args);
        env = List.copyOf(env);
        cgroups = List.copyOf(cgroups);
        fds = List.copyOf(fds);
        comm = comm == null ? "" : comm;
        exe = exe == null ? "" : exe;
        exepath = exepath == null ? "" : exepath;
        cwd = cwd == null ? "" : cwd;
        root = root == null ? "" : root;
    }

    /** Whether this is the main thread of its process. */
    public boolean isMainThread() {
        return tid == pid;
    }
}

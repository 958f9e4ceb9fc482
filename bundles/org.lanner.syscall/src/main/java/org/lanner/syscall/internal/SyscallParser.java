package org.lanner.syscall.internal;

import java.util.BitSet;
import java.util.Optional;
import java.util.Set;

import org.lanner.api.extract.BufferFormat;
import org.lanner.api.parse.EventParser;
import org.lanner.api.parse.ParseSession;
import org.lanner.api.source.Snapshot;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.SystemSnapshot;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps the system-call state of each stream (threads, processes, fds, users, containers) and
 * attaches to every event what its fields need.
 */
@Component(service = EventParser.class, property = EventParser.SOURCES + "=syscall")
public final class SyscallParser implements EventParser {

    /** libsinsp's interval between scans for closed threads (20 minutes). */
    static final long PURGE_INTERVAL_NS = 1200L * 1_000_000_000L;

    private static final BitSet REQUIRED = required();

    @Override
    public Set<String> sources() {
        return Set.of("syscall");
    }

    @Override
    public ParseSession open(Optional<Snapshot> snapshot) {
        return open(snapshot, BufferFormat.NORMAL);
    }

    /** The run's buffer format stays with the stream's state: buffers render in it for conditions and outputs alike, as in libsinsp. */
    @Override
    public ParseSession open(Optional<Snapshot> snapshot, BufferFormat bufferFormat) {
        return new SyscallSession(snapshot.filter(SystemSnapshot.class::isInstance).map(SystemSnapshot.class::cast), PURGE_INTERVAL_NS,
                bufferFormat);
    }

    @Override
    public BitSet requiredEventTypes() {
        return (BitSet) REQUIRED.clone();
    }

    /**
     * The events the state needs (Falco's "interesting" system calls): everything that creates,
     * uses to change, or destroys an fd or a process, the credential and directory changes, the
     * memory counters, and the container and exit notifications; both directions of each.
     */
    private static BitSet required() {
        BitSet b = new BitSet();
        int stateFlags = EventFlags.MODIFIES_STATE | EventFlags.CREATES_FD | EventFlags.DESTROYS_FD;
        int[] explicit = {Ppme.SYSCALL_CLOSE_E, Ppme.SYSCALL_DUP_E, Ppme.SYSCALL_FCNTL_E, Ppme.SYSCALL_CHDIR_E,
            Ppme.SYSCALL_FCHDIR_E, Ppme.SYSCALL_GETCWD_E, Ppme.SYSCALL_SETUID_E, Ppme.SYSCALL_SETGID_E,
            Ppme.SYSCALL_SETRESUID_E, Ppme.SYSCALL_SETRESGID_E, Ppme.SYSCALL_SETSID_E, Ppme.SYSCALL_SETPGID_E,
            Ppme.SYSCALL_GETRLIMIT_E, Ppme.SYSCALL_SETRLIMIT_E, Ppme.SYSCALL_PRLIMIT_E, Ppme.SYSCALL_CHROOT_E,
            Ppme.SYSCALL_BRK_4_E, Ppme.SYSCALL_MMAP_E, Ppme.SYSCALL_MMAP2_E, Ppme.SYSCALL_MUNMAP_E,
            Ppme.SOCKET_GETSOCKOPT_E, Ppme.SOCKET_SENDTO_E, Ppme.SOCKET_SENDMSG_E, Ppme.SOCKET_RECVFROM_E,
            Ppme.SOCKET_RECVMSG_E, Ppme.PROCEXIT_1_E, Ppme.CONTAINER_JSON_E, Ppme.CONTAINER_JSON_2_E,
            Ppme.CONTAINER_E, Ppme.SCHEDSWITCH_6_E, Ppme.PROCINFO_E};
        for (int id : explicit) {
            b.set(id);
            b.set(id + 1);
        }
        for (EventInfo info : EventTable.all()) {
            if ((info.flags() & stateFlags) != 0 && !info.has(EventFlags.UNUSED)) {
                b.set(info.id() & ~1);
                b.set(info.id() | 1);
            }
        }
        return b;
    }
}

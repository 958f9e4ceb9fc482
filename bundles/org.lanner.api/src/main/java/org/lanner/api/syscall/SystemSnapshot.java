package org.lanner.api.syscall;

import java.util.List;

import org.lanner.api.source.Snapshot;

/**
 * The state of a system at one moment: what a capture file's header blocks hold, and what the
 * live driver reads from {@code /proc} when it starts.
 *
 * @param machine the machine
 * @param threads every thread, each with its file descriptors
 * @param users the users
 * @param groups the groups
 * @param interfaces the network interfaces
 */
public record SystemSnapshot(MachineInfo machine, List<ThreadEntry> threads, List<UserEntry> users,
        List<GroupEntry> groups, List<InterfaceEntry> interfaces) implements Snapshot {

    public SystemSnapshot {
        threads = List.copyOf(threads);
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        interfaces = List.copyOf(interfaces);
    }

    /** A snapshot with nothing in it (a capture without header blocks). */
    public static SystemSnapshot empty() {
        return new SystemSnapshot(null, List.of(), List.of(), List.of(), List.of());
    }
}

package org.lanner.syscall.internal;

import java.util.List;
import java.util.Map;

import org.lanner.api.extract.BufferFormat;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.UserEntry;

/**
 * The parts of a stream's state that lanes may read at any time: the thread table (through the
 * versions' history), users, groups and the machine's interfaces. The collections are replaced,
 * never modified, after the stream starts.
 */
final class SharedState {

    final TidMap threads = new TidMap();
    /** How the stream's run renders byte buffers as text ({@code -b}: base64); fixed for the stream. */
    final BufferFormat bufferFormat;
    volatile Map<Integer, UserEntry> users = Map.of();
    volatile Map<Integer, GroupEntry> groups = Map.of();
    /** IPv4 interfaces: raw address and netmask pairs. */
    volatile int[] ipv4Interfaces = new int[0];
    /** IPv6 interface addresses (16 bytes each). */
    volatile List<byte[]> ipv6Interfaces = List.of();
    volatile MachineInfo machine;
    /** Timestamp of the first event that is not a container event ({@code evt.reltime}). */
    volatile long firstEventTs;

    SharedState(BufferFormat bufferFormat) {
        this.bufferFormat = bufferFormat;
    }

    UserEntry user(int uid) {
        return uid == -1 ? null : users.get(uid);
    }

    GroupEntry group(int gid) {
        return gid == -1 ? null : groups.get(gid);
    }

    /** libsinsp's {@code is_ipv4addr_in_local_machine}. */
    boolean isLocalIpv4(int addr, ThreadInfo thread, Container container, Map<String, Container> containers) {
        if (thread != null && !thread.containerId.isEmpty() && container != null) {
            if (container.ip != 0) {
                if (addr == container.ip) {
                    return true;
                }
            } else if (containers != null) {
                for (Container c : containers.values()) {
                    if (c.ip == addr) {
                        return true;
                    }
                }
            }
        }
        int[] ifs = ipv4Interfaces;
        for (int i = 0; i < ifs.length; i += 2) {
            if (ifs[i] == addr) {
                return true;
            }
        }
        return false;
    }

    /** libsinsp's {@code is_ipv6addr_in_local_machine}. */
    boolean isLocalIpv6(byte[] addr, int off, ThreadInfo thread) {
        if (thread != null && !thread.containerId.isEmpty()) {
            return false;
        }
        // same /64 as an interface address
        for (byte[] a : ipv6Interfaces) {
            if (java.util.Arrays.equals(a, 0, 8, addr, off, off + 8)) {
                return true;
            }
        }
        return false;
    }
}

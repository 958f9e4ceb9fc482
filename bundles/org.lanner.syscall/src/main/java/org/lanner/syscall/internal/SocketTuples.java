package org.lanner.syscall.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.lanner.api.event.Event;
import org.lanner.api.syscall.FdEntry;

/**
 * Socket tuples and addresses (libsinsp's sockinfo and tuple code, with its network interfaces):
 * fills a socket descriptor's addresses and ports from a sockaddr or tuple parameter, swaps and
 * names tuples, completes a half-known tuple with the local address the machine's interfaces
 * suggest, and guesses whether the process is the client or the server of a connection.
 */
final class SocketTuples {

    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    private final SharedState shared;
    private final ThreadTable threads;

    SocketTuples(SharedState shared, ThreadTable threads) {
        this.shared = shared;
        this.threads = threads;
    }

    /** libsinsp's set_ipv4_addresses_and_ports: from an IPv4 tuple at {@code off}; true when it changed. */
    static boolean setIpv4(FdInfo.Builder b, byte[] a, int off) {
        return updateIpv4(b, NetFormat.ipv4Raw(a, off + 1), Render.u16(a, off + 5), NetFormat.ipv4Raw(a, off + 7),
                Render.u16(a, off + 11));
    }

    /** libsinsp's set_ipv4_mapped_ipv6_addresses_and_ports: from an IPv6 tuple of IPv4-mapped addresses. */
    static boolean setIpv4Mapped(FdInfo.Builder b, byte[] a, int off) {
        return updateIpv4(b, NetFormat.ipv4Raw(a, off + 13), Render.u16(a, off + 17), NetFormat.ipv4Raw(a, off + 31),
                Render.u16(a, off + 35));
    }

    private static boolean updateIpv4(FdInfo.Builder b, int tsip, int tsport, int tdip, int tdport) {
        int sip = b.u32(FdInfo.V4_SIP);
        int sport = b.u16(FdInfo.V4_SPORT);
        int dip = b.u32(FdInfo.V4_DIP);
        int dport = b.u16(FdInfo.V4_DPORT);
        if (b.type == FdEntry.IPV4_SOCK && ((tsip == sip && tsport == sport && tdip == dip && tdport == dport)
                || (tdip == sip && tdport == sport && tsip == dip && tsport == dport))) {
            return false;
        }
        boolean changed = false;
        if (sip != tsip) {
            b.u32(FdInfo.V4_SIP, tsip);
            changed = true;
        }
        if (sport != tsport) {
            b.u16(FdInfo.V4_SPORT, tsport);
            changed = true;
        }
        if (dip == 0) {
            b.u32(FdInfo.V4_DIP, tdip);
            changed = true;
        }
        if (dport == 0) {
            b.u16(FdInfo.V4_DPORT, tdport);
            changed = true;
        }
        return changed;
    }

    /** libsinsp's set_ipv6_addresses_and_ports: from an IPv6 tuple at {@code off}; true when it changed. */
    static boolean setIpv6(FdInfo.Builder b, byte[] a, int off) {
        int tsport = Render.u16(a, off + 17);
        int tdport = Render.u16(a, off + 35);
        int sport = b.u16(FdInfo.V6_SPORT);
        int dport = b.u16(FdInfo.V6_DPORT);
        if (b.type == FdEntry.IPV6_SOCK) {
            boolean same = b.equalBytes(FdInfo.V6_SIP, a, off + 1, 16) && tsport == sport
                    && b.equalBytes(FdInfo.V6_DIP, a, off + 19, 16) && tdport == dport;
            boolean reversed = b.equalBytes(FdInfo.V6_SIP, a, off + 19, 16) && tdport == sport
                    && b.equalBytes(FdInfo.V6_DIP, a, off + 1, 16) && tsport == dport;
            if (same || reversed) {
                return false;
            }
        }
        boolean changed = false;
        if (!b.equalBytes(FdInfo.V6_SIP, a, off + 1, 16)) {
            b.bytes(FdInfo.V6_SIP, a, off + 1, 16);
            changed = true;
        }
        if (sport != tsport) {
            b.u16(FdInfo.V6_SPORT, tsport);
            changed = true;
        }
        if (b.zeroBytes(FdInfo.V6_DIP, 16)) {
            b.bytes(FdInfo.V6_DIP, a, off + 19, 16);
            changed = true;
        }
        if (dport == 0) {
            b.u16(FdInfo.V6_DPORT, tdport);
            changed = true;
        }
        return changed;
    }

    /** libsinsp's set_unix_info: the source and destination of a unix tuple at {@code off}. */
    static void setUnixInfo(FdInfo.Builder b, Event e, int off) {
        byte[] a = Params.array(e);
        int end = e.buffer().arrayOffset() + e.offset() + e.length();
        b.u64(FdInfo.UNIX_SOURCE, Render.u64(a, off + 1, end)).u64(FdInfo.UNIX_DEST, Render.u64(a, off + 9, end));
    }

    /** libsinsp's swap_addresses: exchanges the source and destination of an IP tuple. */
    static void swap(FdInfo.Builder b) {
        if (b.type == FdEntry.IPV4_SOCK) {
            int sip = b.u32(FdInfo.V4_SIP);
            int sport = b.u16(FdInfo.V4_SPORT);
            b.u32(FdInfo.V4_SIP, b.u32(FdInfo.V4_DIP)).u16(FdInfo.V4_SPORT, b.u16(FdInfo.V4_DPORT));
            b.u32(FdInfo.V4_DIP, sip).u16(FdInfo.V4_DPORT, sport);
        } else {
            byte[] sip = new byte[16];
            byte[] s = b.sockBytes();
            System.arraycopy(s, FdInfo.V6_SIP, sip, 0, 16);
            int sport = b.u16(FdInfo.V6_SPORT);
            System.arraycopy(s, FdInfo.V6_DIP, s, FdInfo.V6_SIP, 16);
            b.u16(FdInfo.V6_SPORT, b.u16(FdInfo.V6_DPORT));
            System.arraycopy(sip, 0, s, FdInfo.V6_DIP, 16);
            b.u16(FdInfo.V6_DPORT, sport);
        }
    }

    /** libsinsp's sockinfo_to_str: the name of an IP socket from its tuple. */
    static void sockinfoToStr(FdInfo.Builder b) {
        if (b.type == FdEntry.IPV4_SOCK) {
            int l4 = b.u8(FdInfo.V4_L4);
            if (l4 == FdInfo.L4_TCP || l4 == FdInfo.L4_UDP) {
                b.name = NetFormat.ipv4Tuple(b.u32(FdInfo.V4_SIP), b.u16(FdInfo.V4_SPORT), b.u32(FdInfo.V4_DIP),
                        b.u16(FdInfo.V4_DPORT));
            } else if (l4 == FdInfo.L4_ICMP || l4 == FdInfo.L4_RAW) {
                b.name = NetFormat.ipv4(b.u32(FdInfo.V4_SIP)) + "->" + NetFormat.ipv4(b.u32(FdInfo.V4_DIP));
            } else {
                b.name = "<unknown>";
            }
        } else if (b.type == FdEntry.IPV6_SOCK) {
            byte[] s = b.sockBytes();
            boolean mapped = NetFormat.isV4Mapped(s, FdInfo.V6_SIP) && NetFormat.isV4Mapped(s, FdInfo.V6_DIP);
            int l4 = b.u8(FdInfo.V6_L4);
            if (l4 == FdInfo.L4_TCP || l4 == FdInfo.L4_UDP) {
                if (mapped) {
                    // libsinsp reads the ports through the IPv4 view of the union here
                    b.name = NetFormat.ipv4Tuple(b.u32(FdInfo.V6_SIP + 12), b.u16(FdInfo.V4_SPORT), b.u32(FdInfo.V6_DIP + 12),
                            b.u16(FdInfo.V4_DPORT));
                } else {
                    b.name = NetFormat.ipv6(s, FdInfo.V6_SIP) + ":" + b.u16(FdInfo.V6_SPORT) + "->" + NetFormat.ipv6(s, FdInfo.V6_DIP)
                            + ":" + b.u16(FdInfo.V6_DPORT);
                }
            } else if (l4 == FdInfo.L4_ICMP) {
                if (mapped) {
                    b.name = NetFormat.ipv4(b.u32(FdInfo.V6_SIP + 12)) + "->" + NetFormat.ipv4(b.u32(FdInfo.V6_DIP + 12));
                } else {
                    b.name = NetFormat.ipv6(s, FdInfo.V6_SIP) + "->" + NetFormat.ipv6(s, FdInfo.V6_DIP);
                }
            } else {
                b.name = "<unknown>";
            }
        }
    }

    /** libsinsp's update_fd: fills a socket's tuple from a tuple parameter. */
    boolean updateFd(FdInfo.Builder b, Event src, int param) {
        int len = Params.len(src, param);
        if (len == 0) {
            return false;
        }
        byte[] a = Params.array(src);
        int off = Params.arrayOffset(src, param);
        int family = a[off];
        if (family == AF_INET) {
            if (len < 13) {
                return false;
            }
            if (b.type == FdEntry.IPV4_SERVSOCK) {
                b.u8(FdInfo.V4_L4, b.u8(FdInfo.V4S_L4));
            }
            b.type = FdEntry.IPV4_SOCK;
            if (!setIpv4(b, a, off)) {
                return false;
            }
        } else if (family == AF_INET6) {
            if (len < 37) {
                return false;
            }
            if (NetFormat.isV4Mapped(a, off + 1) && NetFormat.isV4Mapped(a, off + 19)) {
                b.type = FdEntry.IPV4_SOCK;
                if (!setIpv4Mapped(b, a, off)) {
                    return false;
                }
            } else if (!setIpv6(b, a, off)) {
                return false;
            }
        } else if (family == AF_UNIX) {
            b.type = FdEntry.UNIX_SOCK;
            setUnixInfo(b, src, off);
            b.name = len > 17 ? textAt(a, off + 17, len - 17) : "";
            return true;
        }
        if (b.type == FdEntry.IPV4_SOCK && b.u8(FdInfo.V4_L4) == FdInfo.L4_UNKNOWN) {
            b.u8(FdInfo.V4_L4, FdInfo.L4_UDP);
        } else if (b.type == FdEntry.IPV6_SOCK && b.u8(FdInfo.V6_L4) == FdInfo.L4_UNKNOWN) {
            b.u8(FdInfo.V6_L4, FdInfo.L4_UDP);
        }
        completeTuple(b);
        return true;
    }

    private static String textAt(byte[] a, int off, int len) {
        int end = 0;
        while (end < len && a[off + end] != 0) {
            end++;
        }
        return new String(a, off, end, StandardCharsets.UTF_8);
    }

    /** libsinsp's network_interfaces update_fd: guesses the local address of a half-known tuple. */
    private void completeTuple(FdInfo.Builder b) {
        if (b.type == FdEntry.IPV4_SOCK) {
            int sip = b.u32(FdInfo.V4_SIP);
            int dip = b.u32(FdInfo.V4_DIP);
            if (sip != 0 && dip != 0) {
                return;
            }
            boolean samePorts = b.u16(FdInfo.V4_SPORT) == b.u16(FdInfo.V4_DPORT);
            if (sip == 0) {
                int n = inferIpv4(dip);
                if (n == dip && samePorts) {
                    return;
                }
                b.u32(FdInfo.V4_SIP, n);
            } else {
                int n = inferIpv4(sip);
                if (n == sip && samePorts) {
                    return;
                }
                b.u32(FdInfo.V4_DIP, n);
            }
        } else if (b.type == FdEntry.IPV6_SOCK) {
            boolean sipEmpty = b.zeroBytes(FdInfo.V6_SIP, 16);
            boolean dipEmpty = b.zeroBytes(FdInfo.V6_DIP, 16);
            if (!sipEmpty && !dipEmpty) {
                return;
            }
            byte[] s = b.sockBytes();
            boolean samePorts = b.u16(FdInfo.V6_SPORT) == b.u16(FdInfo.V6_DPORT);
            int known = sipEmpty ? FdInfo.V6_DIP : FdInfo.V6_SIP;
            int unknown = sipEmpty ? FdInfo.V6_SIP : FdInfo.V6_DIP;
            byte[] n = inferIpv6(s, known);
            if (java.util.Arrays.equals(n, 0, 16, s, known, known + 16) && samePorts) {
                return;
            }
            System.arraycopy(n, 0, s, unknown, 16);
        }
    }

    /** libsinsp's network_interfaces infer_ipv4_address: the interface address to use for {@code dest}. */
    private int inferIpv4(int dest) {
        int[] ifs = shared.ipv4Interfaces;
        for (int i = 0; i < ifs.length; i += 2) {
            if (ifs[i] == dest) {
                return ifs[i];
            }
        }
        for (int i = 0; i < ifs.length; i += 2) {
            if ((ifs[i] & ifs[i + 1]) == (dest & ifs[i + 1])) {
                return ifs[i];
            }
        }
        for (int i = 0; i < ifs.length; i += 2) {
            if (ifs[i] != 0x0100007f) {
                return ifs[i];
            }
        }
        return 0;
    }

    /** libsinsp's network_interfaces infer_ipv6_address: the interface address to use for the one at {@code off}. */
    private byte[] inferIpv6(byte[] s, int off) {
        List<byte[]> ifs = shared.ipv6Interfaces;
        for (byte[] a : ifs) {
            if (java.util.Arrays.equals(a, 0, 16, s, off, off + 16)) {
                return a;
            }
        }
        for (byte[] a : ifs) {
            if (java.util.Arrays.equals(a, 0, 8, s, off, off + 8)) {
                return a;
            }
        }
        for (byte[] a : ifs) {
            boolean loopback = true;
            for (int i = 0; i < 15; i++) {
                if (a[i] != 0) {
                    loopback = false;
                    break;
                }
            }
            if (!(loopback && a[15] == 1)) {
                return a;
            }
        }
        return new byte[16];
    }

    /**
     * libsinsp's set_net_role_by_guessing: server when the process owns the port. The table scan
     * sees the descriptor being updated as it is now, as libsinsp's in-place update does.
     */
    void guessRole(ParsedEvent ev, FdInfo.Builder b, boolean incoming) {
        int dport = b.u16(FdInfo.V4_DPORT);
        int sport = b.u16(FdInfo.V4_SPORT);
        TidSlot table = threads.tableSlot(ev, ev.slot, ev.tinfo);
        FdTable fds = table == null ? FdTable.EMPTY : table.fds;
        FdInfo self = b.build();
        boolean[] bound = {false};
        boolean[] client = {false};
        fds.forEach((fd, f) -> {
            FdInfo x = fd == ev.fdKey && table == ev.fdTable ? self : f;
            if (x.type == FdEntry.IPV4_SOCK) {
                if (x.u16(FdInfo.V4_DPORT) == dport) {
                    bound[0] = true;
                }
                if (x.u16(FdInfo.V4_SPORT) == sport) {
                    client[0] = true;
                }
            } else if (x.type == FdEntry.IPV4_SERVSOCK && x.u16(FdInfo.V4S_PORT) == dport) {
                bound[0] = true;
            }
        });
        if (bound[0]) {
            if (!client[0]) {
                b.flags |= FdInfo.ROLE_SERVER;
                return;
            }
            if (b.isRoleNone()) {
                b.flags |= incoming ? FdInfo.ROLE_SERVER : FdInfo.ROLE_CLIENT;
            }
            return;
        }
        b.flags |= FdInfo.ROLE_CLIENT;
    }
}

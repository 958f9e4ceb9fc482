package org.lanner.scap.internal;

import java.util.HexFormat;

import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;

/** A canonical text of a snapshot, for comparing snapshots (the records hold arrays). */
final class Snapshots {

    private static final HexFormat HEX = HexFormat.of();

    private Snapshots() {
    }

    static String describe(SystemSnapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append("machine ").append(s.machine()).append('\n');
        for (ThreadEntry t : s.threads()) {
            sb.append(t.tid()).append(' ').append(t.pid()).append(' ').append(t.ptid()).append(' ').append(t.sid()).append(' ')
                    .append(t.vpgid()).append(' ').append(t.comm()).append('|').append(t.exe()).append('|').append(t.exepath())
                    .append('|').append(t.args()).append('|').append(t.cwd()).append(' ').append(t.fdlimit()).append(' ')
                    .append(t.flags()).append(' ').append(t.uid()).append(' ').append(t.gid()).append(' ').append(t.vmsizeKb())
                    .append(' ').append(t.vmrssKb()).append(' ').append(t.vmswapKb()).append(' ').append(t.pfMajor()).append(' ')
                    .append(t.pfMinor()).append(' ').append(t.env()).append(' ').append(t.vtid()).append(' ').append(t.vpid())
                    .append(' ').append(t.cgroups()).append(' ').append(t.root()).append(' ').append(t.loginuid()).append(' ')
                    .append(t.exeWritable()).append('\n');
            for (FdEntry f : t.fds()) {
                sb.append("  ").append(describe(f)).append('\n');
            }
        }
        s.users().forEach(u -> sb.append(u).append('\n'));
        s.groups().forEach(g -> sb.append(g).append('\n'));
        for (InterfaceEntry i : s.interfaces()) {
            sb.append(i.name()).append(' ').append(hex(i.address())).append(' ').append(hex(i.netmask())).append(' ')
                    .append(hex(i.broadcast())).append(' ').append(i.linkSpeed()).append('\n');
        }
        return sb.toString();
    }

    static String describe(FdEntry f) {
        return f.fd() + " ino=" + f.ino() + " type=" + f.type() + " name=" + f.name() + " flags=" + f.openFlags() + " dev="
                + f.dev() + " sip=" + hex(f.sourceIp()) + ":" + f.sourcePort() + " dip=" + hex(f.destIp()) + ":" + f.destPort()
                + " l4=" + f.l4proto() + " src=" + f.sourceId() + " dst=" + f.destId();
    }

    private static String hex(byte[] b) {
        return b == null ? "-" : HEX.formatHex(b);
    }
}

package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;

/** The /proc reader on this very JVM; needs no privileges. */
class ProcScannerTest {

    @TempDir
    Path dir;

    @Test
    void thisProcessWithItsFilesSocketsAndThreads() throws IOException {
        Path file = dir.resolve("open.txt");
        Files.writeString(file, "x");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SystemSnapshot snap = new ProcScanner().scan();
            long pid = ProcessHandle.current().pid();
            ThreadEntry me = snap.threads().stream().filter(t -> t.tid() == pid).findFirst().orElseThrow();
            assertThat(me.exepath()).endsWith("/java");
            assertThat(me.exe()).endsWith("java");
            assertThat(me.args()).isNotEmpty();
            assertThat(me.ptid()).isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
            assertThat(me.vtid()).isPositive();
            assertThat(me.fdlimit()).isPositive();
            assertThat(me.cgroups()).allMatch(c -> c.contains("="));
            assertThat(me.root()).isEqualTo("/");
            FdEntry f = me.fds().stream().filter(e -> e.name().equals(file.toString())).findFirst().orElseThrow();
            assertThat(f.type()).isEqualTo(FdEntry.FILE_V2);
            assertThat(f.openFlags() & 3).as("O_WRONLY").isEqualTo(2);
            assertThat(f.openFlags() & (1 << 3)).as("O_APPEND").isNotZero();
            assertThat(f.ino()).isEqualTo(Files.getAttribute(file, "unix:ino"));
            assertThat(f.dev()).isNotZero();
            assertThat(me.fds()).anyMatch(e -> (e.type() == FdEntry.IPV4_SERVSOCK || e.type() == FdEntry.IPV6_SERVSOCK)
                    && e.sourcePort() == server.getLocalPort());
            assertThat(snap.threads()).filteredOn(t -> t.pid() == pid && t.tid() != pid).isNotEmpty()
                    .allMatch(t -> t.fds().isEmpty() && t.flags() == ((1 << 13) | 1));
            assertThat(snap.machine().memoryBytes()).isPositive();
            assertThat(snap.machine().hostname()).isNotEmpty();
        }
    }

    @Test
    void socketTablesAreDecoded(@TempDir Path net) throws IOException {
        Path tcp = net.resolve("tcp");
        Files.writeString(tcp, String.join("\n",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0",
                "   1: 0100007F:B9A2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 2222 1 0", ""));
        Path unix = net.resolve("unix");
        Files.writeString(unix, String.join("\n", "Num       RefCount Protocol Flags    Type St Inode Path",
                "ffff888104495680: 00000002 00000000 00010000 0001 01 3333 /run/x.sock", ""));
        Map<Long, FdEntry> m = new HashMap<>();
        ProcScanner.readInet(tcp, false, ProcScanner.L4_TCP, m);
        ProcScanner.readUnix(unix, m);
        assertThat(m.get(1111L).type()).isEqualTo(FdEntry.IPV4_SERVSOCK);
        assertThat(m.get(1111L).sourceIp()).containsExactly(127, 0, 0, 1);
        assertThat(m.get(1111L).sourcePort()).isEqualTo(8080);
        FdEntry c = m.get(2222L);
        assertThat(c.type()).isEqualTo(FdEntry.IPV4_SOCK);
        assertThat(c.sourcePort()).isEqualTo(0xB9A2);
        assertThat(c.destPort()).isEqualTo(8080);
        assertThat(c.l4proto()).isEqualTo(2);
        FdEntry u = m.get(3333L);
        assertThat(u.type()).isEqualTo(FdEntry.UNIX_SOCK);
        assertThat(u.name()).isEqualTo("/run/x.sock");
        assertThat(u.sourceId()).isEqualTo(0xffff888104495680L);
    }

    @Test
    void ipv6AddressesKeepNetworkOrder() {
        // ::ffff:127.0.0.1 as /proc/net/tcp6 prints it (four host-order words)
        assertThat(ProcScanner.hexAddress("0000000000000000FFFF00000100007F"))
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1);
        assertThat(ProcScanner.encodeDev(254, 0)).isEqualTo(0xFE00);
        assertThat(OpenFlags.toPortable(02000002)).isEqualTo((1 << 0) | (1 << 1) | (1 << 12));
    }
}

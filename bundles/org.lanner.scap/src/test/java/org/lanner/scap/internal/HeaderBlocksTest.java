package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lanner.scap.internal.CaptureBuilder.cstr;
import static org.lanner.scap.internal.CaptureBuilder.i64;
import static org.lanner.scap.internal.CaptureBuilder.le;
import static org.lanner.scap.internal.CaptureBuilder.record;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.lanner.api.source.SourceException;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;
import org.lanner.api.syscall.UserEntry;
import org.lanner.scap.internal.CaptureBuilder.Le;

/** Every header block type and version, crafted byte by byte (layouts: process-list.md). */
class HeaderBlocksTest {

    private static final byte[] CLOSE_E = record(1, 42, 4, i64(3));

    private static SystemSnapshot snapshot(CaptureBuilder b) throws SourceException {
        Captures.Read read = Captures.read(b.event(CLOSE_E).bytes(), id -> null);
        assertThat(read.events()).hasSize(1);
        return read.snapshots().get(0);
    }

    /** A process-list entry of {@code version} with distinct values in every field it has. */
    static byte[] processEntry(int version, long tid) {
        Le e = le().u64(tid).u64(tid + 1).u64(tid + 2);
        if (version >= 6) {
            e.u64(tid + 3);
        }
        if (version >= 8) {
            e.u64(tid + 4);
        }
        e.str16("comm" + version).str16("/bin/exe" + version);
        if (version >= 7) {
            e.str16("/usr/bin/exe" + version);
        }
        e.list16("-a", "b c").str16("/cwd").u64(1024).u32(0x2001).u32(1000).u32(1001);
        if (version >= 2) {
            e.u32(11).u32(12).u32(13).u64(14).u64(15);
        }
        if (version >= 3) {
            e.list16("A=1", "B=2");
        }
        if (version >= 4) {
            e.u64(tid + 5).u64(tid + 6).list16("cpu=/docker/abc");
        }
        if (version >= 5) {
            e.str16("/chroot");
        }
        return e.toBytes();
    }

    @ParameterizedTest
    @CsvSource({"1, 0x202", "1, 0x8000ABCD", "2, 0x207", "2, 0x8013ABCD", "3, 0x209", "3, 0x8014ABCD", "4, 0x210",
        "5, 0x211", "6, 0x212", "7, 0x213", "8, 0x214"})
    void processListVersions(int version, String blockType) throws Exception {
        int type = Integer.parseUnsignedInt(blockType.substring(2), 16);
        byte[] body = le().raw(processEntry(version, 100)).raw(processEntry(version, 200)).toBytes();
        SystemSnapshot s = snapshot(new CaptureBuilder().shb(1, 0).block(type, body));
        assertThat(s.threads()).extracting(ThreadEntry::tid).containsExactly(100L, 200L);
        ThreadEntry t = s.threads().get(0);
        assertThat(List.of(t.pid(), t.ptid())).containsExactly(101L, 102L);
        assertThat(t.sid()).isEqualTo(version >= 6 ? 103 : -1);
        assertThat(t.vpgid()).isEqualTo(version >= 8 ? 104 : -1);
        assertThat(t.comm()).isEqualTo("comm" + version);
        assertThat(t.exe()).isEqualTo("/bin/exe" + version);
        assertThat(t.exepath()).isEqualTo(version >= 7 ? "/usr/bin/exe" + version : "");
        assertThat(t.args()).containsExactly("-a", "b c");
        assertThat(t.cwd()).isEqualTo("/cwd");
        assertThat(List.of(t.fdlimit(), (long) t.flags(), (long) t.uid(), (long) t.gid())).containsExactly(1024L, 0x2001L, 1000L, 1001L);
        assertThat(List.of(t.vmsizeKb(), t.vmrssKb(), t.vmswapKb())).isEqualTo(version >= 2 ? List.of(11, 12, 13) : List.of(0, 0, 0));
        assertThat(t.pfMajor()).isEqualTo(version >= 2 ? 14 : 0);
        assertThat(t.env()).isEqualTo(version >= 3 ? List.of("A=1", "B=2") : List.of());
        assertThat(List.of(t.vtid(), t.vpid())).isEqualTo(version >= 4 ? List.of(105L, 106L) : List.of(-1L, -1L));
        assertThat(t.cgroups()).isEqualTo(version >= 4 ? List.of("cpu=/docker/abc") : List.of());
        assertThat(t.root()).isEqualTo(version >= 5 ? "/chroot" : "");
        assertThat(t.loginuid()).isEqualTo(-1);
        assertThat(t.exeWritable()).isFalse();
    }

    private static byte[] v9Entry(long tid, byte[] tail) {
        byte[] fields = processEntry(9, tid);
        return le().u32(4 + fields.length + tail.length).raw(fields).raw(tail).toBytes();
    }

    @Test
    void processListV9OptionalFields() throws Exception {
        byte[] body = le()
                .raw(v9Entry(1, new byte[0])) // 3aa-era writers before loginuid existed
                .raw(v9Entry(2, le().u32(501).toBytes())) // 3aa: loginuid
                .raw(v9Entry(3, le().u32(502).u8(1).toBytes())) // e5c: loginuid + exe_writable
                .raw(v9Entry(4, le().u32(503).u8(1).u8(0xEE).u8(0xEE).toBytes())) // unknown extra bytes
                // libs >= 0.10: pidns_init_start_ts and tty before loginuid, capabilities etc. after
                .raw(v9Entry(5, le().u64(77).u32(34816).u32(504).u8(1).u64(1).u64(2).u64(3).u8(0).u64(9).u64(8).u64(7)
                        .u8(0).u8(0).u64(5).toBytes()))
                .toBytes();
        SystemSnapshot s = snapshot(new CaptureBuilder().shb().block(BlockTypes.PL_V9, body));
        assertThat(s.threads()).extracting(ThreadEntry::loginuid).containsExactly(-1, 501, 502, 503, 504);
        assertThat(s.threads()).extracting(ThreadEntry::exeWritable).containsExactly(false, false, true, true, true);
        assertThat(s.threads().get(4).vpgid()).isEqualTo(9);
    }

    @Test
    void processListEntryShorterThanItsFields() {
        byte[] fields = processEntry(9, 1);
        byte[] body = le().u32(40).raw(fields).toBytes();
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().block(BlockTypes.PL_V9, body)))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("test.scap: offset 28: process list block 0x215: entry 1 (tid 1): ")
                .hasMessageContaining("only");
    }

    @Test
    void processListLimits() {
        byte[] longComm = le().u64(1).u64(1).u64(1).u16(1025).raw(new byte[1025]).toBytes();
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().block(BlockTypes.PL_V1, longComm)))
                .hasMessageContaining("comm: length 1025 exceeds 1024");
        byte[] longArgs = le().u64(1).u64(1).u64(1).str16("c").str16("e").u16(4097).raw(new byte[4097]).toBytes();
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().block(BlockTypes.PL_V1, longArgs)))
                .hasMessageContaining("args: length 4097 exceeds 4096");
    }

    private static CaptureBuilder withThread() {
        return new CaptureBuilder().shb().block(BlockTypes.PL_V9, v9Entry(42, new byte[0]));
    }

    @Test
    void fdListV1AndV2WithEveryFdType() throws Exception {
        byte[] v1 = le().u64(42)
                .u64(0).u64(0).u8(FdEntry.FILE).str16("/dev/pts/0")
                .u64(3).u64(0).u8(FdEntry.IPV4_SOCK).raw(new byte[] {10, 0, 0, 1}).raw(new byte[] {10, 0, 0, 2}).u16(1234).u16(80).u8(2)
                .u64(4).u64(0).u8(FdEntry.IPV6_SOCK).raw(new byte[16]).raw(new byte[16]).u16(5).u16(6).u8(3)
                .u64(5).u64(0).u8(FdEntry.IPV4_SERVSOCK).raw(new byte[] {0, 0, 0, 0}).u16(22).u8(2)
                .u64(6).u64(0).u8(FdEntry.IPV6_SERVSOCK).raw(new byte[16]).u16(23).u8(2)
                .u64(7).u64(99).u8(FdEntry.UNIX_SOCK).u64(0xAAAA).u64(0xBBBB).str16("/run/s")
                .u64(8).u64(0).u8(FdEntry.FILE_V2).u32(0x1001).str16("/etc/x") // no dev: v1 entries never carry it
                .toBytes();
        Le v2 = le().u64(42);
        String[] names = {"", "", "/d", "", "", "", "", "fifo", "", "event", "unsup", "signal", "epoll", "inotify", "timer",
            "netlink", "", "bpf-prog", "userfault", "io_uring", "memfd:x", "pidfd"};
        int[] named = {2, 7, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21};
        for (int type : named) {
            byte[] entry = le().u64(100 + type).u64(0).u8(type).str16(names[type]).toBytes();
            v2.u32(4 + entry.length).raw(entry);
        }
        byte[] file = le().u64(200).u64(7).u8(FdEntry.FILE_V2).u32(3).str16("/etc/passwd").u32(2051).toBytes();
        v2.u32(4 + file.length).raw(file);
        byte[] future = le().u64(201).u64(0).u8(99).u64(123456).toBytes(); // a type from a newer library
        v2.u32(4 + future.length).raw(future);
        SystemSnapshot s = snapshot(withThread().block(BlockTypes.FDL, v1).block(BlockTypes.FDL_V2, v2.toBytes()));
        List<FdEntry> fds = s.threads().get(0).fds();
        assertThat(fds).hasSize(7 + named.length + 2);
        assertThat(Snapshots.describe(fds.get(1))).isEqualTo("3 ino=0 type=3 name= flags=0 dev=0 sip=0a000001:1234 dip=0a000002:80 l4=2 src=0 dst=0");
        assertThat(fds.get(2).sourcePort()).isEqualTo(5);
        assertThat(fds.get(2).l4proto()).isEqualTo(3);
        assertThat(List.of(fds.get(3).type(), fds.get(3).sourcePort())).containsExactly(FdEntry.IPV4_SERVSOCK, 22);
        assertThat(List.of(fds.get(4).type(), fds.get(4).sourcePort())).containsExactly(FdEntry.IPV6_SERVSOCK, 23);
        assertThat(Snapshots.describe(fds.get(5))).isEqualTo("7 ino=99 type=8 name=/run/s flags=0 dev=0 sip=-:0 dip=-:0 l4=0 src=43690 dst=48059");
        assertThat(List.of(fds.get(6).openFlags(), fds.get(6).dev())).containsExactly(0x1001, 0);
        for (int i = 0; i < named.length; i++) {
            FdEntry f = fds.get(7 + i);
            assertThat(f.type()).isEqualTo(named[i]);
            assertThat(f.name()).isEqualTo(names[named[i]]);
        }
        FdEntry passwd = fds.get(7 + named.length);
        assertThat(List.of(passwd.ino(), (long) passwd.openFlags(), (long) passwd.dev())).containsExactly(7L, 3L, 2051L);
        FdEntry unknown = fds.get(8 + named.length);
        assertThat(unknown.type()).isEqualTo(FdEntry.UNSUPPORTED);
        assertThat(unknown.name()).isEqualTo("unknown-type:[99]");
    }

    @Test
    void fdListErrors() {
        byte[] unknownV1 = le().u64(42).u64(3).u64(0).u8(99).u64(0).toBytes();
        assertThatThrownBy(() -> snapshot(withThread().block(BlockTypes.FDL, unknownV1)))
                .hasMessageContaining("fd list block 0x203: tid 42 fd 3: unknown fd type 99");
        byte[] orphan = le().u64(7).toBytes();
        assertThatThrownBy(() -> snapshot(withThread().block(BlockTypes.FDL_V2, orphan)))
                .hasMessageContaining("fd list of thread 7, which no process list entry names");
        byte[] longName = le().u64(42).u64(3).u64(0).u8(FdEntry.FILE).u16(1024).raw(new byte[1024]).toBytes();
        assertThatThrownBy(() -> snapshot(withThread().block(BlockTypes.FDL_INT, longName)))
                .hasMessageContaining("name: length 1024 exceeds 1023");
        byte[] overlong = le().u64(42).u32(5000).u64(3).u64(0).u8(FdEntry.FILE).str16("x").toBytes();
        assertThatThrownBy(() -> snapshot(withThread().block(BlockTypes.FDL_V2, overlong)))
                .hasMessageContaining("entry length 5000 runs past the end of the block");
    }

    private static byte[] ipv4If(int type, String name, boolean withSpeed) {
        Le e = le().u16(type).u16(name.length()).raw(new byte[] {10, 1, 2, 3}).raw(new byte[] {(byte) 255, 0, 0, 0})
                .raw(new byte[] {10, (byte) 255, (byte) 255, (byte) 255});
        if (withSpeed) {
            e.u64(1000);
        }
        return e.raw(name.getBytes()).toBytes();
    }

    private static byte[] ipv6If(int type, String name, boolean withSpeed) {
        byte[] addr = new byte[16];
        addr[15] = 1;
        Le e = le().u16(type).u16(name.length()).raw(addr).raw(new byte[16]).raw(new byte[16]);
        if (withSpeed) {
            e.u64(10000);
        }
        return e.raw(name.getBytes()).toBytes();
    }

    @ParameterizedTest
    @CsvSource({"0x205", "0x8011ABCD"})
    void interfaceListV1(String blockType) throws Exception {
        int type = Integer.parseUnsignedInt(blockType.substring(2), 16);
        byte[] body = le().raw(ipv4If(1, "eth0", true)).raw(ipv6If(2, "lo", true)).raw(ipv4If(3, "old4", false))
                .raw(ipv6If(4, "old6", false)).toBytes();
        SystemSnapshot s = snapshot(new CaptureBuilder().shb().block(type, body));
        assertThat(s.interfaces()).extracting(InterfaceEntry::name).containsExactly("eth0", "lo", "old4", "old6");
        assertThat(s.interfaces()).extracting(InterfaceEntry::linkSpeed).containsExactly(1000L, 10000L, 0L, 0L);
        assertThat(s.interfaces()).extracting(InterfaceEntry::isIpv6).containsExactly(false, true, false, true);
        assertThat(s.interfaces().get(0).broadcast()).containsExactly(10, 255, 255, 255);
    }

    @Test
    void interfaceListV2ReplacesTheFirstList() throws Exception {
        byte[] e1 = ipv4If(1, "eth0", true);
        byte[] e2 = le().raw(ipv6If(2, "eth1", true)).u8(0x77).u8(0x77).toBytes(); // extra bytes skipped
        byte[] v2 = le().u32(e1.length).raw(e1).u32(e2.length).raw(e2).toBytes();
        SystemSnapshot s = snapshot(new CaptureBuilder().shb().block(BlockTypes.IL, ipv4If(1, "gone", true))
                .block(BlockTypes.IL_V2, v2));
        assertThat(s.interfaces()).extracting(InterfaceEntry::name).containsExactly("eth0", "eth1");
    }

    @Test
    void interfaceListErrors() {
        byte[] unknown = le().u16(7).u16(0).u64(0).u64(0).u64(0).toBytes();
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().block(BlockTypes.IL, unknown)))
                .hasMessageContaining("unknown interface type 7");
        // the entry claims more bytes than the block has ("corrupted interface list(2)" in libscap)
        byte[] tooLong = ipv4If(1, "eth0", true);
        byte[] v2 = le().u32(tooLong.length + 40).raw(tooLong).toBytes();
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().block(BlockTypes.IL_V2, v2)))
                .hasMessageContaining("interface list block 0x219: entry 1: entry length");
    }

    @Test
    void userListsV1AndV2() throws Exception {
        byte[] v1 = le().u8(0).u32(0).u32(0).str16("root").str16("/root").str16("/bin/bash").u8(1).u32(0).str16("root")
                .u8(5).u32(27).str16("sudo") // any non-zero type is a group
                .toBytes();
        SystemSnapshot first = snapshot(new CaptureBuilder().shb().block(BlockTypes.UL_INT, v1));
        assertThat(first.users()).containsExactly(new UserEntry(0, 0, "root", "/root", "/bin/bash"));
        assertThat(first.groups()).containsExactly(new GroupEntry(0, "root"), new GroupEntry(27, "sudo"));

        byte[] u = le().u8(0).u32(1000).u32(1000).str16("alice").str16("/home/alice").str16("/bin/sh").u32(0xDEAD).toBytes();
        byte[] g = le().u8(1).u32(100).str16("users").toBytes();
        byte[] v2 = le().u32(4 + u.length).raw(u).u32(4 + g.length).raw(g).toBytes();
        SystemSnapshot s = snapshot(new CaptureBuilder().shb().block(BlockTypes.UL, v1).block(BlockTypes.UL_V2, v2));
        assertThat(s.users()).containsExactly(new UserEntry(1000, 1000, "alice", "/home/alice", "/bin/sh"));
        assertThat(s.groups()).containsExactly(new GroupEntry(100, "users"));

        byte[] longName = le().u8(1).u32(1).u16(256).raw(new byte[256]).toBytes();
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().block(BlockTypes.UL, longName)))
                .hasMessageContaining("name: length 256 exceeds 255");
    }

    @Test
    void machineInfoAndLegacyId() throws Exception {
        assertThat(snapshot(new CaptureBuilder().shb().machineInfo(BlockTypes.MI_INT, 8, 1 << 30, 32768, "box")).machine())
                .isEqualTo(new MachineInfo(8, 1 << 30, 32768, "box"));
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().block(BlockTypes.MI, new byte[100])))
                .hasMessageContaining("machine info block 0x201: body of 100 bytes is shorter than the 180 of a machine info");
    }

    @Test
    void unknownHeaderBlocksAreSkippedButTheirTrailerChecked() throws Exception {
        SystemSnapshot s = snapshot(new CaptureBuilder().shb().block(0x999, new byte[33]).machineInfo(BlockTypes.MI, 1, 2, 3, "h"));
        assertThat(s.machine().hostname()).isEqualTo("h");
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().rawBlock(0x999, 48, new byte[36], 44)))
                .hasMessage("test.scap: offset 28: block 0x999: wrong block total length, header=48, trailer=44");
        assertThatThrownBy(() -> snapshot(new CaptureBuilder().shb().rawBlock(BlockTypes.UL_V2, 12, new byte[0], 16)))
                .hasMessageContaining("user list block 0x220: wrong block total length, header=12, trailer=16");
    }

    @Test
    void laterProcessListsAddThreadsAndARepeatedTidReplacesItsEntry() throws Exception {
        SystemSnapshot s = snapshot(new CaptureBuilder().shb().block(BlockTypes.PL_V9, v9Entry(1, new byte[0]))
                .block(BlockTypes.FDL_V2, le().u64(1).u32(4 + 21).u64(0).u64(0).u8(FdEntry.FILE).str16("ab").toBytes())
                .block(BlockTypes.PL_V1, processEntry(1, 1)).block(BlockTypes.PL_V1, processEntry(1, 2)));
        assertThat(s.threads()).extracting(ThreadEntry::tid).containsExactly(1L, 2L);
        assertThat(s.threads().get(0).comm()).isEqualTo("comm1");
        assertThat(s.threads().get(0).fds()).extracting(FdEntry::name).containsExactly("ab");
    }

    @Test
    void eventFreeCapturesAndSectionHeaders() {
        assertThatThrownBy(() -> Captures.read(new CaptureBuilder().shb().machineInfo(BlockTypes.MI, 1, 2, 3, "h").bytes(), id -> null))
                .hasMessage("test.scap: offset 220: no events in file");
        assertThatThrownBy(() -> Captures.read(new byte[0], id -> null)).hasMessage("test.scap: offset 0: empty file, not a capture");
        assertThatThrownBy(() -> Captures.read(cstr("hello, this is text"), id -> null))
                .hasMessageStartingWith("test.scap: offset 0: not a capture file: it starts with block type 0x6C6C6568");
        byte[] bigEndian = new CaptureBuilder().block(BlockTypes.SHB, le().u32(BlockTypes.SHB_MAGIC_SWAPPED).u16(1).u16(2).u64(-1)
                .toBytes()).event(CLOSE_E).bytes();
        assertThatThrownBy(() -> Captures.read(bigEndian, id -> null)).hasMessageContaining("big-endian");
        assertThatThrownBy(() -> Captures.read(new CaptureBuilder().shb(2, 0).event(CLOSE_E).bytes(), id -> null))
                .hasMessageContaining("format version 2.0 is newer than this reader understands (1.x)");
        assertThatThrownBy(() -> Captures.read(new CaptureBuilder().shb().bytes(), id -> null))
                .hasMessage("test.scap: offset 28: no events in file");
    }
}

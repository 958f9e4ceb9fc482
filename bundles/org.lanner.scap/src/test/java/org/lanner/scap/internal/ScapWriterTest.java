package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.scap.internal.CaptureBuilder.cstr;
import static org.lanner.scap.internal.CaptureBuilder.i32;
import static org.lanner.scap.internal.CaptureBuilder.i64;
import static org.lanner.scap.internal.CaptureBuilder.record;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;
import org.lanner.api.syscall.UserEntry;

/** The block layout the writer produces, checked on the bytes and by reading them back. */
class ScapWriterTest {

    @TempDir
    Path tmp;

    static ThreadEntry thread(long tid, String comm, List<String> args, List<FdEntry> fds) {
        return new ThreadEntry(tid, tid, 1, tid, tid, comm, "/bin/" + comm, "/usr/bin/" + comm, args, "/", 1024, 0, 0, 0, 1, 2, 3,
                4, 5, List.of("A=1"), tid, tid, List.of("cpu=/"), "/", 1000, true, fds);
    }

    static SystemSnapshot snapshot() {
        List<FdEntry> fds = List.of(
                FdEntry.named(0, 0, FdEntry.FILE_V2, "/dev/null", 3, 6),
                FdEntry.socket(3, 1, FdEntry.IPV4_SOCK, new byte[] {10, 0, 0, 1}, 1234, new byte[] {10, 0, 0, 2}, 80, 2),
                FdEntry.serverSocket(4, 1, FdEntry.IPV6_SERVSOCK, new byte[16], 22, 2),
                FdEntry.unixSocket(5, 9, 0xAAAA, 0xBBBB, "/run/x.sock"),
                FdEntry.named(6, 0, FdEntry.MEMFD, "memfd:y", 0, 0),
                FdEntry.named(7, 0, FdEntry.UNKNOWN, "", 0, 0));
        return new SystemSnapshot(new MachineInfo(4, 1L << 33, 4194304, "host"),
                List.of(thread(100, "bash", List.of("-i"), fds), thread(101, "bash", List.of(), List.of())),
                List.of(new UserEntry(0, 0, "root", "/root", "/bin/bash")), List.of(new GroupEntry(0, "root")),
                List.of(new InterfaceEntry("lo", new byte[] {127, 0, 0, 1}, new byte[] {(byte) 255, 0, 0, 0}, new byte[4], 0),
                        new InterfaceEntry("lo", ipv6Loopback(), new byte[16], new byte[16], 0),
                        new InterfaceEntry("eth0", new byte[] {10, 0, 0, 1}, new byte[4], new byte[4], 1000)));
    }

    private static byte[] ipv6Loopback() {
        byte[] a = new byte[16];
        a[15] = 1;
        return a;
    }

    private record Block(int type, int length, int offset) {
    }

    private static List<Block> blocks(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Block> out = new ArrayList<>();
        for (int at = 0; at < file.length;) {
            int length = b.getInt(at + 4);
            assertThat(length % 4).as("block at %d", at).isZero();
            assertThat(b.getInt(at + length - 4)).as("trailer of the block at %d", at).isEqualTo(length);
            out.add(new Block(b.getInt(at), length, at));
            at += length;
        }
        return out;
    }

    private static byte[] write(SystemSnapshot snapshot, EventBatch... batches) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EventRecorder r = new ScapRecorder(out, "mem")) {
            if (snapshot != null) {
                r.snapshot(snapshot);
            }
            for (EventBatch b : batches) {
                r.record(b);
            }
        }
        return out.toByteArray();
    }

    @Test
    void sectionLayoutAndLengthsComputedFromWhatIsWritten() throws Exception {
        byte[] file = write(snapshot());
        List<Block> blocks = blocks(file);
        assertThat(blocks).extracting(Block::type).containsExactly(BlockTypes.SHB, BlockTypes.MI, BlockTypes.IL_V2, BlockTypes.UL_V2,
                BlockTypes.PL_V9, BlockTypes.FDL_V2, BlockTypes.FDL_V2);
        assertThat(blocks.get(0).length()).isEqualTo(28);
        assertThat(hex(file, 0, 28)).isEqualTo("0a0d0d0a1c0000004d3c2b1a01000200ffffffffffffffff1c000000");
        assertThat(blocks.get(1).length()).isEqualTo(192);
        // two IPv4 entries (4 + 24 + name) and one IPv6 (4 + 60 + name), IPv4 first
        assertThat(blocks.get(2).length()).isEqualTo(8 + (4 + 24 + 2) + (4 + 24 + 4) + (4 + 60 + 2) + 4);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int il = blocks.get(2).offset() + 8;
        assertThat(List.of(b.getInt(il), (int) b.getShort(il + 4))).containsExactly(24 + 2, 1);
        // the PL entry length counts itself and ends with loginuid and exe_writable (e5c's layout)
        int pl = blocks.get(4).offset() + 8;
        int entry = b.getInt(pl);
        assertThat(b.getInt(pl + entry - 5)).isEqualTo(1000);
        assertThat(b.get(pl + entry - 1)).isEqualTo((byte) 1);

        Captures.Read read = Captures.read(new CaptureBuilder().raw(file).event(record(1, 100, 4, i64(0))).bytes(), id -> null);
        SystemSnapshot expected = new SystemSnapshot(snapshot().machine(), snapshot().threads().stream()
                .map(t -> new ThreadEntry(t.tid(), t.pid(), t.ptid(), t.sid(), t.vpgid(), t.comm(), t.exe(), t.exepath(), t.args(), t.cwd(),
                        t.fdlimit(), t.flags(), t.uid(), t.gid(), t.vmsizeKb(), t.vmrssKb(), t.vmswapKb(), t.pfMajor(), t.pfMinor(),
                        t.env(), t.vtid(), t.vpid(), t.cgroups(), t.root(), t.loginuid(), t.exeWritable(),
                        t.fds().stream().filter(f -> f.type() != FdEntry.UNKNOWN).toList())) // libscap writes no unknown fds
                .toList(), snapshot().users(), snapshot().groups(),
                List.of(snapshot().interfaces().get(0), snapshot().interfaces().get(2), snapshot().interfaces().get(1)));
        assertThat(Snapshots.describe(read.snapshots().get(0))).isEqualTo(Snapshots.describe(expected));
    }

    private static String hex(byte[] b, int from, int to) {
        return java.util.HexFormat.of().formatHex(b, from, to);
    }

    @Test
    void stringsAreCutToWhatLibscapReads() throws Exception {
        String longName = "n".repeat(300);
        String longPath = "/" + "p".repeat(2000);
        List<String> manyArgs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            manyArgs.add("argument-" + "x".repeat(40) + i);
        }
        String utf8 = "é".repeat(600); // 1200 bytes: cut at a character boundary
        SystemSnapshot s = new SystemSnapshot(new MachineInfo(1, 1, 1, "h".repeat(200)),
                List.of(thread(1, utf8, manyArgs, List.of(FdEntry.named(3, 0, FdEntry.FILE, longPath, 0, 0)))),
                List.of(new UserEntry(1, 1, longName, longPath, "/bin/sh")), List.of(new GroupEntry(1, longName)), List.of());
        Captures.Read read = Captures.read(new CaptureBuilder().raw(write(s)).event(record(1, 1, 4, i64(0))).bytes(), id -> null);
        SystemSnapshot back = read.snapshots().get(0);
        assertThat(back.machine().hostname()).hasSize(127);
        assertThat(back.users().get(0).name()).hasSize(255);
        assertThat(back.users().get(0).homedir()).hasSize(255);
        assertThat(back.groups().get(0).name()).hasSize(255);
        ThreadEntry t = back.threads().get(0);
        assertThat(t.comm()).isEqualTo("é".repeat(512));
        assertThat(t.args()).hasSizeLessThan(100).allSatisfy(a -> assertThat(a).startsWith("argument-"));
        assertThat(String.join("\0", t.args()).length() + 1).isLessThanOrEqualTo(4096);
        assertThat(t.fds().get(0).name()).hasSize(1023);
    }

    private static EventBatch batch(int flags, byte[]... records) {
        EventBatch b = new EventBatch(1 << 18, 64);
        for (byte[] r : records) {
            b.add(r, 0, r.length, 2, flags);
        }
        return b;
    }

    @Test
    void eventBlockTypesFollowFlagsAndPayloadSize() throws Exception {
        byte[] close = record(1, 42, 4, i64(3));
        byte[] plugin = record(2, -1, 322, true, i32(999), "hello".getBytes());
        byte[] bigWrite = record(3, 42, 9, i64(70_000), new byte[70_000]); // too big for a normal block
        byte[] file = write(null, batch(0, close), batch(EventBatch.FLAG_STATE_ONLY, close), batch(EventBatch.FLAG_TRACER, close),
                batch(EventBatch.FLAG_LARGE_PARAMS, plugin), batch(EventBatch.FLAG_LARGE_PARAMS | EventBatch.FLAG_STATE_ONLY, plugin),
                batch(0, bigWrite));
        List<Block> blocks = blocks(file);
        assertThat(blocks).extracting(Block::type).containsExactly(BlockTypes.SHB, BlockTypes.EV_V2, BlockTypes.EVF_V2,
                BlockTypes.EVF_V2, BlockTypes.EV_V2_LARGE, BlockTypes.EVF_V2_LARGE, BlockTypes.EV_V2_LARGE);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(blocks.get(1).offset() + 8)).isEqualTo((short) 2);
        assertThat(List.of(b.getInt(blocks.get(2).offset() + 10), b.getInt(blocks.get(3).offset() + 10))).containsExactly(1, 2);
        assertThat(blocks.get(1).length()).isEqualTo(52); // 8 + 2 + 36 + 2 padding + 4

        Captures.Read read = Captures.read(file, Captures.ANY_PLUGIN);
        assertThat(read.events()).extracting(Captures.Ev::flags).containsExactly(0, EventBatch.FLAG_STATE_ONLY, EventBatch.FLAG_TRACER,
                EventBatch.FLAG_LARGE_PARAMS, EventBatch.FLAG_LARGE_PARAMS | EventBatch.FLAG_STATE_ONLY, 0);
        assertThat(read.events().get(3).record()).isEqualTo(plugin);
        assertThat(read.events().get(5).record()).isEqualTo(bigWrite);
    }

    @Test
    void recordersWithoutSnapshotOrEvents() throws Exception {
        byte[] eventsOnly = write(null, batch(0, record(1, 42, 4, i64(3))));
        assertThat(blocks(eventsOnly)).extracting(Block::type).containsExactly(BlockTypes.SHB, BlockTypes.EV_V2);
        assertThat(blocks(write(SystemSnapshot.empty()))).extracting(Block::type).containsExactly(BlockTypes.SHB);
        assertThat(blocks(write(null))).extracting(Block::type).containsExactly(BlockTypes.SHB);
        // every snapshot starts a section: a concatenated capture
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScapRecorder r = new ScapRecorder(out, "mem")) {
            r.snapshot(snapshot());
            r.record(batch(0, record(1, 100, 4, i64(3))));
            r.snapshot(snapshot());
            r.record(batch(0, record(2, 100, 5, i64(0))));
        }
        Captures.Read read = Captures.read(out.toByteArray(), id -> null);
        assertThat(read.snapshots()).hasSize(2);
        assertThat(read.events()).hasSize(2);
    }

    @Test
    void filesGzipAndStandardOutput() throws Exception {
        Path gz = tmp.resolve("out.scap.gz");
        try (EventRecorder r = new ScapRecorderFactory().create(gz, true)) {
            r.snapshot(snapshot());
            r.record(batch(0, record(1, 100, 3, i64(3), cstr("/etc/passwd"), i32(1), i32(0), i32(0))));
        }
        byte[] bytes = Files.readAllBytes(gz);
        assertThat(bytes[0] & 0xFF).isEqualTo(0x1F);
        assertThat(Captures.read(gz.toString(), id -> null).events()).hasSize(1);

        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true));
            try (EventRecorder r = new ScapRecorderFactory().create(Path.of("-"), false)) {
                r.record(batch(0, record(1, 100, 4, i64(3))));
            }
        } finally {
            System.setOut(saved);
        }
        assertThat(blocks(captured.toByteArray())).extracting(Block::type).containsExactly(BlockTypes.SHB, BlockTypes.EV_V2);
    }
}

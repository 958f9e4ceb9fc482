package org.lanner.scap.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lanner.api.event.EventBatch;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;
import org.lanner.api.syscall.UserEntry;

/**
 * Writes a large synthetic capture with our writer, for replay benchmarks until captures of our
 * own driver exist: a process list of {@code threads} shells, then rounds in which each of them
 * opens a file, reads and writes it twice and closes it (openat, read, write, close enter/exit
 * pairs in the current event layouts), and every 50th round forks a child (clone exit in parent
 * and child) that execs {@code /bin/true} (execve pair) and exits (procexit).
 *
 * <pre>
 * java -cp ... org.lanner.scap.internal.SyntheticCapture OUT.scap [EVENTS=3000000] [THREADS=8] [gzip]
 * </pre>
 */
public final class SyntheticCapture {

    private static final long START_TS = 1_700_000_000_000_000_000L;
    private static final int FIRST_TID = 2000;
    private static final int FIRST_CHILD = 100_000;

    private final ByteBuffer scratch = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final EventBatch batch = new EventBatch(4 << 20, 16384);
    private final ScapRecorder recorder;
    private long ts = START_TS;
    private long written;
    private int nextChild = FIRST_CHILD;

    private SyntheticCapture(ScapRecorder recorder) {
        this.recorder = recorder;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SyntheticCapture OUT.scap [EVENTS=3000000] [THREADS=8] [gzip]");
            System.exit(2);
        }
        long events = args.length > 1 ? Long.parseLong(args[1]) : 3_000_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        boolean gzip = args.length > 3 && args[3].equals("gzip");
        long started = System.nanoTime();
        long n = write(Path.of(args[0]), events, threads, gzip);
        System.out.printf("%s: %d events, %d threads, %.1f s%n", args[0], n, threads, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Writes the capture.
     *
     * @return the number of events written (at least {@code events}: the last round is completed)
     */
    public static long write(Path file, long events, int threads, boolean gzip) throws IOException {
        try (ScapRecorder recorder = ScapRecorder.create(file, gzip)) {
            SyntheticCapture s = new SyntheticCapture(recorder);
            recorder.snapshot(snapshot(threads));
            for (int round = 0; s.written < events; round++) {
                for (int t = 0; t < threads; t++) {
                    s.fileRound(FIRST_TID + t, round);
                    if (round % 50 == 49) {
                        s.spawn(FIRST_TID + t);
                    }
                }
            }
            s.flush();
            return s.written;
        }
    }

    static SystemSnapshot snapshot(int threads) {
        List<ThreadEntry> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long tid = FIRST_TID + t;
            List<FdEntry> fds = List.of(FdEntry.named(0, 0, FdEntry.FILE_V2, "/dev/pts/0", 2, 22),
                    FdEntry.named(1, 0, FdEntry.FILE_V2, "/dev/pts/0", 2, 22), FdEntry.named(2, 0, FdEntry.FILE_V2, "/dev/pts/0", 2, 22));
            list.add(new ThreadEntry(tid, tid, 1, tid, tid, "worker" + t, "/usr/bin/worker", "/usr/bin/worker", List.of("--id", "" + t),
                    "/home/bench", 1024, 0, 1000, 1000, 10000, 2000, 0, 0, 100, List.of("HOME=/home/bench", "PATH=/usr/bin"), tid, tid,
                    List.of("cpu=/user.slice"), "/", 1000, false, fds));
        }
        return new SystemSnapshot(new MachineInfo(8, 16L << 30, 4194304, "bench"), list,
                List.of(new UserEntry(0, 0, "root", "/root", "/bin/bash"), new UserEntry(1000, 1000, "bench", "/home/bench", "/bin/sh")),
                List.of(new GroupEntry(0, "root"), new GroupEntry(1000, "bench")),
                List.of(new InterfaceEntry("lo", new byte[] {127, 0, 0, 1}, new byte[] {(byte) 255, 0, 0, 0}, new byte[4], 0)));
    }

    private void fileRound(long tid, int round) throws IOException {
        String path = "/home/bench/data/file-" + (round % 16) + ".txt";
        long fd = 3 + (round % 5);
        begin(306, tid).fd(-100).str(path).u32(0x4 | 0x2 | 0x100).u32(0644).end();
        begin(307, tid).fd(fd).fd(-100).str(path).u32(0x4 | 0x2 | 0x100).u32(0644).u32(2049).end();
        for (int i = 0; i < 2; i++) {
            begin(6, tid).fd(fd).u32(4096).end();
            begin(7, tid).i64(80).bytes(80).end();
            begin(8, tid).fd(fd).u32(80).end();
            begin(9, tid).i64(80).bytes(80).end();
        }
        begin(4, tid).fd(fd).end();
        begin(5, tid).i64(0).end();
    }

    private void spawn(long parent) throws IOException {
        long child = nextChild++;
        begin(222, parent).end();
        cloneExit(parent, child, parent);
        cloneExit(child, 0, parent);
        begin(292, child).str("/bin/true").end();
        begin(293, child).i64(0).str("/bin/true").list().i64(child).i64(child).i64(parent).str("").i64(1024).i64(0).i64(50)
                .u32(5000).u32(800).u32(0).str("true").list("cpu=/user.slice").list("HOME=/home/bench", "PATH=/usr/bin")
                .u32(34816).i64(parent).u32(1000).u32(0).end();
        begin(186, child).i64(0).i64(0).u8(0).u8(0).end();
    }

    private void cloneExit(long tid, long res, long parent) throws IOException {
        long ptid = tid == parent ? 1 : parent;
        begin(223, tid).i64(res).str("/usr/bin/worker").list("--id", "" + (parent - FIRST_TID)).i64(tid).i64(tid).i64(ptid).str("").i64(1024).i64(0).i64(10).u32(10000).u32(2000).u32(0).str("worker" + (parent - FIRST_TID)).list("cpu=/user.slice")
                .u32(0).u32(1000).u32(1000).i64(tid).i64(tid).end();
    }

    // ---- record building: parameters are collected in a scratch buffer, then copied into the batch

    private int type;
    private long tid;
    private int nparams;
    private final int[] lengths = new int[32];

    private SyntheticCapture begin(int eventType, long threadId) {
        this.type = eventType;
        this.tid = threadId;
        this.nparams = 0;
        scratch.clear();
        return this;
    }

    private SyntheticCapture i64(long v) {
        scratch.putLong(v);
        lengths[nparams++] = 8;
        return this;
    }

    private SyntheticCapture fd(long v) {
        return i64(v);
    }

    private SyntheticCapture u32(long v) {
        scratch.putInt((int) v);
        lengths[nparams++] = 4;
        return this;
    }

    private SyntheticCapture u8(int v) {
        scratch.put((byte) v);
        lengths[nparams++] = 1;
        return this;
    }

    private SyntheticCapture str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        scratch.put(b).put((byte) 0);
        lengths[nparams++] = b.length + 1;
        return this;
    }

    private SyntheticCapture bytes(int n) {
        for (int i = 0; i < n; i++) {
            scratch.put((byte) ('a' + i % 26));
        }
        lengths[nparams++] = n;
        return this;
    }

    private SyntheticCapture list(String... strings) {
        int start = scratch.position();
        for (String s : strings) {
            scratch.put(s.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
        lengths[nparams++] = scratch.position() - start;
        return this;
    }

    private void end() throws IOException {
        int valuesLength = scratch.position();
        int length = 26 + 2 * nparams + valuesLength;
        int at = batch.reserve(length);
        if (at < 0) {
            flush();
            at = batch.reserve(length);
        }
        ByteBuffer b = batch.buffer();
        b.putLong(at, ts);
        b.putLong(at + 8, tid);
        b.putInt(at + 16, length);
        b.putShort(at + 20, (short) type);
        b.putInt(at + 22, nparams);
        for (int i = 0; i < nparams; i++) {
            b.putShort(at + 26 + 2 * i, (short) lengths[i]);
        }
        b.put(at + 26 + 2 * nparams, scratch, 0, valuesLength);
        batch.commit(length, (int) (tid % 8), 0);
        ts += 137;
        written++;
    }

    private void flush() throws IOException {
        recorder.record(batch);
        batch.clear();
    }
}

package org.lanner.defaultrules;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventStream;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.UserEntry;
import org.lanner.driver.ebpf.internal.DriverSettings;
import org.lanner.driver.ebpf.internal.LiveEventStream;
import org.lanner.driver.ebpf.internal.ProcScanner;
import org.lanner.scap.internal.ScapRecorderFactory;
import org.lanner.test.Corpus;

/**
 * Records one corpus case: runs a case script live under Lanner's eBPF driver and writes the events of
 * its process tree, and nothing else, into a capture file with Lanner's capture writer.
 *
 * <pre>
 * java -Djna.nosys=false -cp ... org.lanner.defaultrules.Recorder OUT.scap CASE.sh [WORKDIR]
 * </pre>
 *
 * <ol>
 * <li>The case script and the {@code lib.bash} beside it are copied into WORKDIR (by default
 * {@code /tmp/lanner-corpus/CASE}), and run from there.</li>
 * <li>{@code bash CASE.sh setup} runs first, not recorded (it may start servers in a network namespace,
 * create a container cgroup, create files…); it must return.</li>
 * <li>Capture starts; {@code env -i PATH=... HOME=WORKDIR bash CASE.sh run} runs in WORKDIR. From the
 * moment bash runs under the clean environment, the events of its process tree (bash and every
 * descendant) are kept until each of them has exited; the events of every other process are dropped.</li>
 * <li>{@code bash CASE.sh teardown} runs, not recorded.</li>
 * <li>The capture is written gzip-compressed: no process list (the tree starts inside the capture), the
 * machine with a neutral host name, the system users and groups (uid/gid below 1000, and 65534), the
 * loopback interface and the test interfaces the scripts create (names starting with {@code lnr}); then,
 * the events, with, when the script has a {@code # container-json: {...}} line, a container event
 * carrying that metadata after the first one (where a live capture meets the container: the
 * container events that open a capture reach no rule, in libsinsp as in Lanner).</li>
 * </ol>
 *
 * I/O data is not kept (snaplen 0), so nothing read or written by the case is in the capture.
 */
public final class Recorder {

    private static final int EXECVE_X = 293;
    private static final int PROCEXIT = 186;
    private static final Set<Integer> CLONE_X = Set.of(223, 225, 227, 335);
    private static final int CONTAINER_JSON_E = 272;
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Recorder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Recorder OUT.scap CASE.sh [WORKDIR]");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        Path script = Path.of(args[1]).toAbsolutePath();
        Path work = args.length > 2 ? Path.of(args[2]) : Path.of("/tmp/lanner-corpus", Corpus.caseName(script));
        try {
            int n = record(out, script, work);
            System.out.println(out + ": " + n + " events");
        } catch (RecordingException e) {
            System.err.println(script.getFileName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** A case that could not be recorded, with the reason. */
    static final class RecordingException extends Exception {
        private static final long serialVersionUID = 1L;

        RecordingException(String message) {
            super(message);
        }
    }

    /** Records the case; returns the number of events written. */
    static int record(Path out, Path script, Path work) throws Exception {
        if (!Files.isRegularFile(script)) {
            throw new RecordingException("no such script: " + script);
        }
        String containerJson = containerJson(script);
        deleteTree(work);
        Files.createDirectories(work);
        // run a copy in the work directory, so command lines do not depend on where the repository is
        Path lib = script.resolveSibling("lib.bash");
        if (Files.isRegularFile(lib)) {
            Files.copy(lib, work.resolve("lib.bash"));
        }
        script = Files.copy(script, work.resolve(script.getFileName()));
        phase(script, "setup", work);
        List<byte[]> records = new ArrayList<>();
        List<Integer> cpus = new ArrayList<>();
        try {
            DriverSettings noData = new DriverSettings(8 << 20, 0, 1_000_000L, 4 << 20, 65536);
            try (LiveEventStream stream = LiveEventStream.open(noData, new ProcScanner())) {
                Process p = new ProcessBuilder("env", "-i", "PATH=" + PATH, "HOME=" + work, "/bin/bash", script.toString(), "run")
                        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile())
                        .start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new RecordingException("the run phase did not end within 60 s");
                }
                if (p.exitValue() != 0) {
                    throw new RecordingException("the run phase failed with status " + p.exitValue() + ":\n"
                            + Files.readString(work.resolve("run.log")));
                }
                collectTree(stream, p.pid(), records, cpus);
            }
        } finally {
            phase(script, "teardown", work);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        write(out, containerJson, records, cpus);
        return records.size() + (containerJson == null ? 0 : 1);
    }

    /** Runs a phase that is not recorded, with the recorder's environment. */
    private static void phase(Path script, String phase, Path work) throws Exception {
        Path log = work.resolve(phase + ".log");
        Process p = new ProcessBuilder("/bin/bash", script.toString(), phase).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new RecordingException("the " + phase + " phase did not end within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new RecordingException("the " + phase + " phase failed with status " + p.exitValue() + ":\n"
                    + Files.readString(log));
        }
    }

    /** The {@code # container-json: ...} line of the script, or null. */
    static String containerJson(Path script) throws IOException {
        for (String line : Files.readAllLines(script)) {
            if (line.startsWith("# container-json:")) {
                return line.substring("# container-json:".length()).trim();
            }
        }
        return null;
    }

    /**
     * Keeps the events of the tree rooted at {@code root}, from its exec of bash under the clean
     * environment (before that it still carried the JVM's environment) to the exit of its last process.
     */
    private static void collectTree(EventStream stream, long root, List<byte[]> out, List<Integer> cpus) throws Exception {
        Set<Long> tree = new HashSet<>();
        Set<Long> exited = new HashSet<>();
        boolean started = false;
        EventBatch batch = new EventBatch(8 << 20, 65536);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !(started && exited.containsAll(tree))) {
            batch.clear();
            int n = stream.nextBatch(batch);
            ByteBuffer b = batch.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < Math.max(n, 0); i++) {
                int at = batch.offset(i);
                long tid = b.getLong(at + 8);
                int type = Short.toUnsignedInt(b.getShort(at + 20));
                if (!started) {
                    if (tid == root && type == EXECVE_X && s64(b, at, 0) == 0 && "bash".equals(str(b, at, 13))) {
                        started = true;
                        tree.add(root);
                    } else {
                        continue;
                    }
                }
                boolean mine = tree.contains(tid);
                if (!mine && CLONE_X.contains(type) && s64(b, at, 0) == 0 && tree.contains(s64(b, at, 5))) {
                    tree.add(tid); // a child of the tree, reported before it runs
                    mine = true;
                }
                if (!mine) {
                    continue;
                }
                if (CLONE_X.contains(type) && s64(b, at, 0) > 0) {
                    tree.add(s64(b, at, 0));
                }
                if (type == PROCEXIT) {
                    exited.add(tid);
                }
                byte[] raw = new byte[batch.length(i)];
                batch.buffer().get(at, raw);
                out.add(raw);
                cpus.add(batch.cpu(i));
            }
        }
        if (!started) {
            throw new RecordingException("bash never started under env -i");
        }
        if (!exited.containsAll(tree)) {
            Set<Long> left = new HashSet<>(tree);
            left.removeAll(exited);
            throw new RecordingException("processes of the tree still ran after 30 s: " + left);
        }
    }

    private static int paramOffset(ByteBuffer b, int at, int index) {
        int np = b.getInt(at + 22);
        int data = at + 26 + 2 * np;
        for (int k = 0; k < index; k++) {
            data += Short.toUnsignedInt(b.getShort(at + 26 + 2 * k));
        }
        return data;
    }

    private static long s64(ByteBuffer b, int at, int index) {
        return b.getLong(paramOffset(b, at, index));
    }

    private static String str(ByteBuffer b, int at, int index) {
        int np = b.getInt(at + 22);
        if (index >= np) {
            return "";
        }
        int len = Short.toUnsignedInt(b.getShort(at + 26 + 2 * index));
        int off = paramOffset(b, at, index);
        byte[] bytes = new byte[len];
        b.get(off, bytes);
        int n = len > 0 && bytes[len - 1] == 0 ? len - 1 : len;
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static void write(Path out, String containerJson, List<byte[]> records, List<Integer> cpus) throws IOException {
        SystemSnapshot full = new ProcScanner().scan();
        MachineInfo m = full.machine();
        MachineInfo neutral = m == null ? null : new MachineInfo(m.cpus(), m.memoryBytes(), m.maxPid(), "lanner-corpus");
        List<UserEntry> users = full.users().stream().filter(u -> u.uid() < 1000 || u.uid() == 65534).toList();
        List<GroupEntry> groups = full.groups().stream().filter(g -> g.gid() < 1000 || g.gid() == 65534).toList();
        List<InterfaceEntry> ifaces = full.interfaces().stream()
                .filter(i -> i.name().equals("lo") || i.name().startsWith("lnr")).toList();
        SystemSnapshot reduced = new SystemSnapshot(neutral, List.of(), users, groups, ifaces);
        List<byte[]> all = new ArrayList<>(records.size() + 1);
        List<Integer> allCpus = new ArrayList<>(records.size() + 1);
        all.addAll(records);
        allCpus.addAll(cpus);
        if (containerJson != null && !records.isEmpty()) {
            // after the first event, as libsinsp emits it live when it first meets the container: a
            // container event leading a capture only fills the table and reaches no rule
            long ts = ByteBuffer.wrap(records.get(0)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            all.add(1, containerEvent(ts, containerJson));
            allCpus.add(1, 0);
        }
        int bytes = all.stream().mapToInt(r -> r.length).sum();
        EventBatch batch = new EventBatch(Math.max(bytes, 64), Math.max(all.size(), 1));
        for (int i = 0; i < all.size(); i++) {
            byte[] r = all.get(i);
            batch.add(r, 0, r.length, allCpus.get(i), 0);
        }
        try (EventRecorder rec = new ScapRecorderFactory().create(out, true)) {
            rec.snapshot(reduced);
            rec.record(batch);
        }
    }

    /** A container event (PPME_CONTAINER_JSON_E) of no thread, as libsinsp writes one per known container. */
    static byte[] containerEvent(long ts, String json) {
        byte[] text = (json + "\0").getBytes(StandardCharsets.UTF_8);
        if (text.length > 65535) {
            throw new IllegalArgumentException("container JSON too long");
        }
        int len = 26 + 2 + text.length;
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ts).putLong(-1L).putInt(len).putShort((short) CONTAINER_JSON_E).putInt(1);
        b.putShort((short) text.length).put(text);
        return b.array();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted((a, c) -> c.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}

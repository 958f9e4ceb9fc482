package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventStream;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.scap.internal.ScapFileSource;
import org.lanner.scap.internal.ScapRecorderFactory;

/**
 * Records the test actions live into a capture file with Lanner's writer, and checks that Debian's
 * sysdig and Lanner's reader read it. The committed copy (src/test/resources/captures/
 * live-actions.scap) was made by this test with {@code -Dlanner.recordTo=...}; it holds only the
 * recorded process tree, run under {@code env -i}, with no I/O data (snaplen 0): no secrets.
 */
class RecordedCaptureTest {

    static final Path COMMITTED = Path.of("src/test/resources/captures/live-actions.scap");
    private static final Path WORK = Path.of("/tmp/lanner-recorded");
    private static final int PROCEXIT = 186;
    private static final Set<Integer> CLONE_X = Set.of(223, 225, 227, 335);

    @Test
    void recordTheTestActionsAndReadThemBack() throws Exception {
        EbpfTests.assumeCapture();
        Files.createDirectories(WORK);
        Path actions = WORK.resolve("actions.sh");
        Path child = WORK.resolve("child.sh");
        Files.writeString(actions, String.join("\n", "#!/bin/bash", "cat /etc/shadow > /dev/null",
                "exec 3<>/dev/tcp/127.0.0.1/$1", "exec 3>&-", "./child.sh one two", "exit 0", ""));
        Files.writeString(child, "#!/bin/sh\n/bin/true\n");
        Files.setPosixFilePermissions(actions, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(child, PosixFilePermissions.fromString("rwx------"));

        List<byte[]> records = new ArrayList<>();
        List<Integer> cpus = new ArrayList<>();
        DriverSettings noData = new DriverSettings(8 << 20, 0, 1_000_000L, 4 << 20, 65536);
        try (LiveEventStream stream = LiveEventStream.open(noData, new ProcScanner());
                ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Process p = new ProcessBuilder("env", "-i", "/bin/bash", actions.toString(), Integer.toString(server.getLocalPort()))
                    .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            collectTree(stream, p.pid(), records, cpus);
        }
        assertThat(records).hasSizeGreaterThan(50);

        Path out = Path.of(System.getProperty("lanner.target", "target"), "recorded", "live-actions.scap");
        Files.createDirectories(out.getParent());
        write(out, records, cpus);
        String refresh = System.getProperty("lanner.recordTo");
        if (refresh != null && !refresh.isBlank()) {
            Files.createDirectories(Path.of(refresh).getParent());
            Files.copy(out, Path.of(refresh), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        assertThat(readBack(out)).as("events read back by Lanner's reader").isEqualTo(records.size());
        String sysdig = sysdig(out);
        assertThat(sysdig).contains("openat < cat /etc/shadow fd=3(<f>/etc/shadow) dirfd=-100(AT_FDCWD) name=/etc/shadow flags=1(O_RDONLY)");
        assertThat(sysdig).containsPattern("connect < bash 127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:\\d+ res=0");
        assertThat(sysdig).containsPattern("execve < child\\.sh .*exe=/bin/sh args=\\./child\\.sh\\.one\\.two\\.");
        assertThat(sysdig).contains("procexit > true");
    }

    /**
     * The events of the process tree rooted at {@code root}, from the moment it runs bash under
     * {@code env -i} (what came before still carries the JVM's environment) to the last procexit.
     */
    private static void collectTree(EventStream stream, long root, List<byte[]> out, List<Integer> cpus) throws Exception {
        Set<Long> tree = new HashSet<>();
        Set<Long> exited = new HashSet<>();
        boolean started = false;
        EventBatch batch = new EventBatch(8 << 20, 65536);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && !(started && exited.containsAll(tree))) {
            batch.clear();
            int n = stream.nextBatch(batch);
            for (int i = 0; i < Math.max(n, 0); i++) {
                Rec r = Rec.of(batch, i);
                if (!started) {
                    if (r.tid() == root && r.type() == 293 && r.s64(0) == 0 && r.str(13).equals("bash")) {
                        started = true;
                        tree.add(root);
                    } else {
                        continue;
                    }
                }
                boolean mine = tree.contains(r.tid());
                if (!mine && CLONE_X.contains(r.type()) && r.s64(0) == 0 && tree.contains(r.s64(5))) {
                    tree.add(r.tid()); // a child of the tree, reported before it runs
                    mine = true;
                }
                if (!mine) {
                    continue;
                }
                if (CLONE_X.contains(r.type()) && r.s64(0) > 0) {
                    tree.add(r.s64(0));
                }
                if (r.type() == PROCEXIT) {
                    exited.add(r.tid());
                }
                byte[] raw = new byte[batch.length(i)];
                batch.buffer().get(batch.offset(i), raw);
                out.add(raw);
                cpus.add(batch.cpu(i));
            }
        }
        assertThat(started).as("bash started under env -i").isTrue();
        assertThat(exited).as("every process of the tree exited").containsAll(tree);
    }

    /** No process list (the tree starts after the capture), loopback only, the machine, users. */
    private static void write(Path out, List<byte[]> records, List<Integer> cpus) throws IOException {
        SystemSnapshot full = new ProcScanner().scan();
        SystemSnapshot reduced = new SystemSnapshot(full.machine(), List.of(), full.users(), full.groups(),
                full.interfaces().stream().filter(i -> i.name().equals("lo")).toList());
        int bytes = records.stream().mapToInt(b -> b.length).sum();
        EventBatch batch = new EventBatch(Math.max(bytes, 64), records.size());
        for (int i = 0; i < records.size(); i++) {
            byte[] r = records.get(i);
            batch.add(r, 0, r.length, cpus.get(i), 0);
        }
        try (EventRecorder rec = new ScapRecorderFactory().create(out, false)) {
            rec.snapshot(reduced);
            rec.record(batch);
        }
    }

    static int readBack(Path file) throws Exception {
        int count = 0;
        try (EventStream s = new ScapFileSource().open(file.toString())) {
            EventBatch batch = new EventBatch(4 << 20, 65536);
            while (true) {
                batch.clear();
                int n = s.nextBatch(batch);
                if (n == EventStream.EOF) {
                    return count;
                }
                if (n > 0) {
                    count += n;
                }
            }
        }
    }

    static String sysdig(Path file) throws Exception {
        Path bin = Path.of("/usr/bin/sysdig");
        Assumptions.assumeTrue(Files.isExecutable(bin), "Debian's sysdig is needed to check the recorded capture");
        Process p = new ProcessBuilder(bin.toString(), "-r", file.toString(), "-p",
                "*%evt.num %evt.type %evt.dir %proc.name %fd.name %evt.args").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sysdig output:\n%s", out).isZero();
        return out;
    }

    /** The type of the first record of a raw capture body, for quick checks. */
    static int type(byte[] rec) {
        return Short.toUnsignedInt(ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN).getShort(20));
    }
}

package org.lanner.output.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.output.Alert;
import org.lanner.api.output.Priority;
import org.lanner.api.output.SinkStats;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.lanner.output.core.internal.OutputConfig;
import org.lanner.output.core.internal.OutputPublisher;
import org.lanner.test.Configs;

class FileOutputSinkTest {

    static final FalcoFormat TEXT = new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.UTC);

    @TempDir
    Path dir;
    OutputPublisher publisher;
    FileOutputSink sink;

    @AfterEach
    void tearDown() throws IOException {
        if (publisher != null) {
            publisher.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    static Alert alert(int i) {
        return new Alert(i * 1_000_000_000L, "rule", Priority.WARNING, "syscall", List.of(), "alert " + i, List.of(), "h");
    }

    static FileOutputSink sink(Path file, boolean keepAlive) {
        return new FileOutputSink(TEXT, Configs.of(FileConfig.class, Map.of("filename", file.toString(), "keep_alive", keepAlive)));
    }

    static OutputPublisher publisher() {
        return new OutputPublisher(Configs.of(OutputConfig.class, Map.of("outputs.rate", 0.0)), "h");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    SinkStats stats(String name) {
        return publisher.stats().stream().filter(s -> s.sink().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void appendsAndClosesBetweenAlertsWithoutKeepAlive() throws Exception {
        Path file = dir.resolve("events.txt");
        Files.writeString(file, "existing\n");
        sink = sink(file, false);
        sink.deliver(alert(1));
        Files.delete(file);
        sink.deliver(alert(2));
        sink.deliver(alert(3));
        assertThat(Files.readAllLines(file)).containsExactly("00:00:02.000000000: Warning alert 2", "00:00:03.000000000: Warning alert 3");
    }

    @Test
    void keepAliveWritesThroughOneOpenFileAndReopenRotates() throws Exception {
        Path file = dir.resolve("events.txt");
        sink = sink(file, true);
        sink.deliver(alert(1));
        sink.deliver(alert(2));
        sink.flush();
        Path rotated = dir.resolve("events.txt.1");
        Files.move(file, rotated);
        sink.deliver(alert(3));
        sink.flush();
        sink.reopen();
        sink.deliver(alert(4));
        sink.flush();
        assertThat(Files.readAllLines(rotated)).extracting(l -> l.substring(l.length() - 7))
                .containsExactly("alert 1", "alert 2", "alert 3");
        assertThat(Files.readAllLines(file)).containsExactly("00:00:04.000000000: Warning alert 4");
    }

    @Test
    void fullDiskIsCountedAndThePublisherCarriesOn() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "SKIPPED: /dev/full is not available");
        publisher = publisher();
        FileOutputSink full = sink(Path.of("/dev/full"), true);
        FileOutputSink fullNoKeep = sink(Path.of("/dev/full"), false);
        List<Alert> others = new CopyOnWriteArrayList<>();
        publisher.attach("full", "file", full);
        publisher.attach("fullNoKeep", "file2", fullNoKeep);
        publisher.attach("other", "other", others::add);
        for (int i = 0; i < 20; i++) {
            publisher.publish(alert(i));
        }
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("file")).isEqualTo(new SinkStats("file", 0, 20, 0, 0, 0));
        assertThat(stats("file2")).isEqualTo(new SinkStats("file2", 0, 20, 0, 0, 0));
        assertThat(others).hasSize(20);
    }

    @Test
    void namesHoldingControlCharactersOrInvalidUtf8StayOnTheirAlertsLine() throws Exception {
        Path file = dir.resolve("events.txt");
        sink = sink(file, false);
        // a process name as the kernel hands it over, decoded as field values are: 0xFF is no UTF-8
        String name = new String(new byte[] {'e', 'v', '\n', 'i', '\r', 'l', '\t', 0x1b, '[', '2', 'J', 0x7f, (byte) 0xFF},
                java.nio.charset.StandardCharsets.UTF_8);
        sink.deliver(new Alert(1_000_000_000L, "rule", Priority.WARNING, "syscall", List.of(), "proc.name=" + name, List.of(), "h"));
        sink.deliver(alert(2));
        assertThat(Files.readAllLines(file)).containsExactly(
                "00:00:01.000000000: Warning proc.name=ev\\ni\\rl\\t\\u001b[2J\u007f\uFFFD",
                "00:00:02.000000000: Warning alert 2");
    }

    @Test
    void replayIntoAFullDiskFailsEveryAlertAtOnceAndDropsNone() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "SKIPPED: /dev/full is not available");
        publisher = new OutputPublisher(Configs.of(OutputConfig.class, Map.of("outputs.rate", 0.0, "outputs_queue.capacity", 2)), "h");
        publisher.attach("full", "file", sink(Path.of("/dev/full"), true));
        List<Alert> others = new CopyOnWriteArrayList<>();
        publisher.attach("other", "other", others::add);
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            publisher.publishWaiting(alert(i), null, Duration.ofSeconds(10).toNanos());
        }
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("file")).as("a failing disk makes progress: each alert fails, none waits for the stall time")
                .isEqualTo(new SinkStats("file", 0, 500, 0, 0, 0));
        assertThat(others).hasSize(500);
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void tinyFilesystemFillsUpAndHealsWhenSpaceIsFreed() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("tiny"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        String why = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor() == 0, "SKIPPED: cannot mount a tmpfs here (needs root): " + why.trim());
        try {
            Path filler = mnt.resolve("filler");
            try (var out = Files.newOutputStream(filler)) {
                byte[] block = new byte[1024];
                for (int i = 0; i < 1024; i++) {
                    try {
                        out.write(block);
                        out.flush();
                    } catch (IOException full) {
                        break;
                    }
                }
            } catch (IOException full) {
                // closing flushes nothing more: the filesystem is full, as wanted
            }
            publisher = publisher();
            sink = sink(mnt.resolve("events.txt"), true);
            publisher.attach("file", "file", sink);
            for (int i = 0; i < 200; i++) {
                publisher.publish(alert(i));
            }
            assertThat(publisher.drain(20_000)).isTrue();
            SinkStats full = stats("file");
            assertThat(full.failed()).isPositive();
            assertThat(full.delivered() + full.failed()).isEqualTo(200);
            Files.delete(filler);
            for (int i = 200; i < 210; i++) {
                publisher.publish(alert(i));
            }
            assertThat(publisher.drain(20_000)).isTrue();
            assertThat(stats("file").delivered()).isEqualTo(full.delivered() + 10);
            assertThat(Files.readAllLines(mnt.resolve("events.txt"))).last().asString().endsWith("alert 209");
            sink.close();
            sink = null;
        } finally {
            publisher.close();
            publisher = null;
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void removedDirectoryFailsUntilItIsBack() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("logs"));
        Path file = sub.resolve("events.txt");
        publisher = publisher();
        sink = sink(file, true);
        publisher.attach("file", "file", sink);
        publisher.publish(alert(1));
        publisher.drain(20_000);
        Files.delete(file);
        Files.delete(sub);
        publisher.reopen();
        publisher.publish(alert(2));
        publisher.publish(alert(3));
        await(() -> stats("file").failed() == 2, "two failures");
        Files.createDirectory(sub);
        publisher.publish(alert(4));
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("file")).isEqualTo(new SinkStats("file", 2, 2, 0, 0, 0));
        assertThat(Files.readAllLines(file)).containsExactly("00:00:04.000000000: Warning alert 4");
    }

    @Test
    void missingFilenameIsAClearError() {
        assertThatThrownBy(() -> new FileOutputSink(TEXT, Configs.of(FileConfig.class, Map.of("filename", " "))))
                .hasMessage("file_output.filename: file output enabled but no filename given");
    }
}

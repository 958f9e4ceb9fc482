package org.lanner.output.program.internal;

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

class ProgramOutputSinkTest {

    static final FalcoFormat JSON = new FalcoFormat(FormatOptions.DEFAULTS.withJsonOutput(true), ZoneOffset.UTC);
    static final FalcoFormat TEXT = new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.UTC);

    @TempDir
    Path dir;
    OutputPublisher publisher;
    ProgramOutputSink sink;

    @AfterEach
    void tearDown() {
        if (sink != null) {
            sink.close();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    static Alert alert(int i) {
        return new Alert(i * 1_000_000_000L, "rule", Priority.WARNING, "syscall", List.of("t"), "alert " + i, List.of(), "h");
    }

    static ProgramOutputSink sink(FalcoFormat format, String program, boolean keepAlive) {
        return new ProgramOutputSink(format, Configs.of(ProgramConfig.class, Map.of("program", program, "keep_alive", keepAlive)));
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

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    SinkStats stats(String name) {
        return publisher.stats().stream().filter(s -> s.sink().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void withoutKeepAliveEachAlertRunsTheProgramOnce() throws Exception {
        Path out = dir.resolve("out.txt");
        sink = sink(TEXT, "echo start >> " + out + "; cat >> " + out, false);
        sink.deliver(alert(1));
        sink.deliver(alert(2));
        assertThat(lines(out)).containsExactly("start", "00:00:01.000000000: Warning alert 1", "start",
                "00:00:02.000000000: Warning alert 2");
        assertThat(sink.running()).isFalse();
    }

    @Test
    void keepAliveFeedsOneProgram() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/jq")), "SKIPPED: jq is not installed");
        Path out = dir.resolve("out.txt");
        sink = sink(JSON, "echo start >> " + out + "; jq --unbuffered -c '{text: .output}' >> " + out, true);
        for (int i = 1; i <= 3; i++) {
            sink.deliver(alert(i));
        }
        sink.flush();
        await(() -> lines(out).size() == 4, "jq's output");
        assertThat(lines(out)).containsExactly("start", "{\"text\":\"00:00:01.000000000: Warning alert 1\"}",
                "{\"text\":\"00:00:02.000000000: Warning alert 2\"}", "{\"text\":\"00:00:03.000000000: Warning alert 3\"}");
        assertThat(sink.running()).isTrue();
        sink.close();
        assertThat(sink.running()).isFalse();
        sink = null;
    }

    @Test
    void keepAliveProgramThatExitsIsStartedAgain() throws Exception {
        Path out = dir.resolve("out.txt");
        sink = sink(TEXT, "head -n 1 >> " + out, true);
        sink.deliver(alert(1));
        sink.flush();
        await(() -> !sink.running(), "head to exit after one line");
        sink.deliver(alert(2));
        sink.flush();
        await(() -> lines(out).size() == 2, "the restarted program's line");
        assertThat(lines(out)).extracting(l -> l.substring(l.length() - 7)).containsExactly("alert 1", "alert 2");
    }

    @Test
    void aNameHoldingANewlineReachesTheProgramAsOneLine() throws Exception {
        Path out = dir.resolve("out.txt");
        sink = sink(TEXT, "cat >> " + out, false);
        sink.deliver(new Alert(1_000_000_000L, "rule", Priority.WARNING, "syscall", List.of(), "proc.name=a\nb\u001b]0;x\u0007",
                List.of(), "h"));
        assertThat(lines(out)).containsExactly("00:00:01.000000000: Warning proc.name=a\\nb\\u001b]0;x\\u0007");
    }

    @Test
    void aSlowProgramGetsEveryAlertOfAReplay() throws Exception {
        publisher = new OutputPublisher(Configs.of(OutputConfig.class,
                Map.of("outputs.rate", 0.0, "output_timeout", 60_000, "outputs_queue.capacity", 2)), "h");
        Path out = dir.resolve("out.txt");
        // reads one line at a time, slowly: the pipe (64 KiB, some 280 alerts) fills, the queue fills, the replay waits
        sink = sink(TEXT, "while IFS= read -r l; do sleep 0.002; printf '%s\\n' \"$l\" >> " + out + "; done", true);
        publisher.attach("program", "program", sink);
        String pad = "x".repeat(200);
        for (int i = 0; i < 500; i++) {
            publisher.publishWaiting(new Alert(i * 1_000_000_000L, "rule", Priority.WARNING, "syscall", List.of(),
                    "alert " + i + " " + pad, List.of(), "h"), null, java.time.Duration.ofSeconds(30).toNanos());
        }
        assertThat(publisher.drain(60_000)).isTrue();
        assertThat(stats("program")).isEqualTo(new SinkStats("program", 500, 0, 0, 0, 0));
        await(() -> lines(out).size() == 500, "the program's last line");
        assertThat(lines(out).get(499)).startsWith("00:08:19.000000000: Warning alert 499 ");
    }

    @Test
    void aProgramThatFailsEveryOtherRunIsCountedExactly() throws Exception {
        publisher = new OutputPublisher(Configs.of(OutputConfig.class, Map.of("outputs.rate", 0.0)), "h");
        Path counter = dir.resolve("runs");
        Path out = dir.resolve("out.txt");
        // each run counts itself; even runs take the alert, odd runs read it and exit 1 (a flaky receiver)
        sink = sink(TEXT, "n=$(cat " + counter + " 2>/dev/null || echo 0); echo $((n + 1)) > " + counter + "; "
                + "if [ $((n % 2)) -eq 0 ]; then cat >> " + out + "; else cat > /dev/null; exit 1; fi", false);
        publisher.attach("program", "program", sink);
        for (int i = 0; i < 10; i++) {
            publisher.publish(alert(i));
        }
        assertThat(publisher.drain(30_000)).isTrue();
        assertThat(stats("program")).isEqualTo(new SinkStats("program", 5, 5, 0, 0, 0));
        assertThat(lines(out)).extracting(l -> l.substring(l.indexOf("alert"))).containsExactly("alert 0", "alert 2", "alert 4",
                "alert 6", "alert 8");
    }

    @Test
    void nonZeroExitIsAFailure() {
        sink = sink(TEXT, "cat > /dev/null; exit 3", false);
        assertThatThrownBy(() -> sink.deliver(alert(1))).hasMessageContaining("exited with status 3");
    }

    @Test
    void programThatNeverEndsBlocksOnlyItsOwnSink() throws Exception {
        publisher = new OutputPublisher(Configs.of(OutputConfig.class,
                Map.of("outputs.rate", 0.0, "output_timeout", 200, "outputs_queue.capacity", 5)), "h");
        sink = sink(TEXT, "sleep 600; true", false);
        List<Alert> others = new CopyOnWriteArrayList<>();
        publisher.attach("program", "program", sink);
        publisher.attach("other", "file", others::add);
        publisher.publish(alert(0));
        await(() -> others.size() == 2, "the timeout alert for the blocked program");
        assertThat(others.get(1).output()).isEqualTo("\"program\" output timeout, all output channels are blocked");
        for (int i = 1; i <= 20; i++) {
            publisher.publish(alert(i));
            int n = i + 2; // one at a time: the other sink's queue is as small as the program's
            await(() -> others.size() == n, "alert " + i + " at the other sink");
        }
        assertThat(stats("program").droppedQueueFull()).isEqualTo(15);
        assertThat(stats("program").slow()).isEqualTo(1);
        sink.close(); // as DS does on deactivation: the blocked program is terminated
        sink = null;
        await(() -> stats("program").failed() >= 1, "the killed program to count as failed");
        assertThat(publisher.drain(20_000)).isTrue();
        SinkStats s = stats("program");
        assertThat(s.delivered() + s.failed()).isEqualTo(6);
    }

    @Test
    void keepAliveProgramThatStopsReadingBlocksUntilClosed() throws Exception {
        publisher = new OutputPublisher(Configs.of(OutputConfig.class,
                Map.of("outputs.rate", 0.0, "output_timeout", 200, "outputs_queue.capacity", 100_000)), "h");
        sink = sink(JSON, "sleep 600 | cat", true);
        List<Alert> others = new CopyOnWriteArrayList<>();
        publisher.attach("program", "program", sink);
        publisher.attach("other", "other", others::add);
        int i = 0;
        while (stats("program").slow() == 0) {
            publisher.publish(alert(i++)); // until the pipe is full and the write blocks
            if (i % 100 == 0) {
                await(() -> stats("program").queued() < 50 || stats("program").slow() > 0, "the program sink to keep up or block");
            }
        }
        await(() -> others.stream().anyMatch(a -> a.rule().equals(OutputPublisher.TIMEOUT_RULE)), "the timeout alert at the other sink");
        sink.close();
        sink = null;
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("program").failed()).isPositive();
    }

    @Test
    void missingProgramIsAClearError() {
        assertThatThrownBy(() -> sink(TEXT, "", false)).hasMessage("program_output.program: program output enabled but no program given");
    }
}

package org.lanner.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.output.Alert;
import org.lanner.api.run.InputSpec;
import org.lanner.api.source.SourceStats;
import org.lanner.api.source.StreamMonitor;

/** Falco's statistics file: the line its StatsFileWriter writes, and when. */
class StatsFileTest {

    private static final long MS = 1_000_000L;
    /** The statistics file reads the stream's counters, never the events of a batch. */
    private static final org.lanner.api.event.EventBatch NO_BATCH = null;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<String> logged = new java.util.ArrayList<>();
    private final StreamMonitor.Context context = new StreamMonitor.Context() {
        @Override
        public String input() {
            return org.lanner.api.source.EventSource.INPUT_LIVE;
        }

        @Override
        public void alert(Alert alert) {
            throw new AssertionError("the statistics file raises no alert");
        }

        @Override
        public void log(System.Logger.Level level, String message) {
            logged.add(level + " " + message);
        }
    };

    private static SourceStats stats(long events, long drops, long preemptions) {
        return new SourceStats(events, drops, drops, 0, 0, preemptions);
    }

    @Test
    void theFirstLinesDeltaIsTheCountersThemselves() {
        assertThat(StatsFile.line(1, "", stats(1000, 10, 2), null)).isEqualTo("{\"sample\": 1, \"cur\": {\"events\": 1000, \"drops\": 10, "
                + "\"preemptions\": 2}, \"delta\": {\"events\": 1000, \"drops\": 10, \"preemptions\": 2}, \"drop_pct\": 1},\n");
    }

    @Test
    void laterLinesCarryTheChangeAndItsDropPercentageAsAStreamPrintsADouble() {
        assertThat(StatsFile.line(2, "", stats(1700, 13, 2), stats(1000, 10, 2))).isEqualTo("{\"sample\": 2, \"cur\": {\"events\": 1700, "
                + "\"drops\": 13, \"preemptions\": 2}, \"delta\": {\"events\": 700, \"drops\": 3, \"preemptions\": 0}, \"drop_pct\": 0.428571},\n");
        assertThat(StatsFile.line(3, "", stats(1700, 13, 2), stats(1700, 13, 2))).as("nothing read: 0, not a division by zero")
                .endsWith("\"delta\": {\"events\": 0, \"drops\": 0, \"preemptions\": 0}, \"drop_pct\": 0},\n");
        assertThat(StatsFile.line(4, "", stats(300_000_000, 3, 0), stats(0, 0, 0))).endsWith("\"drop_pct\": 1e-06},\n");
    }

    @Test
    void falcoStatsExtraVariablesFollowTheSampleNumber() {
        String extra = StatsFile.extra(Map.of("FALCO_STATS_EXTRA_run", "perf 1", "PATH", "/bin", "FALCO_STATS_EXTRA_host", "a\"b"));
        assertThat(extra).isEqualTo("\"host\": \"a\\\"b\", \"run\": \"perf 1\"");
        assertThat(StatsFile.line(1, extra, stats(5, 0, 0), null)).startsWith("{\"sample\": 1, \"host\": \"a\\\"b\", \"run\": \"perf 1\", \"cur\": {");
    }

    @Test
    void oneLinePerIntervalTickAtTheNextLookAppendedToTheFile() throws Exception {
        Path file = dir.resolve("stats.json");
        Files.writeString(file, "earlier run\n");
        InputSpec input = InputSpec.live("syscall");
        try (StatsFile sf = StatsFile.open(file, 100, Map.of(), now::get, () -> stopped.set(true))) {
            assertThat(sf.watching(input).monitor("k8s_audit", InputSpec.live("k8s_audit"), context)).as("another input").isNull();
            StreamMonitor m = sf.watching(input).monitor("syscall", input, context);
            m.start(stats(0, 0, 0));
            now.addAndGet(99 * MS);
            assertThat(m.afterBatch(NO_BATCH, 2, stats(10, 0, 0))).isNull();
            now.addAndGet(MS);
            m.afterBatch(NO_BATCH, 2, stats(20, 1, 0));        // tick 100: sample 1
            now.addAndGet(150 * MS);
            m.idle(stats(20, 1, 0));                     // tick 200: sample 2
            now.addAndGet(200 * MS);
            m.afterBatch(NO_BATCH, 2, stats(50, 1, 3));         // ticks 300 and 400 passed while reading: one line
            now.addAndGet(49 * MS);
            m.idle(stats(50, 1, 3));                     // 499: before tick 500
            now.addAndGet(MS);
            m.idle(stats(60, 1, 3));                     // tick 500: sample 4
        }
        assertThat(Files.readAllLines(file)).containsExactly("earlier run",
                "{\"sample\": 1, \"cur\": {\"events\": 20, \"drops\": 1, \"preemptions\": 0}, "
                        + "\"delta\": {\"events\": 20, \"drops\": 1, \"preemptions\": 0}, \"drop_pct\": 5},",
                "{\"sample\": 2, \"cur\": {\"events\": 20, \"drops\": 1, \"preemptions\": 0}, "
                        + "\"delta\": {\"events\": 0, \"drops\": 0, \"preemptions\": 0}, \"drop_pct\": 0},",
                "{\"sample\": 3, \"cur\": {\"events\": 50, \"drops\": 1, \"preemptions\": 3}, "
                        + "\"delta\": {\"events\": 30, \"drops\": 0, \"preemptions\": 3}, \"drop_pct\": 0},",
                "{\"sample\": 4, \"cur\": {\"events\": 60, \"drops\": 1, \"preemptions\": 3}, "
                        + "\"delta\": {\"events\": 10, \"drops\": 0, \"preemptions\": 0}, \"drop_pct\": 0},");
        assertThat(stopped).isFalse();
    }

    @Test
    void aWriteThatFailsStopsTheRunWithTheReason() throws Exception {
        Path file = dir.resolve("stats.json");
        InputSpec input = InputSpec.file("syscall", dir.resolve("x.scap"));
        StatsFile sf = StatsFile.open(file, 10, Map.of(), now::get, () -> stopped.set(true));
        StreamMonitor m = sf.watching(input).monitor("syscall", input, context);
        m.start(stats(0, 0, 0));
        sf.close();
        now.addAndGet(10 * MS);
        m.idle(stats(1, 0, 0));
        assertThat(stopped).isTrue();
        assertThat(sf.failure()).startsWith("could not write the statistics file " + file + ": ");
        assertThat(logged).singleElement().asString().startsWith("ERROR could not write the statistics file");
        assertThat(m.afterBatch(NO_BATCH, 1, stats(2, 0, 0))).as("and the run fails with it, after the batch")
                .isEqualTo(new StreamMonitor.Stop(1, sf.failure()));
    }
}

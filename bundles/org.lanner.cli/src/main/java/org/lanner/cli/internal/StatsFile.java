package org.lanner.cli.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.lanner.api.run.InputSpec;
import org.lanner.api.run.RunMonitor;
import org.lanner.api.event.EventBatch;
import org.lanner.api.source.SourceStats;
import org.lanner.api.source.StreamMonitor;
import org.lanner.common.CFormat;
import org.lanner.common.JsonStrings;

/**
 * Falco's statistics file ({@code -s FILE}, {@code --stats-interval MSEC}; Falco's
 * {@code StatsFileWriter}): every interval, one line with the capture counters of the stream and
 * their change since the previous line, appended to the file and flushed:
 *
 * <pre>
 * {"sample": 2, "cur": {"events": 5012, "drops": 3, "preemptions": 0}, "delta": {"events": 2504, "drops": 3, "preemptions": 0}, "drop_pct": 0.119808},
 * </pre>
 *
 * <p>It is a {@link RunMonitor} of the run, watching one input (the run's first: the live system
 * calls, or the file of {@code -e}): the engine calls it on that input's reading thread after every
 * batch and every empty read, which is when Falco's writer looks at its timer (after every
 * {@code next()} of the inspector). Interval ticks count from the start of the stream; a tick that
 * passes while nothing is read gives one line at the next look, as Falco's {@code SIGALRM} flag does.
 * The first line's delta is the counters themselves. No line is written at the end.
 *
 * <p>Falco's undocumented {@code FALCO_STATS_EXTRA_<NAME>} environment variables add
 * {@code "<NAME>": "<value>"} after the sample number (here in the order of their names).
 *
 * <p>Threads: the monitor's reading thread writes; {@link #close} comes from the command once the
 * run ended. A failed write stops the run and makes the command fail, as the exception of Falco's
 * stream does.
 */
final class StatsFile implements AutoCloseable {

    /** Falco's prefix of environment variables copied into every line. */
    static final String EXTRA_PREFIX = "FALCO_STATS_EXTRA_";

    /** Falco's default interval (5 s). */
    static final int DEFAULT_INTERVAL_MS = 5000;

    private final Path file;
    private final Writer out;
    private final long intervalNanos;
    private final String extra;
    private final LongSupplier clock;
    private final Runnable stopRun;
    private long samples;
    private SourceStats last;
    private long nextTick;
    private volatile String failure;

    private StatsFile(Path file, Writer out, long intervalNanos, String extra, LongSupplier clock, Runnable stopRun) {
        this.file = file;
        this.out = out;
        this.intervalNanos = intervalNanos;
        this.extra = extra;
        this.clock = clock;
        this.stopRun = stopRun;
    }

    /**
     * Opens {@code file} for appending (creating it), as Falco does when the run starts.
     *
     * @param env the environment, for {@code FALCO_STATS_EXTRA_*}
     * @param clock nanoseconds, monotonic ({@code System::nanoTime})
     * @param stopRun stops the run when a write fails
     * @throws IOException when the file cannot be opened for writing
     */
    static StatsFile open(Path file, int intervalMillis, Map<String, String> env, LongSupplier clock, Runnable stopRun) throws IOException {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMillis);
        }
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return new StatsFile(file, w, intervalMillis * 1_000_000L, extra(env), clock, stopRun);
    }

    /** {@code "A": "1", "B": "2"} from {@code FALCO_STATS_EXTRA_A=1}, {@code FALCO_STATS_EXTRA_B=2}; empty without them. */
    static String extra(Map<String, String> env) {
        StringJoiner j = new StringJoiner(", ");
        new TreeMap<>(env).forEach((k, v) -> {
            if (k.startsWith(EXTRA_PREFIX)) {
                j.add(JsonStrings.quoted(k.substring(EXTRA_PREFIX.length())) + ": " + JsonStrings.quoted(v));
            }
        });
        return j.toString();
    }

    /**
     * One line of the file, newline included: sample {@code sample}, the counters {@code cur} and
     * their change since {@code previous} (the counters themselves for the first sample, when
     * {@code previous} is null).
     */
    static String line(long sample, String extra, SourceStats cur, SourceStats previous) {
        long events = previous == null ? cur.events() : cur.events() - previous.events();
        long drops = previous == null ? cur.drops() : cur.drops() - previous.drops();
        long preemptions = previous == null ? cur.preemptions() : cur.preemptions() - previous.preemptions();
        StringBuilder sb = new StringBuilder(200);
        sb.append("{\"sample\": ").append(sample);
        if (!extra.isEmpty()) {
            sb.append(", ").append(extra);
        }
        sb.append(", \"cur\": {\"events\": ").append(Long.toUnsignedString(cur.events()))
                .append(", \"drops\": ").append(Long.toUnsignedString(cur.drops()))
                .append(", \"preemptions\": ").append(Long.toUnsignedString(cur.preemptions()))
                .append("}, \"delta\": {\"events\": ").append(Long.toUnsignedString(events))
                .append(", \"drops\": ").append(Long.toUnsignedString(drops))
                .append(", \"preemptions\": ").append(Long.toUnsignedString(preemptions))
                .append("}, \"drop_pct\": ").append(events == 0 ? "0" : CFormat.g(100.0 * unsigned(drops) / unsigned(events)))
                .append("},\n");
        return sb.toString();
    }

    private static double unsigned(long v) {
        return v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** The monitor of the run that watches {@code input}'s stream (and no other input of the run). */
    RunMonitor watching(InputSpec input) {
        return (source, in, context) -> in.equals(input) ? new Monitor(context) : null;
    }

    /** Why writing failed, or null. */
    String failure() {
        return failure;
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** At a look (after a batch or an empty read): a line when an interval tick has passed since the last one. */
    private synchronized void look(SourceStats stats, StreamMonitor.Context context) {
        if (failure != null) {
            return;
        }
        long now = clock.getAsLong();
        if (now - nextTick < 0) {
            return;
        }
        // every tick that passed since is one flag, as Falco's repeating timer: one line
        nextTick += intervalNanos * ((now - nextTick) / intervalNanos + 1);
        samples++;
        try {
            out.write(line(samples, extra, stats, last));
            out.flush();
        } catch (IOException e) {
            failure = "could not write the statistics file " + file + ": " + e.getMessage();
            context.log(System.Logger.Level.ERROR, failure);
            stopRun.run();
        }
        last = stats;
    }

    private final class Monitor implements StreamMonitor {
        private final Context context;

        Monitor(Context context) {
            this.context = context;
        }

        @Override
        public void start(SourceStats initial) {
            synchronized (StatsFile.this) {
                nextTick = clock.getAsLong() + intervalNanos;
            }
        }

        @Override
        public Stop afterBatch(EventBatch batch, int size, SourceStats stats) {
            look(stats, context);
            String why = failure;
            return why == null ? null : new Stop(size, why);
        }

        @Override
        public void idle(SourceStats stats) {
            look(stats, context);
        }
    }
}

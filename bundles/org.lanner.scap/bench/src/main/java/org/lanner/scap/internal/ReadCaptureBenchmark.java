package org.lanner.scap.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a whole capture into event batches, as the engine's reader thread does: events/s is the
 * {@code events} counter. The capture is the synthetic one of {@link SyntheticCapture} (created
 * once in the temporary directory), plain or gzip; {@code -p file=PATH} benchmarks any other.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ReadCaptureBenchmark {

    @Param({"plain", "gzip"})
    public String compression;

    @Param({"2000000"})
    public long events;

    /** A capture to read instead of the synthetic one. */
    @Param({""})
    public String file;

    private Path capture;
    private final EventBatch batch = new EventBatch(8 << 20, 16384);

    @Setup(Level.Trial)
    public void createCapture() throws IOException {
        if (!file.isEmpty()) {
            capture = Path.of(file);
            return;
        }
        boolean gzip = compression.equals("gzip");
        capture = Path.of(System.getProperty("java.io.tmpdir"), "lanner-synthetic-" + events + (gzip ? ".scap.gz" : ".scap"));
        if (!Files.exists(capture)) {
            SyntheticCapture.write(capture, events, 8, gzip);
        }
    }

    /** Events read per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long events;
        public long bytes;
    }

    @Benchmark
    public long readAll(Counters counters) throws SourceException {
        long n = 0;
        try (ScapEventStream stream = ScapEventStream.open(capture.toString(), id -> null)) {
            while (true) {
                batch.clear();
                int r = stream.nextBatch(batch);
                if (r == EventStream.EOF) {
                    break;
                }
                if (r > 0) {
                    n += r;
                    counters.bytes += batch.offset(r);
                }
            }
        }
        counters.events += n;
        return n;
    }
}

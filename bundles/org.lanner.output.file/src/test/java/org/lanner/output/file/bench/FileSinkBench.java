package org.lanner.output.file.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.lanner.api.output.Alert;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.lanner.output.file.internal.FileConfig;
import org.lanner.output.file.internal.FileOutputSink;
import org.lanner.test.Configs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JSON alerts per second into a file: formatting and writing, flushed after every alert
 * ({@code buffered_outputs: false}, Falco's default) or left to the buffer; with {@code keep_alive}
 * and, as Falco does without it, opening and closing the file for every alert.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FileSinkBench {

    @Param({"keepalive-flush", "keepalive-buffered", "reopen-each"})
    public String mode;

    private Path dir;
    private FileOutputSink sink;
    private final Alert alert = Alerts.typical(1470327477881781397L);

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("lanner-bench");
        sink = new FileOutputSink(new FalcoFormat(FormatOptions.DEFAULTS.withJsonOutput(true)), Configs.of(FileConfig.class,
                Map.of("filename", dir.resolve("events.json").toString(), "keep_alive", !mode.equals("reopen-each"))));
    }

    @Benchmark
    public void deliver() throws IOException {
        sink.deliver(alert);
        if (mode.equals("keepalive-flush")) {
            sink.flush();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        sink.close();
        Path file = dir.resolve("events.json");
        Files.deleteIfExists(file);
        Files.delete(dir);
    }
}

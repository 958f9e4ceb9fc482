package org.lanner.output.file.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.lanner.api.output.Alert;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.lanner.output.core.internal.OutputConfig;
import org.lanner.output.core.internal.OutputPublisher;
import org.lanner.output.file.internal.FileConfig;
import org.lanner.output.file.internal.FileOutputSink;
import org.lanner.test.Configs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Through the publisher: the latency from {@code publish} to the sink having the alert (an empty sink,
 * so this is the queue hand-off between threads), and the time to publish and drain a batch of 1000
 * alerts into a JSON file sink (flushed per alert, Falco's default).
 */
@State(Scope.Benchmark)
public class PublishBench {

    private OutputPublisher publisher;
    private final AtomicLong delivered = new AtomicLong();
    private long published;
    private Path dir;
    private final Alert alert = Alerts.typical(1470327477881781397L);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        publisher = new OutputPublisher(Configs.of(OutputConfig.class,
                Map.of("outputs.rate", 0.0, "outputs_queue.capacity", 100_000, "output_timeout", 60_000)), "node-1");
        publisher.attach("counter", "counter", a -> delivered.incrementAndGet());
        dir = Files.createTempDirectory("lanner-bench");
        publisher.attach("file", "file", new FileOutputSink(new FalcoFormat(FormatOptions.DEFAULTS.withJsonOutput(true)),
                Configs.of(FileConfig.class, Map.of("filename", dir.resolve("events.json").toString(), "keep_alive", true))));
    }

    /** One alert, from publish to the (empty) sink's thread having it. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void publishToDelivery() throws InterruptedException {
        long target = ++published;
        publisher.publish(alert);
        while (delivered.get() < target) {
            Thread.onSpinWait();
        }
        // keep the file sink from falling behind, off the measured path for the counter sink
        if ((target & 1023) == 0) {
            publisher.drain(60_000);
        }
    }

    /** 1000 alerts published and written to the JSON file (and counted), per operation. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void thousandToFile() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            publisher.publish(alert);
        }
        published += 1000;
        publisher.drain(60_000);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        publisher.close();
        Files.deleteIfExists(dir.resolve("events.json"));
        Files.delete(dir);
    }
}

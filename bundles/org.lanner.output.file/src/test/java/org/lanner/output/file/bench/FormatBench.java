package org.lanner.output.file.bench;

import java.util.concurrent.TimeUnit;

import org.lanner.api.output.Alert;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Alerts per second through Falco's JSON and text formats. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FormatBench {

    private final FalcoFormat format = new FalcoFormat(FormatOptions.DEFAULTS.withJsonOutput(true));
    private final Alert alert = Alerts.typical(1470327477881781397L);

    @Benchmark
    public String json() {
        return format.json(alert);
    }

    @Benchmark
    public String text() {
        return format.text(alert);
    }
}

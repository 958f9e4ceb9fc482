package org.lanner.api.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.lanner.api.engine.RulesRequest;
import org.lanner.api.extract.BufferFormat;

/**
 * What a run reads, through which rules, for how long.
 *
 * @param name a label shown by listings (may be empty)
 * @param inputs the inputs, each read by a thread of its own; at least one
 * @param rules the rules of this run, compiled when it starts (and again when fields or sources they
 *     need come or go); null to follow the engine's current rules, reloads included
 * @param maxDuration stop after this long ({@code -M}): wall-clock time for live inputs, event time
 *     for files; null for no limit
 * @param maxEvents stop after this many events in all; 0 for no limit
 * @param allEvents deliver every event to rules, the ones a source ignores by default included
 *     ({@code -A})
 * @param record where to record the events read ({@code -w}); null for nowhere
 * @param bufferFormat how the run's fields render byte buffers as text ({@code -b}: base64); null for
 *     {@link BufferFormat#NORMAL}
 * @param monitors watchers of the run's inputs besides the sources' own ({@code -s}); may be empty
 */
public record RunSpec(String name, List<InputSpec> inputs, RulesRequest rules, Duration maxDuration, long maxEvents,
        boolean allEvents, RecordSpec record, BufferFormat bufferFormat, List<RunMonitor> monitors) {

    public RunSpec {
        name = name == null ? "" : name;
        inputs = List.copyOf(inputs);
        bufferFormat = bufferFormat == null ? BufferFormat.NORMAL : bufferFormat;
        monitors = monitors == null ? List.of() : List.copyOf(monitors);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one input");
        }
        if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
            throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
        }
        if (maxEvents < 0) {
            throw new IllegalArgumentException("maxEvents must not be negative: " + maxEvents);
        }
    }

    /** A run with buffers rendered as usual and no monitor of its client's. */
    public RunSpec(String name, List<InputSpec> inputs, RulesRequest rules, Duration maxDuration, long maxEvents,
            boolean allEvents, RecordSpec record) {
        this(name, inputs, rules, maxDuration, maxEvents, allEvents, record, BufferFormat.NORMAL, List.of());
    }

    /** A run of these inputs with the engine's rules and no limit. */
    public static RunSpec of(InputSpec... inputs) {
        return new RunSpec("", List.of(inputs), null, null, 0, false, null);
    }

    /** The same run with its own rules. */
    public RunSpec withRules(RulesRequest request) {
        return new RunSpec(name, inputs, request, maxDuration, maxEvents, allEvents, record, bufferFormat, monitors);
    }

    /** The same run with a name. */
    public RunSpec withName(String label) {
        return new RunSpec(label, inputs, rules, maxDuration, maxEvents, allEvents, record, bufferFormat, monitors);
    }

    /** The same run with byte buffers rendered in {@code format}. */
    public RunSpec withBufferFormat(BufferFormat format) {
        return new RunSpec(name, inputs, rules, maxDuration, maxEvents, allEvents, record, format, monitors);
    }

    /** The same run with one more monitor. */
    public RunSpec withMonitor(RunMonitor monitor) {
        List<RunMonitor> more = new ArrayList<>(monitors);
        more.add(Objects.requireNonNull(monitor, "monitor"));
        return new RunSpec(name, inputs, rules, maxDuration, maxEvents, allEvents, record, bufferFormat, more);
    }
}

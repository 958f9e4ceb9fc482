package org.lanner.api.run;

import java.time.Duration;
import java.util.List;

import org.lanner.api.engine.RulesRequest;

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
 */
public record RunSpec(String name, List<InputSpec> inputs, RulesRequest rules, Duration maxDuration, long maxEvents,
        boolean allEvents, RecordSpec record) {

    public RunSpec {
        name = name == null ? "" : name;
        inputs = List.copyOf(inputs);
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

    /** A run of these inputs with the engine's rules and no limit. */
    public static RunSpec of(InputSpec... inputs) {
        return new RunSpec("", List.of(inputs), null, null, 0, false, null);
    }

    /** The same run with its own rules. */
    public RunSpec withRules(RulesRequest request) {
        return new RunSpec(name, inputs, request, maxDuration, maxEvents, allEvents, record);
    }

    /** The same run with a name. */
    public RunSpec withName(String label) {
        return new RunSpec(label, inputs, rules, maxDuration, maxEvents, allEvents, record);
    }
}

package org.lanner.api.engine;

import java.util.Map;

import org.lanner.api.output.Priority;
import org.lanner.api.source.SourceStats;

/**
 * What a run did: Falco's end-of-run summary.
 *
 * @param events events read from the source
 * @param detections alerts raised by rules
 * @param byPriority detections per priority
 * @param byRule detections per rule name, in the order rules first fired
 * @param sourceStats the source's own counters (drops)
 * @param dropOccurrences checks that found events dropped since the previous one (Falco's "event drop detected")
 * @param dropActions times the {@code syscall_event_drops} actions were taken
 * @param elapsedNanos wall-clock duration of the run
 * @param failure why the run ended early, or null when the source ended or was stopped
 */
public record RunSummary(long events, long detections, Map<Priority, Long> byPriority, Map<String, Long> byRule,
        SourceStats sourceStats, long dropOccurrences, long dropActions, long elapsedNanos, String failure) {

    public RunSummary {
        byPriority = Map.copyOf(byPriority);
        byRule = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byRule));
    }
}

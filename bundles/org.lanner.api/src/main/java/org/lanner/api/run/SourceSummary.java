package org.lanner.api.run;

import org.lanner.api.source.SourceStats;

/**
 * What one source of a run did.
 *
 * @param source the event source name
 * @param events events of this source read
 * @param detections alerts its rules raised
 * @param stats the counters of the streams that delivered it (drops), summed
 * @param dropOccurrences checks of its monitor that found events dropped (Falco's "event drop detected")
 * @param dropActions times its monitor acted on drops
 * @param monitored whether the source has a monitor (Falco prints the drop lines only then)
 */
public record SourceSummary(String source, long events, long detections, SourceStats stats, long dropOccurrences,
        long dropActions, boolean monitored) {
}

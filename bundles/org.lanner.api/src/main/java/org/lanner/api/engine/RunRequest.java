package org.lanner.api.engine;

import java.time.Duration;

import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventSource;

/**
 * A run of one source through the rules.
 *
 * @param source the source to open
 * @param params its open parameters (a capture file name…)
 * @param maxDuration stop after this long ({@code -M}); null for no limit
 * @param allEvents deliver every event type, not only those rules and state need ({@code -A})
 * @param recorder where to record what the source delivered ({@code -w}); null for nowhere
 */
public record RunRequest(EventSource source, String params, Duration maxDuration, boolean allEvents, EventRecorder recorder) {
}

package org.lanner.api.engine;

/**
 * Counters of the engine since it started.
 *
 * @param events events evaluated
 * @param detections alerts raised
 * @param rulesLoaded rules in the current ruleset
 * @param rulesEnabled rules enabled in it
 * @param lanes evaluation lanes in use
 * @param runs runs started
 */
public record EngineStats(long events, long detections, int rulesLoaded, int rulesEnabled, int lanes, long runs) {
}

package org.lanner.api.source;

import org.lanner.api.output.Alert;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Watches one stream for conditions its source cares about and reports them: Falco's syscall event
 * drop monitor ({@code syscall_event_drops}) and its "timeouts notification" are the monitors of the
 * syscall source. Created by {@link SourcePolicy#monitor}; called only from the stream's reading
 * thread.
 */
@ConsumerType
public interface StreamMonitor {

    /** What a monitor may do besides answering. */
    interface Context {

        /** Raises an alert (an internal one, Falco's {@code source: internal}) to the run's outputs. */
        void alert(Alert alert);

        /** Writes a line to Lanner's log at {@code level}. */
        void log(System.Logger.Level level, String message);
    }

    /** Called once, before the first read, with the stream's counters then. */
    default void start(SourceStats initial) {
    }

    /**
     * After every batch of events.
     *
     * @param firstEventTime the time of the batch's first event
     * @param lastEventTime the time of the batch's last event
     * @param stats the stream's counters now
     * @return null to go on, or why the run must stop (it ends as failed with this message)
     */
    String afterBatch(long firstEventTime, long lastEventTime, SourceStats stats);

    /** A read found no event ({@link EventStream#TIMEOUT}). */
    default void idle() {
    }

    /**
     * A read found no event ({@link EventStream#TIMEOUT}); {@code stats} are the stream's counters
     * now. This is what the engine calls; the default calls {@link #idle()}.
     */
    default void idle(SourceStats stats) {
        idle();
    }

    /** Checks that found events dropped since the previous one (Falco's "event drop detected"). */
    default long dropOccurrences() {
        return 0;
    }

    /** Times the monitor acted on drops (Falco's "num times actions taken"). */
    default long actionsTaken() {
        return 0;
    }
}

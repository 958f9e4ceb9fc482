package org.lanner.api.source;

import org.lanner.api.event.EventBatch;
import org.lanner.api.output.Alert;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Watches one stream for conditions its source cares about and reports them: Falco's syscall event
 * drop monitor ({@code syscall_event_drops}) and its "timeouts notification" are the monitors of the
 * syscall source. Created by {@link SourcePolicy#monitor}; called only from the stream's reading
 * thread.
 */
@ConsumerType
public interface StreamMonitor {

    /** What a monitor may know and do besides answering; provided by the engine. */
    @ProviderType
    interface Context {

        /**
         * The kind of input the stream reads: {@link EventSource#INPUT_FILE} (a capture, which has no
         * driver behind it), {@link EventSource#INPUT_LIVE} or {@link EventSource#INPUT_PLUGIN}.
         */
        String input();

        /** Raises an alert (an internal one, Falco's {@code source: internal}) to the run's outputs. */
        void alert(Alert alert);

        /** Writes a line to Lanner's log at {@code level}. */
        void log(System.Logger.Level level, String message);
    }

    /**
     * A monitor's decision to stop the run, as Falco stops before the event at which its drop
     * monitor takes the exit action.
     *
     * @param index the batch's events before this one are still evaluated, this one and those after
     *     it are not
     * @param reason why: the run ends as failed with this message
     */
    record Stop(int index, String reason) {
    }

    /** Called once, before the first read, with the stream's counters then. */
    default void start(SourceStats initial) {
    }

    /**
     * After every batch of events, before the rules see it. Falco's monitors look at every event (its
     * time decides when a second has passed), so the monitor gets the batch itself; it must not
     * change it.
     *
     * @param batch the batch just read
     * @param size how many of its events, from the first, the run takes (at least 1; a limit such as
     *     {@code -M} may leave the rest unread)
     * @param stats the stream's counters now
     * @return null to go on, or where and why the run must stop
     */
    Stop afterBatch(EventBatch batch, int size, SourceStats stats);

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

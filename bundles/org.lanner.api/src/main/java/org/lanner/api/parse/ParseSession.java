package org.lanner.api.parse;

import org.lanner.api.event.EventBatch;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The state of one stream for one source.
 *
 * <h2>Contract with the engine</h2>
 * <ol>
 * <li>Only the stream's reading thread calls a session, so a session needs no locking of its own.</li>
 * <li>The engine numbers the events of a stream from 1 in reading order ({@link EventBatch#number})
 *     and calls {@link #parse} with every batch of the session's source, in that order, before any
 *     rule sees the batch's events.</li>
 * <li>After {@code parse} returns, rules and outputs read the batch's events, and the contexts the
 *     session attached to them ({@link EventBatch#context}), on other threads (the engine's lanes).
 *     The engine hands the batch over through a happens-before edge; from then on, until the events
 *     are released, the session must not change a context it attached nor anything reachable from it
 *     that fields read (keep state as immutable versions, or copy).</li>
 * <li>The engine releases events in number order. Before it calls {@code parse} again, it calls
 *     {@link #released} with the highest number released so far, when that number grew: no thread
 *     reads an event numbered up to it, or its context, any more. Released numbers only grow.</li>
 * <li>The engine passes a batch object to {@code parse} again only after every event it held was
 *     released, so a session may keep its context objects per batch object and refill them.</li>
 * <li>{@link #close} comes once, after the last {@code parse} and after every event was released.</li>
 * </ol>
 * {@code ParseSessionContractTest} in the engine's tests checks that the engine keeps this contract.
 */
@ConsumerType
public interface ParseSession extends AutoCloseable {

    /**
     * Updates the state with every event of the batch, in order, and attaches to each event
     * ({@link EventBatch#context(int, Object)}) what its fields need later. Events marked
     * {@link EventBatch#FLAG_STATE_ONLY} update state too; a session may mark an event so to hide it
     * from rules, and may move the batch's {@link EventBatch#streamStart()} (the origin of
     * {@code evt.reltime}) when its source starts counting later than the stream's first event.
     */
    void parse(EventBatch batch);

    /**
     * Every event numbered up to {@code number} has been evaluated and its alerts formatted: what
     * only their contexts needed (older versions of the state) may go.
     */
    default void released(long number) {
    }

    /** Counters for the end-of-run summary and stats, as name/value lines; may be empty. */
    default String stats() {
        return "";
    }

    /**
     * Events of the stream that the session could not parse, so far: content a hostile or damaged
     * input may shape (for system calls, a container event whose JSON is malformed or nests too
     * deep). Each is contained to itself (kept out of the state, hidden from rules where the
     * session says so) and the rest of the stream goes on; the engine logs the first and the count.
     * Only the stream's reading thread calls this.
     *
     * @since 2.1
     */
    default long malformedEvents() {
        return 0;
    }

    /**
     * The first event {@link #malformedEvents()} counts: its number and what is wrong with it, in one
     * line ({@code event 12: container event skipped: ...}); null while there is none.
     *
     * @since 2.1
     */
    default String firstMalformed() {
        return null;
    }

    @Override
    void close();
}

package org.lanner.api.parse;

import org.lanner.api.event.EventBatch;
import org.osgi.annotation.versioning.ConsumerType;

/** The state of one stream. Called only from the engine's state thread. */
@ConsumerType
public interface ParseSession extends AutoCloseable {

    /**
     * Updates the state with every event of the batch, in order, and attaches to each event
     * ({@link EventBatch#context(int, Object)}) what its fields need later. Events marked
     * {@link EventBatch#FLAG_STATE_ONLY} update state too.
     */
    void parse(EventBatch batch);

    /** Counters for the end-of-run summary and stats, as name/value lines; may be empty. */
    default String stats() {
        return "";
    }

    @Override
    void close();
}

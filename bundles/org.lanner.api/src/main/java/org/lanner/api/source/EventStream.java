package org.lanner.api.source;

import java.util.BitSet;
import java.util.Optional;

import org.lanner.api.event.EventBatch;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open stream of events. Only the engine's reader thread calls {@link #nextBatch}; {@link #close}
 * may come from any thread and must make a blocked {@code nextBatch} return.
 */
@ConsumerType
public interface EventStream extends AutoCloseable {

    /** {@link #nextBatch} result: nothing available now, call again. */
    int TIMEOUT = 0;

    /** {@link #nextBatch} result: the stream has ended. */
    int EOF = -1;

    /**
     * {@link #nextBatch} result: a new system snapshot replaces the state (a capture's next section);
     * read it with {@link #snapshot()} before asking for the next batch.
     */
    int NEW_SNAPSHOT = -2;

    /**
     * Appends events to {@code batch} (which the caller has cleared and whose source name the stream
     * sets). Returns quickly: a stream that has nothing waits at most a few milliseconds.
     *
     * @return the number of events added (&gt; 0), {@link #TIMEOUT}, {@link #EOF} or {@link #NEW_SNAPSHOT}
     * @throws SourceException when the stream fails; events read before the failure were delivered
     */
    int nextBatch(EventBatch batch) throws SourceException;

    /**
     * The state the stream (or its current section) began from, of the type its source's
     * {@link SourcePolicy#snapshotType()} names (for system calls: processes, their files, users,
     * interfaces, machine). Empty for sources without one (plugins).
     */
    default Optional<Snapshot> snapshot() {
        return Optional.empty();
    }

    /**
     * Restricts the events the stream needs to deliver to these event types (null = all). Live
     * sources apply it where the events are produced; others may ignore it. May be called at any
     * time, from any thread (rules reloaded).
     */
    default void interestingEventTypes(BitSet types) {
    }

    /** Counters of what the stream saw and lost. */
    default SourceStats stats() {
        return SourceStats.NONE;
    }

    /** Progress through a finite input in hundredths of a percent (0..10000), or -1 when unknown. */
    default int progress() {
        return -1;
    }

    @Override
    void close();
}

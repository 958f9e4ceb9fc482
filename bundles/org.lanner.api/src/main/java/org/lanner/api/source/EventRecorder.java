package org.lanner.api.source;

import java.io.IOException;

import org.lanner.api.event.EventBatch;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes what a stream delivered, e.g. into a capture file ({@code lanner -w}). Called on the
 * engine's reader thread, in event order.
 */
@ConsumerType
public interface EventRecorder extends AutoCloseable {

    /**
     * The state at the start of the stream or of a new section; called before its events. A
     * recorder that cannot write this source's snapshot type says so with an {@link IOException}.
     */
    void snapshot(Snapshot snapshot) throws IOException;

    /** Records every event of the batch (including state-only events). */
    void record(EventBatch batch) throws IOException;

    @Override
    void close() throws IOException;
}

package org.lanner.api.parse;

import java.util.BitSet;
import java.util.Optional;
import java.util.Set;

import org.lanner.api.extract.BufferFormat;
import org.lanner.api.source.Snapshot;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keeps state for the events of some sources. Register it as a service with the property
 * {@link #SOURCES}. The engine opens one {@link ParseSession} per stream it reads.
 */
@ConsumerType
public interface EventParser {

    /** Service property: the event sources this parser keeps state for (String[]). */
    String SOURCES = "lanner.sources";

    /** The sources whose events this parser reads. */
    Set<String> sources();

    /**
     * Starts the state of one stream.
     *
     * @param snapshot the state the stream started from, when the source has one (of the type its
     *     {@link org.lanner.api.source.SourcePolicy#snapshotType()} names)
     */
    ParseSession open(Optional<Snapshot> snapshot);

    /**
     * Starts the state of one stream of a run that asks for byte buffers in {@code bufferFormat}
     * ({@link org.lanner.api.run.RunSpec#bufferFormat()}): a parser whose contexts render buffers
     * for its fields keeps the format with the stream's state. The default ignores it.
     */
    default ParseSession open(Optional<Snapshot> snapshot, BufferFormat bufferFormat) {
        return open(snapshot);
    }

    /**
     * Event types the parser needs to see to keep its state right, whatever the rules ask for
     * (Falco's "interesting syscalls": clone, execve, open, close…). Live sources deliver at least
     * these.
     */
    default BitSet requiredEventTypes() {
        return new BitSet();
    }
}

package org.lanner.api.source;

import java.util.BitSet;
import java.util.List;

import org.lanner.api.event.Event;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What is particular to one event source, declared by the bundle that knows the source (for system
 * calls, the syscall state bundle), so that the engine names no source. Register it as a service
 * with the property {@link #SOURCE}; the engine binds policies dynamically, and uses
 * {@link #DEFAULT} for a source that has none (a plugin's events, indexed by their type).
 *
 * <p>Index keys: the engine indexes the rules of a source by a small integer per event, the
 * event's <em>key</em>, in {@code 0..keySpace()-1}. A rule's condition names the keys it can match
 * (through {@link org.lanner.api.extract.FieldAccessor#eventTypes}); an event meets only the rules
 * of its key. The key is normally the event type; a source may refine it for some types (system
 * calls key their generic events by the system call they carry).
 *
 * <p>Falco mapping: Falco's {@code falco_source} (its ruleset and filter factory per source) and the
 * syscall-only parts of {@code process_events.cpp} (drop monitoring, timeouts notification, the
 * ignored "simple consumer" events).
 */
@ConsumerType
public interface SourcePolicy {

    /** Service property: the event source the policy is about. */
    String SOURCE = EventSource.SOURCE;

    /** The policy of a source that registered none: keys are event types below 1024, nothing else. */
    SourcePolicy DEFAULT = new SourcePolicy() {
        @Override
        public String source() {
            return "";
        }
    };

    /** The event source name. */
    String source();

    /** Keys range over {@code 0..keySpace()-1}; events whose key falls outside meet no rule. */
    default int keySpace() {
        return 1024;
    }

    /**
     * Whether the key of events of {@code type} depends on their content ({@link #key}); for other
     * types the key is the type itself and the engine does not call {@link #key}. Asked once per type
     * when a run starts, not per event.
     */
    default boolean keyedByContent(int type) {
        return false;
    }

    /**
     * The key of an event of a type {@link #keyedByContent} said yes to. Called on the evaluation
     * path: must not allocate.
     */
    default int key(Event event) {
        return event.type();
    }

    /**
     * The event types behind a set of keys: what a capture may carry for those keys (rules loading
     * counts them for the "too many event types" warning).
     */
    default BitSet eventTypes(BitSet keys) {
        return (BitSet) keys.clone();
    }

    /**
     * The event types a live stream must produce to deliver a set of keys (a driver selects events
     * where they are produced); by default {@link #eventTypes}.
     */
    default BitSet liveEventTypes(BitSet keys) {
        return eventTypes(keys);
    }

    /**
     * Event types rules do not see unless a run asks for every event ({@code -A}): Falco's events of
     * "simple consumers" ({@code EF_DROP_SIMPLE_CONS}). They still reach the parsers.
     */
    default BitSet ignoredTypes() {
        return new BitSet();
    }

    /** Whether rules of this source get the warnings about event types Falco gives syscall rules. */
    default boolean warnsAboutEventTypes() {
        return false;
    }

    /** The type of the {@link Snapshot} streams of this source start from, or null when they have none. */
    default Class<? extends Snapshot> snapshotType() {
        return null;
    }

    /**
     * This source's part of the fields checksum ({@code lanner --version}): lines describing its event
     * schema (event types and their parameters), in a stable order. The engine hashes them with every
     * field's name and type; a change of either changes the checksum.
     */
    default List<String> schema() {
        return List.of();
    }

    /**
     * A monitor of one stream of this source (dropped events, long silences), or null when the source
     * is not monitored. Called once per stream, when it opens.
     */
    default StreamMonitor monitor(StreamMonitor.Context context) {
        return null;
    }
}

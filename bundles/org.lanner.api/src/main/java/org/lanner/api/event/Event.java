package org.lanner.api.event;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of one event. An instance is a cursor: it is valid only during the call that
 * hands it over and may be moved to the next event afterwards, so never keep a reference to it.
 *
 * <p>The record layout (little-endian, packed) is the one of libscap capture files:
 *
 * <pre>
 * offset 0  u64 timestamp (ns since the epoch)
 * offset 8  u64 thread id (-1 when the event has no thread, e.g. plugin events)
 * offset 16 u32 total length of the record, header included
 * offset 20 u16 event type
 * offset 22 u32 number of parameters
 * offset 26 parameter lengths: u16 each, or u32 each for large-payload event types
 *           then the parameter values, back to back
 * </pre>
 */
@ProviderType
public interface Event {

    /** Size of the record header. */
    int HEADER_SIZE = 26;

    /** Type of plugin events: parameter 0 is the plugin id (u32), parameter 1 the payload. */
    int PLUGIN_EVENT = 322;

    /** The event number ({@code evt.num}), 1-based, assigned by the engine in reading order. */
    long number();

    /** Nanoseconds since the Unix epoch. */
    long timestamp();

    /** The time of the first event of this event's stream ({@code evt.reltime} counts from it). */
    long streamStart();

    /** Kernel thread id, or -1 when the event belongs to no thread. */
    long threadId();

    /** Event type id within the source's event table. */
    int type();

    /** CPU that produced the event, or 0 when unknown. */
    int cpu();

    /** Flags of this event, see {@link EventBatch#FLAG_STATE_ONLY} and friends. */
    int flags();

    /** The name of the event source ({@code syscall}, {@code k8s_audit}, a plugin's source…). */
    String source();

    /** Number of parameters present in this record. */
    int paramCount();

    /**
     * The buffer holding the record. Little-endian, positioned anywhere: use absolute reads with
     * the offsets below and never change its position or limit.
     */
    ByteBuffer buffer();

    /** Absolute offset of the record's first byte in {@link #buffer()}. */
    int offset();

    /** Total length of the record. */
    int length();

    /** Absolute offset in {@link #buffer()} of the value of parameter {@code index}. */
    int paramOffset(int index);

    /** Length of the value of parameter {@code index}; 0 when it is empty or absent. */
    int paramLength(int index);

    /**
     * State attached to this event by its source's {@link org.lanner.api.parse.EventParser}
     * (for system calls: the thread and file descriptor as they were when the event happened),
     * or {@code null}.
     */
    Object context();
}

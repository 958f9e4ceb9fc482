package org.lanner.api.event;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A reusable batch of event records of one source. Sources fill it, the engine numbers the events,
 * parsers attach their context, and lanes read it through {@link EventCursor}s. A batch is owned by
 * one stage at a time; handing it on publishes its content (the engine does this through a
 * concurrent queue, which gives the happens-before edge). The engine reuses a batch only once no
 * lane reads any of its events any more; {@link org.lanner.api.parse.ParseSession} states what this
 * means for the contexts parsers attach.
 *
 * <p>Nothing here allocates once the batch exists: records are copied into one buffer and the
 * per-event columns are primitive arrays.
 */
public final class EventBatch {

    /**
     * The event only keeps the state consistent (a capture's "state only" events): parsers see it,
     * rules and outputs do not.
     */
    public static final int FLAG_STATE_ONLY = 1;

    /** The event is a tracer event (capture flag, kept for round trips). */
    public static final int FLAG_TRACER = 2;

    /** The parameter lengths of this record are u32 instead of u16 (large-payload event types). */
    public static final int FLAG_LARGE_PARAMS = 4;

    private final ByteBuffer data;
    private final int[] offsets;
    private final int[] cpus;
    private final int[] flags;
    private final long[] numbers;
    private final long[] partitions;
    private final Object[] contexts;
    private int count;
    private String source = "";
    private long streamStart;

    /**
     * @param byteCapacity bytes of event records the batch can hold
     * @param maxEvents number of events the batch can hold
     */
    public EventBatch(int byteCapacity, int maxEvents) {
        if (byteCapacity < Event.HEADER_SIZE || maxEvents < 1) {
            throw new IllegalArgumentException("batch too small: " + byteCapacity + " bytes, " + maxEvents + " events");
        }
        this.data = ByteBuffer.allocate(byteCapacity).order(ByteOrder.LITTLE_ENDIAN);
        this.offsets = new int[maxEvents + 1];
        this.cpus = new int[maxEvents];
        this.flags = new int[maxEvents];
        this.numbers = new long[maxEvents];
        this.partitions = new long[maxEvents];
        this.contexts = new Object[maxEvents];
    }

    /** Empties the batch (and forgets the attached contexts). */
    public void clear() {
        Arrays.fill(contexts, 0, count, null);
        count = 0;
        offsets[0] = 0;
    }

    /** The source every event of this batch belongs to. */
    public String source() {
        return source;
    }

    public void source(String name) {
        this.source = name;
    }

    /**
     * The time of the first event of the stream this batch belongs to, in nanoseconds since the
     * epoch ({@code evt.reltime} counts from it); set by the engine, 0 until it is known.
     */
    public long streamStart() {
        return streamStart;
    }

    public void streamStart(long timestamp) {
        this.streamStart = timestamp;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of events the batch can hold. */
    public int maxEvents() {
        return cpus.length;
    }

    /** Free bytes left for records. */
    public int remainingBytes() {
        return data.capacity() - offsets[count];
    }

    /** Whether another record of {@code length} bytes fits. */
    public boolean fits(int length) {
        return count < cpus.length && length <= remainingBytes();
    }

    /** The largest record the batch could ever hold. */
    public int byteCapacity() {
        return data.capacity();
    }

    /**
     * Copies one record into the batch.
     *
     * @return false (and copies nothing) when the record does not fit
     */
    public boolean add(ByteBuffer src, int offset, int length, int cpu, int eventFlags) {
        if (!fits(length)) {
            return false;
        }
        int at = offsets[count];
        data.put(at, src, offset, length);
        commit(length, cpu, eventFlags);
        return true;
    }

    /** Copies one record from an array into the batch; false when it does not fit. */
    public boolean add(byte[] src, int offset, int length, int cpu, int eventFlags) {
        if (!fits(length)) {
            return false;
        }
        data.put(offsets[count], src, offset, length);
        commit(length, cpu, eventFlags);
        return true;
    }

    /**
     * Reserves {@code length} bytes for a record written in place: write it into {@link #buffer()}
     * at the returned offset, then call {@link #commit(int, int, int)} with the same length.
     *
     * @return the absolute offset to write at, or -1 when the record does not fit
     */
    public int reserve(int length) {
        return fits(length) ? offsets[count] : -1;
    }

    /** Completes a record written in place after {@link #reserve(int)}. */
    public void commit(int length, int cpu, int eventFlags) {
        cpus[count] = cpu;
        flags[count] = eventFlags;
        numbers[count] = 0;
        partitions[count] = 0;
        contexts[count] = null;
        count++;
        offsets[count] = offsets[count - 1] + length;
    }

    /** The buffer holding the records (little-endian). Use absolute access only. */
    public ByteBuffer buffer() {
        return data;
    }

    public int offset(int index) {
        return offsets[index];
    }

    public int length(int index) {
        return offsets[index + 1] - offsets[index];
    }

    public int cpu(int index) {
        return cpus[index];
    }

    public int flags(int index) {
        return flags[index];
    }

    public void flags(int index, int value) {
        flags[index] = value;
    }

    public long number(int index) {
        return numbers[index];
    }

    public void number(int index, long value) {
        numbers[index] = value;
    }

    /**
     * The key that keeps events in order when rules are evaluated on several lanes: events with the
     * same key are evaluated in order by one lane. The engine sets it to the thread id; a parser may
     * set it to something coarser (the process id) so a process's events stay in order.
     */
    public long partition(int index) {
        return partitions[index];
    }

    public void partition(int index, long key) {
        partitions[index] = key;
    }

    public Object context(int index) {
        return contexts[index];
    }

    public void context(int index, Object value) {
        contexts[index] = value;
    }

    public long timestamp(int index) {
        return data.getLong(offsets[index]);
    }

    public long threadId(int index) {
        return data.getLong(offsets[index] + 8);
    }

    public int type(int index) {
        return Short.toUnsignedInt(data.getShort(offsets[index] + 20));
    }
}

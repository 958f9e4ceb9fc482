package org.lanner.filter;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;

/**
 * Scratch state for evaluating compiled conditions on one thread: one {@link ValueHolder} per field
 * slot, filled at most once per event, and reusable byte buffers. Create one per evaluating thread
 * ({@link FieldSlots#newContext()}); never share one between threads. The public methods below are
 * for compiled evaluators and output templates.
 */
public final class EvalContext {

    private static final byte ABSENT = 1;
    private static final byte PRESENT = 2;

    private final ValueHolder[] holders;
    private final long[] generation;
    private final byte[] state;
    private final byte[][] utf8;
    private final int[] utf8Length;
    private final long[] utf8Generation;
    private long current = 1;

    private Object lastBuffer;
    private int lastOffset = -1;
    private long lastNumber;
    private long lastTimestamp;

    private byte[] scratch = new byte[256];

    /** The text set by {@link #text(int, ValueHolder)} or {@link #encode(String)}. */
    public byte[] textArray;
    /** Offset of that text. */
    public int textOffset;
    /** Length of that text. */
    public int textLength;

    private final long[] checkGeneration;
    private final boolean[] checkResult;

    /** A context for {@code slots} field slots and no shared comparisons. */
    public EvalContext(int slots) {
        this(slots, 0);
    }

    /** A context for {@code slots} field slots and {@code checks} shared comparisons. */
    public EvalContext(int slots, int checks) {
        checkGeneration = new long[checks];
        checkResult = new boolean[checks];
        holders = new ValueHolder[slots];
        for (int k = 0; k < slots; k++) {
            holders[k] = new ValueHolder();
        }
        generation = new long[slots];
        state = new byte[slots];
        utf8 = new byte[slots][];
        utf8Length = new int[slots];
        utf8Generation = new long[slots];
    }

    /** Whether shared comparison {@code check} was evaluated for the current event already. */
    public boolean hasResult(int check) {
        return checkGeneration[check] == current;
    }

    /** The result of shared comparison {@code check} for the current event (see {@link #hasResult}). */
    public boolean result(int check) {
        return checkResult[check];
    }

    /** Records the result of shared comparison {@code check} for the current event. */
    public void result(int check, boolean value) {
        checkGeneration[check] = current;
        checkResult[check] = value;
    }

    /** Number of slots. */
    public int slots() {
        return holders.length;
    }

    /**
     * Starts (or continues) the evaluation of {@code event}: values cached for another event are
     * forgotten. Compiled filters call this themselves.
     */
    public void begin(Event event) {
        if (event.buffer() != lastBuffer || event.offset() != lastOffset || event.number() != lastNumber
                || event.timestamp() != lastTimestamp) {
            lastBuffer = event.buffer();
            lastOffset = event.offset();
            lastNumber = event.number();
            lastTimestamp = event.timestamp();
            current++;
        }
    }

    /** Forgets every cached value (call it when the same event record changes in place). */
    public void invalidate() {
        current++;
        lastBuffer = null;
        lastOffset = -1;
    }

    /**
     * The value of the field in {@code slot} for the current event, extracted on first use.
     *
     * @return the holder, or null when the event has no value for the field
     */
    public ValueHolder value(int slot, FieldAccessor accessor, Event event) {
        ValueHolder h = holders[slot];
        if (generation[slot] != current) {
            generation[slot] = current;
            h.clear();
            boolean ok = accessor.extract(event, h);
            state[slot] = ok && !h.isEmpty() ? PRESENT : ABSENT;
        }
        return state[slot] == PRESENT ? h : null;
    }

    /**
     * Points {@link #textArray}/{@link #textOffset}/{@link #textLength} at the UTF-8 bytes of a text
     * value of {@code slot} (a string is encoded once per event).
     *
     * @return false when the value is neither a string nor bytes
     */
    public boolean text(int slot, ValueHolder h) {
        if (h.kind() == ValueHolder.BYTES) {
            textArray = h.bytes();
            textOffset = h.offset();
            textLength = h.length();
            return true;
        }
        if (h.kind() != ValueHolder.STRING) {
            return false;
        }
        if (utf8Generation[slot] != current) {
            utf8Generation[slot] = current;
            String s = h.string();
            byte[] buf = utf8[slot];
            int need = s.length() * 3;
            if (buf == null || buf.length < need) {
                buf = new byte[Math.max(64, need)];
                utf8[slot] = buf;
            }
            utf8Length[slot] = Utf8.encode(s, buf);
        }
        textArray = utf8[slot];
        textOffset = 0;
        textLength = utf8Length[slot];
        return true;
    }

    /** Encodes {@code s} into the context's scratch buffer and points the text fields at it. */
    public void encode(String s) {
        int need = s.length() * 3;
        if (scratch.length < need) {
            scratch = new byte[need];
        }
        textArray = scratch;
        textOffset = 0;
        textLength = Utf8.encode(s, scratch);
    }
}

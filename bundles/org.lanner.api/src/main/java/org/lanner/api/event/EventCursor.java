package org.lanner.api.event;

import java.nio.ByteBuffer;

/**
 * The {@link Event} view over one position of an {@link EventBatch}. One cursor per thread;
 * moving it costs a few field writes and the parameter offsets are computed once per event, on
 * first use.
 */
public final class EventCursor implements Event {

    private static final int MAX_PARAMS = 64;

    private EventBatch batch;
    private ByteBuffer buf;
    private int index;
    private int base;
    private int nparams;
    private int computed = -1;
    private final int[] paramOffsets = new int[MAX_PARAMS + 1];

    /** Moves the cursor to event {@code index} of {@code batch}. */
    public EventCursor moveTo(EventBatch batch, int index) {
        this.batch = batch;
        this.buf = batch.buffer();
        this.index = index;
        this.base = batch.offset(index);
        int declared = buf.getInt(base + 22);
        this.nparams = Math.max(0, Math.min(declared, MAX_PARAMS));
        this.computed = -1;
        return this;
    }

    /** The batch position this cursor is on. */
    public int index() {
        return index;
    }

    public EventBatch batch() {
        return batch;
    }

    @Override
    public long number() {
        return batch.number(index);
    }

    @Override
    public long timestamp() {
        return buf.getLong(base);
    }

    @Override
    public long streamStart() {
        return batch.streamStart();
    }

    @Override
    public long threadId() {
        return buf.getLong(base + 8);
    }

    @Override
    public int type() {
        return Short.toUnsignedInt(buf.getShort(base + 20));
    }

    @Override
    public int cpu() {
        return batch.cpu(index);
    }

    @Override
    public int flags() {
        return batch.flags(index);
    }

    @Override
    public String source() {
        return batch.source();
    }

    @Override
    public int paramCount() {
        return nparams;
    }

    @Override
    public ByteBuffer buffer() {
        return buf;
    }

    @Override
    public int offset() {
        return base;
    }

    @Override
    public int length() {
        return batch.length(index);
    }

    @Override
    public int paramOffset(int i) {
        if (computed < 0) {
            computeOffsets();
        }
        return paramOffsets[i];
    }

    @Override
    public int paramLength(int i) {
        if (i < 0 || i >= nparams) {
            return 0;
        }
        if (computed < 0) {
            computeOffsets();
        }
        return paramOffsets[i + 1] - paramOffsets[i];
    }

    @Override
    public Object context() {
        return batch.context(index);
    }

    private void computeOffsets() {
        int declared = buf.getInt(base + 22);
        boolean large = (batch.flags(index) & EventBatch.FLAG_LARGE_PARAMS) != 0;
        int width = large ? 4 : 2;
        int end = base + batch.length(index);
        int at = base + Event.HEADER_SIZE + declared * width;
        int lenAt = base + Event.HEADER_SIZE;
        for (int i = 0; i < nparams; i++) {
            paramOffsets[i] = at;
            int len = large ? buf.getInt(lenAt) : Short.toUnsignedInt(buf.getShort(lenAt));
            lenAt += width;
            at += len;
            if (at > end || len < 0) {
                // A record whose lengths run past its end: treat the rest as absent.
                at = paramOffsets[i];
                for (int j = i; j < nparams; j++) {
                    paramOffsets[j] = at;
                }
                nparams = i;
                break;
            }
        }
        paramOffsets[nparams] = at;
        computed = nparams;
    }

    @Override
    public String toString() {
        return "Event[num=" + number() + ", type=" + type() + ", tid=" + threadId() + ", ts=" + timestamp() + "]";
    }
}

package org.lanner.syscall.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.lanner.api.event.Event;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;

/**
 * An {@link Event} over a record held in a byte array: the copy of an enter event the parser keeps
 * per thread until the exit arrives. Parameter lengths are u32 for large-payload event types.
 */
final class RecordView implements Event {

    private static final int MAX_PARAMS = 64;

    private ByteBuffer buf;
    private int length;
    private int nparams;
    private final int[] offsets = new int[MAX_PARAMS + 1];

    /** Points the view at {@code data[0..length)}. */
    RecordView wrap(byte[] data, int length) {
        if (buf == null || buf.array() != data) {
            buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        }
        this.length = length;
        int declared = length >= HEADER_SIZE ? buf.getInt(22) : 0;
        EventInfo info = EventTable.info(type());
        boolean large = info != null && info.largePayload();
        int width = large ? 4 : 2;
        int n = Math.max(0, Math.min(declared, MAX_PARAMS));
        int at = HEADER_SIZE + declared * width;
        int lenAt = HEADER_SIZE;
        int i = 0;
        for (; i < n; i++) {
            offsets[i] = at;
            int len = large ? buf.getInt(lenAt) : Short.toUnsignedInt(buf.getShort(lenAt));
            lenAt += width;
            if (len < 0 || at + len > length) {
                break;
            }
            at += len;
        }
        nparams = i;
        offsets[i] = at;
        return this;
    }

    @Override
    public long number() {
        return 0;
    }

    @Override
    public long timestamp() {
        return buf.getLong(0);
    }

    /** A stored enter event stands alone: no stream, so no stream start. */
    @Override
    public long streamStart() {
        return 0;
    }

    @Override
    public long threadId() {
        return buf.getLong(8);
    }

    @Override
    public int type() {
        return length >= HEADER_SIZE ? Short.toUnsignedInt(buf.getShort(20)) : -1;
    }

    @Override
    public int cpu() {
        return 0;
    }

    @Override
    public int flags() {
        return 0;
    }

    @Override
    public String source() {
        return "syscall";
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
        return 0;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int paramOffset(int index) {
        return offsets[Math.min(index, nparams)];
    }

    @Override
    public int paramLength(int index) {
        return index < 0 || index >= nparams ? 0 : offsets[index + 1] - offsets[index];
    }

    @Override
    public Object context() {
        return null;
    }
}

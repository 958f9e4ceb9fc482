package org.lanner.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EventBatchTest {

    /** Builds a record in the libscap layout with u16 or u32 parameter lengths. */
    static byte[] record(long ts, long tid, int type, boolean large, byte[]... params) {
        int width = large ? 4 : 2;
        int len = Event.HEADER_SIZE + params.length * width;
        for (byte[] p : params) {
            len += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ts).putLong(tid).putInt(len).putShort((short) type).putInt(params.length);
        for (byte[] p : params) {
            if (large) {
                b.putInt(p.length);
            } else {
                b.putShort((short) p.length);
            }
        }
        for (byte[] p : params) {
            b.put(p);
        }
        return b.array();
    }

    @Test
    void cursorReadsHeaderAndParameters() {
        EventBatch batch = new EventBatch(4096, 16);
        batch.source("syscall");
        byte[] fd = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(3).array();
        byte[] name = "/etc/passwd\0".getBytes(StandardCharsets.UTF_8);
        byte[] r1 = record(1_000L, 42, 3, false, fd, name);
        byte[] r2 = record(2_000L, -1, Event.PLUGIN_EVENT, true, new byte[] {7, 0, 0, 0}, "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(batch.add(r1, 0, r1.length, 1, 0)).isTrue();
        assertThat(batch.add(r2, 0, r2.length, 0, EventBatch.FLAG_LARGE_PARAMS)).isTrue();
        batch.number(0, 1);
        batch.number(1, 2);

        EventCursor c = new EventCursor().moveTo(batch, 0);
        assertThat(c.timestamp()).isEqualTo(1_000L);
        assertThat(c.threadId()).isEqualTo(42);
        assertThat(c.type()).isEqualTo(3);
        assertThat(c.cpu()).isEqualTo(1);
        assertThat(c.source()).isEqualTo("syscall");
        assertThat(c.paramCount()).isEqualTo(2);
        assertThat(c.paramLength(0)).isEqualTo(8);
        assertThat(c.buffer().getLong(c.paramOffset(0))).isEqualTo(3);
        assertThat(c.paramLength(1)).isEqualTo(name.length);
        assertThat(c.paramLength(2)).isZero();
        byte[] got = new byte[c.paramLength(1)];
        c.buffer().get(c.paramOffset(1), got);
        assertThat(got).isEqualTo(name);

        c.moveTo(batch, 1);
        assertThat(c.number()).isEqualTo(2);
        assertThat(c.threadId()).isEqualTo(-1);
        assertThat(c.type()).isEqualTo(Event.PLUGIN_EVENT);
        assertThat(c.buffer().getInt(c.paramOffset(0))).isEqualTo(7);
        assertThat(c.paramLength(1)).isEqualTo(5);
    }

    @Test
    void refusesRecordsThatDoNotFitAndClearsContexts() {
        EventBatch batch = new EventBatch(64, 2);
        byte[] r = record(1, 1, 5, false, new byte[8]);
        assertThat(batch.add(r, 0, r.length, 0, 0)).isTrue();
        assertThat(batch.add(r, 0, r.length, 0, 0)).isFalse(); // 2 x 36 bytes > 64
        batch.context(0, "state");
        batch.clear();
        assertThat(batch.size()).isZero();
        assertThat(batch.add(r, 0, r.length, 0, 0)).isTrue();
        assertThat(batch.context(0)).isNull();
    }

    @Test
    void truncatedParameterLengthsMakeTheRestAbsent() {
        byte[] r = record(1, 1, 3, false, new byte[8], new byte[4]);
        // claim the second parameter is 200 bytes long: it runs past the record
        ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).putShort(Event.HEADER_SIZE + 2, (short) 200);
        EventBatch batch = new EventBatch(256, 4);
        batch.add(r, 0, r.length, 0, 0);
        EventCursor c = new EventCursor().moveTo(batch, 0);
        assertThat(c.paramLength(0)).isEqualTo(8);
        assertThat(c.paramLength(1)).isZero();
        assertThat(c.paramCount()).isEqualTo(1);
    }
}

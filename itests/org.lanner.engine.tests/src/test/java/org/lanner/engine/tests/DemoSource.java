package org.lanner.engine.tests;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventStream;

/** A source named "demo": each stream delivers events of type 1 whose one u64 parameter counts 0..n-1. */
final class DemoSource implements EventSource {

    static final String NAME = "demo";
    private final int count;

    DemoSource(int count) {
        this.count = count;
    }

    @Override
    public String sourceName() {
        return NAME;
    }

    @Override
    public EventStream open(String params) {
        return new EventStream() {
            private int next;

            @Override
            public int nextBatch(EventBatch batch) {
                if (next >= count) {
                    return EOF;
                }
                batch.source(NAME);
                int added = 0;
                while (next < count) {
                    ByteBuffer b = ByteBuffer.allocate(Event.HEADER_SIZE + 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
                    b.putLong(1_700_000_000_000_000_000L + next).putLong(100 + next % 3).putInt(b.capacity()).putShort((short) 1)
                            .putInt(1).putShort((short) 8).putLong(next);
                    if (!batch.add(b.array(), 0, b.capacity(), 0, 0)) {
                        break;
                    }
                    next++;
                    added++;
                }
                return added;
            }

            @Override
            public void close() {
                next = count;
            }
        };
    }
}

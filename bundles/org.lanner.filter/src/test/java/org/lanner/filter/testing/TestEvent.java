package org.lanner.filter.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;

/**
 * A synthetic event for tests: a libscap record with the fixed parameter layout that
 * {@link TestFields} reads. Unset parameters are empty (the field is then missing).
 */
public final class TestEvent {

    /** Parameter indexes of the layout. */
    public static final int P_PROC_NAME = 0, P_FD_NAME = 1, P_PID = 2, P_SPORT = 3, P_SIP = 4, P_BUFFER = 5,
            P_IS_SERVER = 6, P_RATIO = 7, P_IMAGES = 8, P_U64 = 9, P_ANAMES = 10, P_COUNT = 11;

    private final int type;
    private final byte[][] params = new byte[P_COUNT][];
    private long ts = 1_000_000_000L;
    private long tid = 1;

    private TestEvent(int type) {
        this.type = type;
        for (int i = 0; i < P_COUNT; i++) {
            params[i] = new byte[0];
        }
    }

    /** An event of the given type id. */
    public static TestEvent type(int type) {
        return new TestEvent(type);
    }

    /** An exit event of the system call or event called {@code name} (enter when no exit exists). */
    public static TestEvent of(String name) {
        int found = -1;
        for (EventInfo e : EventTable.all()) {
            if (e.name().equals(name) && !e.has(org.lanner.api.syscall.table.EventFlags.OLD_VERSION)
                    && !e.has(org.lanner.api.syscall.table.EventFlags.UNUSED)) {
                found = e.id();
                if (!e.enter()) {
                    break;
                }
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("no event " + name);
        }
        return new TestEvent(found);
    }

    private static byte[] cstr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    private static byte[] le(long v, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        if (size == 8) {
            b.putLong(v);
        } else if (size == 2) {
            b.putShort((short) v);
        } else {
            b.put((byte) v);
        }
        return b.array();
    }

    public TestEvent procName(String v) {
        params[P_PROC_NAME] = cstr(v);
        return this;
    }

    public TestEvent fdName(String v) {
        params[P_FD_NAME] = cstr(v);
        return this;
    }

    public TestEvent pid(long v) {
        params[P_PID] = le(v, 8);
        return this;
    }

    public TestEvent sport(int v) {
        params[P_SPORT] = le(v, 2);
        return this;
    }

    /** An IPv4 or IPv6 address in text form. */
    public TestEvent sip(String v) {
        params[P_SIP] = org.lanner.filter.internal.Ip.parseAddress(v);
        return this;
    }

    public TestEvent buffer(byte[] v) {
        params[P_BUFFER] = v.clone();
        return this;
    }

    public TestEvent isServer(boolean v) {
        params[P_IS_SERVER] = le(v ? 1 : 0, 1);
        return this;
    }

    public TestEvent ratio(double v) {
        params[P_RATIO] = le(Double.doubleToRawLongBits(v), 8);
        return this;
    }

    /** Values of the multi-valued field {@code ka.images}. */
    public TestEvent images(String... v) {
        params[P_IMAGES] = String.join("\u0001", v).getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public TestEvent u64(long v) {
        params[P_U64] = le(v, 8);
        return this;
    }

    /** Names of the ancestors, parent first ({@code proc.aname[1]} is the first). */
    public TestEvent anames(String... v) {
        params[P_ANAMES] = String.join("/", v).getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public TestEvent ts(long v) {
        ts = v;
        return this;
    }

    public TestEvent tid(long v) {
        tid = v;
        return this;
    }

    /** The record in the libscap layout. */
    public byte[] record() {
        int len = Event.HEADER_SIZE + P_COUNT * 2;
        for (byte[] p : params) {
            len += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ts).putLong(tid).putInt(len).putShort((short) type).putInt(P_COUNT);
        for (byte[] p : params) {
            b.putShort((short) p.length);
        }
        for (byte[] p : params) {
            b.put(p);
        }
        return b.array();
    }

    /** A batch holding the events, numbered from 1. */
    public static EventBatch batch(List<TestEvent> events) {
        int bytes = 64;
        for (TestEvent e : events) {
            bytes += e.record().length;
        }
        EventBatch batch = new EventBatch(bytes, Math.max(1, events.size()));
        batch.source("syscall");
        for (TestEvent e : events) {
            byte[] r = e.record();
            batch.add(r, 0, r.length, 0, 0);
            batch.number(batch.size() - 1, batch.size());
        }
        return batch;
    }

    /** This event alone in a batch, read through a cursor. */
    public Event event() {
        return new EventCursor().moveTo(batch(List.of(this)), 0);
    }

    /** The events in one batch, each read through its own cursor. */
    public static List<Event> events(TestEvent... events) {
        EventBatch b = batch(List.of(events));
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            out.add(new EventCursor().moveTo(b, i));
        }
        return out;
    }
}

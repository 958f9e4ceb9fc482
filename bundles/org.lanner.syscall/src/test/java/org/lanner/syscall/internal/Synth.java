package org.lanner.syscall.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.table.ParamInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;

/**
 * Test helper: builds events in the record layout from parameter names and values, parses each in
 * its own batch (so every parsed event keeps its context), and reads fields of the parsed events.
 * Parameters not given get a zero value of their type.
 */
final class Synth {

    final SyscallSession session;
    private long ts = 1_600_000_000_000_000_000L;
    private long number;
    private final ValueHolder holder = new ValueHolder();

    Synth(SystemSnapshot snapshot) {
        session = new SyscallSession(Optional.ofNullable(snapshot), SyscallParser.PURGE_INTERVAL_NS);
    }

    /** A parsed event: its batch (kept alive) and a cursor on it. */
    record Parsed(EventBatch batch, EventCursor cursor) {
        long partition() {
            return batch.partition(0);
        }

        int flags() {
            return batch.flags(0);
        }
    }

    /** Builds and parses one event; {@code nameValues} alternate parameter names and values. */
    Parsed event(long tid, int type, Object... nameValues) {
        return eventAt(ts += 1000, tid, type, nameValues);
    }

    Parsed eventAt(long timestamp, long tid, int type, Object... nameValues) {
        ts = timestamp;
        EventInfo info = EventTable.info(type);
        if (info == null) {
            throw new IllegalArgumentException("no event " + type);
        }
        List<ParamInfo> params = info.params();
        byte[][] values = new byte[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            values[i] = encode(params.get(i), null);
        }
        for (int k = 0; k < nameValues.length; k += 2) {
            String name = (String) nameValues[k];
            int i = info.paramIndex(name);
            if (i < 0) {
                throw new IllegalArgumentException(info.name() + " has no parameter " + name);
            }
            values[i] = encode(params.get(i), nameValues[k + 1]);
        }
        byte[] rec = record(timestamp, tid, type, values);
        EventBatch batch = new EventBatch(Math.max(4096, rec.length * 2), 4);
        batch.source("syscall");
        if (!batch.add(rec, 0, rec.length, 0, 0)) {
            throw new IllegalStateException("event does not fit");
        }
        batch.number(0, ++number);
        session.parse(batch);
        return new Parsed(batch, new EventCursor().moveTo(batch, 0));
    }

    /** The text a field prints for a parsed event, {@code <NA>} without a value. */
    String field(Parsed p, String ref) {
        try {
            return Fields.text(Fields.bind(ref), p.cursor(), holder);
        } catch (Exception e) {
            throw new IllegalArgumentException(ref, e);
        }
    }

    static byte[] record(long ts, long tid, int type, byte[][] params) {
        int len = Event.HEADER_SIZE + params.length * 2;
        for (byte[] p : params) {
            len += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ts).putLong(tid).putInt(len).putShort((short) type).putInt(params.length);
        for (byte[] p : params) {
            b.putShort((short) p.length);
        }
        for (byte[] p : params) {
            b.put(p);
        }
        return b.array();
    }

    /** A parameter value in its encoding: numbers by the type's width, text NUL-terminated, lists NUL-separated. */
    static byte[] encode(ParamInfo p, Object v) {
        switch (p.type()) {
            case INT8, UINT8, FLAGS8, SIGTYPE, ENUMFLAGS8:
                return le(v == null ? 0 : ((Number) v).longValue(), 1);
            case INT16, UINT16, FLAGS16, SYSCALLID, ENUMFLAGS16:
                return le(v == null ? 0 : ((Number) v).longValue(), 2);
            case INT32, UINT32, FLAGS32, UID, GID, MODE, SIGSET, ENUMFLAGS32, FD32, PID32:
                return le(v == null ? 0 : ((Number) v).longValue(), 4);
            case INT64, UINT64, ERRNO, FD, PID, RELTIME, ABSTIME:
                return le(v == null ? 0 : ((Number) v).longValue(), 8);
            case CHARBUF, FSPATH, FSRELPATH:
                return v instanceof byte[] raw ? raw : ((v == null ? "" : (String) v) + "\0").getBytes(StandardCharsets.UTF_8);
            case CHARBUFARRAY, CHARBUF_PAIR_ARRAY: {
                if (v instanceof byte[] raw) {
                    return raw;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (v != null) {
                    for (Object s : (List<?>) v) {
                        out.writeBytes(((String) s + "\0").getBytes(StandardCharsets.UTF_8));
                    }
                }
                return out.toByteArray();
            }
            default:
                return v == null ? new byte[0] : (byte[]) v;
        }
    }

    static byte[] le(long v, int width) {
        byte[] b = new byte[width];
        for (int i = 0; i < width; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** An IPv4 sockaddr parameter: family, address, port (host order). */
    static byte[] sockaddr4(String ip, int port) {
        ByteBuffer b = ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2).put(ip4(ip)).putShort((short) port);
        return b.array();
    }

    /** An IPv4 socket tuple parameter: family, source address and port, destination address and port. */
    static byte[] tuple4(String sip, int sport, String dip, int dport) {
        ByteBuffer b = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2).put(ip4(sip)).putShort((short) sport).put(ip4(dip)).putShort((short) dport);
        return b.array();
    }

    static byte[] ip4(String ip) {
        String[] p = ip.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]),
            (byte) Integer.parseInt(p[3])};
    }

    /** A snapshot thread with the usual defaults; {@code fds} may be empty. */
    static ThreadEntry thread(long tid, long pid, long ptid, String comm, String exe, List<String> args, String cwd,
            int uid, List<String> cgroups, FdEntry... fds) {
        // a /proc scan marks the other threads of a process as sharing its fds and memory
        int flags = tid == pid ? 0 : (int) (FlagTables.get("clone_flags").valueOf("CLONE_THREAD")
                | FlagTables.get("clone_flags").valueOf("CLONE_FILES"));
        return new ThreadEntry(tid, pid, ptid, pid, pid, comm, exe, exe, args, cwd, 1024, flags, uid, uid, 1000, 500, 0, 0, 0,
                List.of("HOME=/root", "PATH=/bin"), tid, pid, cgroups, "/", uid, false, List.of(fds));
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}

package org.lanner.scap.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.SystemSnapshot;

/** Reads a whole capture through the public stream contract, for tests. */
final class Captures {

    /** Resolves every plugin id to the source {@code plugin<id>}. */
    static final IntFunction<String> ANY_PLUGIN = id -> "plugin" + id;

    private Captures() {
    }

    /**
     * One event as read.
     *
     * @param number 1-based position in the capture
     * @param record the record bytes
     */
    record Ev(long number, String source, int type, long tid, long ts, int cpu, int flags, int nparams, byte[] record) {

        String name() {
            if (type == 0 || type == 1) {
                ByteBuffer b = ByteBuffer.wrap(record).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                int np = b.getInt(22);
                if (np >= 1 && b.getShort(26) == 2) {
                    return EventTable.syscallName(Short.toUnsignedInt(b.getShort(26 + 2 * np)));
                }
                return "syscall";
            }
            return EventTable.info(type).name();
        }

        String dir() {
            return type % 2 == 0 ? ">" : "<";
        }

        /** As {@code sysdig -p '%evt.num %evt.type %evt.dir %thread.tid %evt.rawtime %evt.cpu'} prints it. */
        String sysdigLine() {
            return number + " " + name() + " " + dir() + " " + tid + " " + Long.toUnsignedString(ts) + " " + cpu;
        }
    }

    /**
     * Everything a capture delivers.
     *
     * @param snapshots one per section
     * @param error the failure after the events, or null
     */
    record Read(List<Ev> events, List<SystemSnapshot> snapshots, SourceException error, long skippedPlugins, long skippedUnknown) {
    }

    static Read read(String path, IntFunction<String> plugins) throws SourceException {
        return read(ScapEventStream.open(path, plugins), 1 << 20, 1024);
    }

    /** Reads a capture held in memory. */
    static Read read(byte[] capture, IntFunction<String> plugins) throws SourceException {
        return read(open(capture, plugins), 1 << 20, 1024);
    }

    static ScapEventStream open(byte[] capture, IntFunction<String> plugins) throws SourceException {
        try {
            return ScapEventStream.open(new ScapReader(
                    CaptureInput.of("test.scap", new java.io.ByteArrayInputStream(capture), capture.length), plugins));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static Read read(ScapEventStream stream, int batchBytes, int batchEvents) {
        List<Ev> events = new ArrayList<>();
        List<SystemSnapshot> snapshots = new ArrayList<>();
        SourceException error = null;
        try (stream) {
            snapshots.add((SystemSnapshot) stream.snapshot().orElseThrow());
            EventBatch batch = new EventBatch(batchBytes, batchEvents);
            EventCursor cursor = new EventCursor();
            while (true) {
                batch.clear();
                int n;
                try {
                    n = stream.nextBatch(batch);
                } catch (SourceException e) {
                    error = e;
                    break;
                }
                if (n == EventStream.EOF) {
                    break;
                }
                if (n == EventStream.NEW_SNAPSHOT) {
                    snapshots.add((SystemSnapshot) stream.snapshot().orElseThrow());
                    continue;
                }
                if (n != batch.size()) {
                    throw new AssertionError("nextBatch returned " + n + " for a batch of " + batch.size());
                }
                for (int i = 0; i < n; i++) {
                    cursor.moveTo(batch, i);
                    byte[] record = new byte[cursor.length()];
                    batch.buffer().get(cursor.offset(), record);
                    events.add(new Ev(events.size() + 1, batch.source(), cursor.type(), cursor.threadId(), cursor.timestamp(),
                            cursor.cpu(), cursor.flags(), cursor.paramCount(), record));
                }
            }
            return new Read(events, snapshots, error, stream.skippedPluginEvents(), stream.skippedUnknownEvents());
        }
    }
}

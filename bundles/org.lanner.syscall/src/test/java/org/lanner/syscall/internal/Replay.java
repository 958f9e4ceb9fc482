package org.lanner.syscall.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.extract.BufferFormat;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.scap.internal.ScapEventStream;

/**
 * Test helper: reads a capture with the capture reader, numbers the events as the engine does,
 * parses them, and hands each event (with its context attached) to a visitor before the next batch.
 */
final class Replay {

    private Replay() {
    }

    static void run(Path capture, int batchEvents, BiConsumer<EventCursor, SyscallSession> visitor) throws Exception {
        run(capture, batchEvents, BufferFormat.NORMAL, visitor);
    }

    /** As {@link #run(Path, int, BiConsumer)}, in a run that renders byte buffers in {@code format} ({@code -b}). */
    static void run(Path capture, int batchEvents, BufferFormat format, BiConsumer<EventCursor, SyscallSession> visitor) throws Exception {
        try (EventStream s = ScapEventStream.open(capture.toString(), id -> null)) {
            SyscallSession session = new SyscallSession(system(s.snapshot()), SyscallParser.PURGE_INTERVAL_NS, format);
            List<EventBatch> pool = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pool.add(new EventBatch(1 << 20, batchEvents));
            }
            EventCursor cursor = new EventCursor();
            long number = 0;
            int next = 0;
            while (true) {
                EventBatch b = pool.get(next++ % pool.size());
                b.clear();
                int n;
                try {
                    n = s.nextBatch(b);
                } catch (SourceException e) {
                    // a damaged capture: what was read before the damage is still parsed
                    for (int i = 0; i < b.size(); i++) {
                        b.number(i, ++number);
                    }
                    session.parse(b);
                    for (int i = 0; i < b.size(); i++) {
                        visitor.accept(cursor.moveTo(b, i), session);
                    }
                    throw e;
                }
                if (n == EventStream.EOF) {
                    break;
                }
                if (n == EventStream.NEW_SNAPSHOT) {
                    Optional<SystemSnapshot> snap = system(s.snapshot());
                    session.close();
                    session = new SyscallSession(snap, SyscallParser.PURGE_INTERVAL_NS, format);
                    continue;
                }
                if (n == EventStream.TIMEOUT) {
                    continue;
                }
                for (int i = 0; i < b.size(); i++) {
                    b.number(i, ++number);
                }
                session.parse(b);
                for (int i = 0; i < b.size(); i++) {
                    visitor.accept(cursor.moveTo(b, i), session);
                }
                if (b.size() > 0) {
                    // visited: released, as the engine releases what its lanes are done with
                    session.released(b.number(b.size() - 1));
                }
            }
            session.close();
        }
    }

    private static Optional<SystemSnapshot> system(Optional<org.lanner.api.source.Snapshot> snapshot) {
        return snapshot.map(SystemSnapshot.class::cast);
    }
}

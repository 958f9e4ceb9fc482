package org.lanner.driver.ebpf.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;

/** Drains a stream, keeping the events of the threads a test cares about. */
final class Capture {

    private final EventStream stream;
    private final EventBatch batch = new EventBatch(8 << 20, 65536);
    private final List<Rec> kept = new ArrayList<>();
    private long seen;

    Capture(EventStream stream) {
        this.stream = stream;
    }

    /**
     * Reads until {@code done} holds for the kept events or the deadline passes.
     *
     * @param keep which events to keep
     * @return the kept events so far
     */
    List<Rec> until(Predicate<Rec> keep, Predicate<List<Rec>> done, long timeoutMillis) throws SourceException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!done.test(kept) && System.nanoTime() < deadline) {
            batch.clear();
            int n = stream.nextBatch(batch);
            for (int i = 0; i < Math.max(n, 0); i++) {
                seen++;
                Rec r = Rec.of(batch, i);
                if (keep.test(r)) {
                    kept.add(r);
                }
            }
            if (n == EventStream.EOF) {
                break;
            }
        }
        return kept;
    }

    /** Discards what is pending now (events from before a test's actions). */
    void drain() throws SourceException {
        for (int i = 0; i < 200; i++) {
            batch.clear();
            if (stream.nextBatch(batch) <= 0) {
                return;
            }
        }
    }

    long seen() {
        return seen;
    }

    void reset() {
        kept.clear();
    }
}

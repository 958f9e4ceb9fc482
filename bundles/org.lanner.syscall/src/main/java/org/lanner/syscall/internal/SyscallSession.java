package org.lanner.syscall.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.extract.BufferFormat;
import org.lanner.api.parse.ParseSession;
import org.lanner.api.syscall.SystemSnapshot;

/**
 * The state of one system-call stream. Called by the stream's reading thread only.
 *
 * <p>Each batch position gets a reused {@link EventContext}: the contexts of a batch are kept per
 * batch object and refilled when the engine hands the same batch again, which the
 * {@link ParseSession} contract allows only once every event it held was released.
 * {@link #released} tells which events are no longer evaluated, so the thread versions only they
 * could need are dropped.
 */
final class SyscallSession implements ParseSession {

    /** The contexts of one batch object. */
    private static final class BatchState {
        EventContext[] contexts = new EventContext[0];
    }

    private final SyscallState state;
    private final Map<EventBatch, BatchState> batches = new IdentityHashMap<>();
    private final EventCursor cursor = new EventCursor();
    private long events;
    private long hidden;

    SyscallSession(Optional<SystemSnapshot> snapshot, long purgeIntervalNs) {
        this(snapshot, purgeIntervalNs, BufferFormat.NORMAL);
    }

    /** @param bufferFormat how fields render the stream's byte buffers (the run's {@code -b}) */
    SyscallSession(Optional<SystemSnapshot> snapshot, long purgeIntervalNs, BufferFormat bufferFormat) {
        state = new SyscallState(purgeIntervalNs, bufferFormat);
        snapshot.ifPresent(state::load);
    }

    SyscallState state() {
        return state;
    }

    @Override
    public void parse(EventBatch batch) {
        BatchState bs = batches.get(batch);
        if (bs == null) {
            if (batches.size() >= 1024) {
                // an engine that does not reuse its batches: forget the old ones
                batches.clear();
            }
            bs = new BatchState();
            batches.put(batch, bs);
        }
        int n = batch.size();
        if (bs.contexts.length < n) {
            EventContext[] grown = new EventContext[Math.max(n, batch.maxEvents())];
            System.arraycopy(bs.contexts, 0, grown, 0, bs.contexts.length);
            bs.contexts = grown;
        }
        for (int i = 0; i < n; i++) {
            EventContext ctx = bs.contexts[i];
            if (ctx == null) {
                ctx = new EventContext();
                bs.contexts[i] = ctx;
            }
            cursor.moveTo(batch, i);
            if (state.parse(cursor, batch.number(i), ctx)) {
                batch.flags(i, batch.flags(i) | EventBatch.FLAG_STATE_ONLY);
                hidden++;
            }
            batch.context(i, ctx);
            batch.partition(i, ctx.thread != null ? ctx.thread.pid : batch.threadId(i));
        }
        events += n;
        long first = state.shared.firstEventTs;
        if (first != 0) {
            // libsinsp counts evt.reltime from the first event that is not a container event
            batch.streamStart(first);
        }
    }

    @Override
    public void released(long number) {
        state.watermark(number);
    }

    @Override
    public String stats() {
        return "syscall.events " + events + "\nsyscall.threads " + state.threadCount() + "\nsyscall.containers "
                + state.containers().size() + "\nsyscall.hidden_events " + hidden + "\nsyscall.malformed_events " + malformedEvents();
    }

    @Override
    public long malformedEvents() {
        return state.containerHandlers().malformed();
    }

    @Override
    public String firstMalformed() {
        return state.containerHandlers().firstMalformed();
    }

    @Override
    public void close() {
        batches.clear();
    }
}

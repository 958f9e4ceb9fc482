package org.lanner.engine.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.lanner.api.event.EventBatch;
import org.lanner.api.output.Alert;
import org.lanner.api.parse.EventParser;
import org.lanner.api.parse.ParseSession;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.RunMonitor;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.Snapshot;
import org.lanner.api.source.SourceException;
import org.lanner.api.source.SourcePolicy;
import org.lanner.api.source.SourceStats;
import org.lanner.api.source.StreamMonitor;

/**
 * Reads one input of a run on a thread of its own: numbers the events (from 1, per stream), records
 * them, runs the parsers of each event's source, lets the source's monitor watch the stream, and
 * dispatches the batches to the run's lanes. Keeps the {@link ParseSession} contract: a batch comes
 * back to the pool only once every lane is done with it, {@link ParseSession#released} follows the
 * batches coming back, and sessions close after every batch came back.
 */
final class InputReader {

    /**
     * An input opened for a run.
     *
     * @param spec what was asked
     * @param source the name of the source that opened it (the stream's own events; a capture may
     *     carry events of other sources too)
     * @param stream the open stream
     */
    record Opened(InputSpec spec, String source, EventStream stream) {
    }

    private final EngineRun run;
    private final Opened input;
    private final EventStream stream;
    private final SourcePolicy policy;
    private final BlockingQueue<EngineRun.Slot> free;
    private final int slots;
    private final Thread thread;
    private final Map<String, List<ParseSession>> sessions = new HashMap<>();
    private final Map<String, LongAdder> eventsBySource = new ConcurrentHashMap<>();
    private final boolean eventTime;
    private StreamMonitor monitor;
    /** The monitors the run's client asked for ({@link org.lanner.api.run.RunSpec#monitors()}). */
    private final List<StreamMonitor> watchers = new ArrayList<>();
    /** The slot taken from the pool and neither dispatched nor given back yet (an exception may leave one). */
    private EngineRun.Slot inHand;
    private volatile SourceStats stats = SourceStats.NONE;
    private long number;
    /** Events handed to the lanes (the rest of the input was not, when the reader fails). */
    private long dispatched;
    /** Malformed events counted by the sessions closed so far (a new section closes them). */
    private long malformedClosed;
    /** Whether the first malformed event was logged. */
    private boolean malformedLogged;
    private long released;
    private long firstTs = -1;

    InputReader(EngineRun run, Opened input, int index) {
        this.run = run;
        this.input = input;
        this.stream = input.stream();
        this.policy = run.host().policy(input.source());
        EngineRun.Settings s = run.settings();
        this.slots = s.slotsPerInput();
        this.free = new ArrayBlockingQueue<>(slots);
        for (int i = 0; i < slots; i++) {
            free.add(new EngineRun.Slot(this, s.batchBytes(), s.batchEvents()));
        }
        this.eventTime = EventSource.INPUT_FILE.equals(input.spec().input());
        this.thread = new Thread(this::loop, "lanner-run-" + run.id() + "-read-" + index);
    }

    void start() {
        thread.start();
    }

    /** Whether {@link org.lanner.api.run.RunSpec#maxDuration()} counts in event time for this input (files). */
    boolean countsEventTime() {
        return eventTime;
    }

    String primarySource() {
        return input.source();
    }

    /** Makes a blocked read return (the run is stopping). */
    void wake() {
        stream.close();
    }

    /** A lane is done with a slot of this reader. */
    void giveBack(EngineRun.Slot slot) {
        free.add(slot);
    }

    /** The rules changed: tells the stream which event types matter now. */
    void rulesChanged() {
        stream.interestingEventTypes(interestingTypes());
    }

    /** The event types the stream must deliver for the rules and parsers of its source; null for all. */
    private BitSet interestingTypes() {
        if (run.runSpec().allEvents()) {
            return null;
        }
        RulesetIndex r = run.rules().current();
        BitSet keys = r == null ? new BitSet() : r.keys(input.source());
        if (keys == null) {
            return null;
        }
        BitSet types = EventSource.INPUT_LIVE.equals(input.spec().input()) ? policy.liveEventTypes(keys) : policy.eventTypes(keys);
        for (EventParser p : run.host().parsers(input.source())) {
            types.or(p.requiredEventTypes());
        }
        return types;
    }

    Map<String, Long> eventsBySource() {
        Map<String, Long> m = new LinkedHashMap<>();
        eventsBySource.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    SourceStats stats() {
        return stats;
    }

    boolean monitored() {
        return monitor != null;
    }

    long dropOccurrences() {
        StreamMonitor m = monitor;
        return m == null ? 0 : m.dropOccurrences();
    }

    long dropActions() {
        StreamMonitor m = monitor;
        return m == null ? 0 : m.actionsTaken();
    }

    // ------------------------------------------------------------------ the thread

    private void loop() {
        try {
            Optional<Snapshot> snapshot = stream.snapshot();
            snapshot(snapshot);
            StreamMonitor.Context context = new StreamMonitor.Context() {
                @Override
                public String input() {
                    return input.spec().input();
                }

                @Override
                public void alert(Alert alert) {
                    run.publish(alert);
                }

                @Override
                public void log(System.Logger.Level level, String message) {
                    run.host().log(level, message);
                }
            };
            monitor = policy.monitor(context);
            for (RunMonitor m : run.runSpec().monitors()) {
                StreamMonitor w = m.monitor(input.source(), input.spec(), context);
                if (w != null) {
                    watchers.add(w);
                }
            }
            stats = stream.stats();
            if (monitor != null) {
                monitor.start(stats);
            }
            for (StreamMonitor w : watchers) {
                w.start(stats);
            }
            while (!run.stopRequested()) {
                EngineRun.Slot slot = take();
                EventBatch b = slot.batch;
                b.clear();
                int n = stream.nextBatch(b);
                if (n == EventStream.TIMEOUT) {
                    giveBackInHand();
                    idle();
                    continue;
                }
                if (n == EventStream.EOF) {
                    giveBackInHand();
                    break;
                }
                if (n == EventStream.NEW_SNAPSHOT) {
                    giveBackInHand();
                    awaitAllSlots();
                    closeSessions();
                    snapshot = stream.snapshot();
                    snapshot(snapshot);
                    continue;
                }
                if (!process(slot)) {
                    giveBackInHand();
                }
            }
        } catch (SourceException e) {
            if (!run.stopRequested()) {
                run.fail(e.getMessage() + " (" + read() + ")");
                run.stopReading();
            }
        } catch (IOException e) {
            run.fail("recording failed: " + e.getMessage() + " (" + read() + ")");
            run.stopReading();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.fail("interrupted (" + read() + ")");
        } catch (RuntimeException | Error e) {
            // whatever it was (a stack overflow in a parser, memory), the run must not look successful
            String what = "internal error reading " + label() + ": " + e + " (" + read() + ")";
            run.fail(what);
            run.host().log(System.Logger.Level.ERROR, "run " + run.id() + ": " + what);
            run.stopReading();
        } finally {
            end();
        }
    }

    /** What the input is, for messages: the file's path for a file, else the input spec. */
    private String label() {
        return eventTime ? input.spec().params() : input.spec().toString();
    }

    /** How much of the input went through, for a message saying the rest did not: {@code 1234 event(s) of x.scap evaluated, the rest not}. */
    private String read() {
        return dispatched + " event(s) of " + label() + " evaluated, the rest not";
    }

    /** Logs the first malformed event a session counted, once for the input. */
    private void noteMalformed(List<ParseSession> parse) {
        if (malformedLogged) {
            return;
        }
        for (ParseSession p : parse) {
            if (p.malformedEvents() > 0) {
                malformedLogged = true;
                run.host().log(System.Logger.Level.ERROR, label() + ": " + p.firstMalformed()
                        + " (the rest of the input is read; further malformed events are counted, not logged)");
                return;
            }
        }
    }

    /** The next free slot, in hand until dispatched or given back; when it carried events before, they are released now. */
    private EngineRun.Slot take() throws InterruptedException {
        EngineRun.Slot slot = free.take();
        inHand = slot;
        release(slot.lastNumber);
        return slot;
    }

    /** Puts the slot in hand back in the pool, its events (if any) not dispatched. */
    private void giveBackInHand() {
        EngineRun.Slot slot = inHand;
        if (slot != null) {
            inHand = null;
            free.add(slot);
        }
    }

    private void release(long upTo) {
        if (upTo > released) {
            released = upTo;
            for (List<ParseSession> list : sessions.values()) {
                for (ParseSession s : list) {
                    s.released(upTo);
                }
            }
        }
    }

    /** Waits until every slot is back in the pool, and releases everything they carried. */
    private void awaitAllSlots() throws InterruptedException {
        List<EngineRun.Slot> all = new ArrayList<>(slots);
        long highest = 0;
        for (int i = 0; i < slots; i++) {
            EngineRun.Slot s = free.take();
            highest = Math.max(highest, s.lastNumber);
            all.add(s);
        }
        free.addAll(all);
        release(highest);
    }

    private void snapshot(Optional<Snapshot> snapshot) throws IOException {
        if (snapshot.isEmpty()) {
            return;
        }
        Class<? extends Snapshot> expected = policy.snapshotType();
        if (expected != null && !expected.isInstance(snapshot.get())) {
            throw new IllegalStateException("the stream of " + input.source() + " started from a " + snapshot.get().getClass().getName()
                    + ", its policy expects a " + expected.getName());
        }
        EventRecorder recorder = run.recorder();
        if (recorder != null) {
            synchronized (recorder) {
                recorder.snapshot(snapshot.get());
            }
        }
    }

    /**
     * Numbers, limits, lets the monitor look, records, parses and dispatches one batch.
     *
     * @return false when nothing of it is to be evaluated (the slot was not dispatched)
     */
    private boolean process(EngineRun.Slot slot) throws IOException, InterruptedException {
        EventBatch b = slot.batch;
        int size = b.size();
        if (size == 0) {
            return false;
        }
        if (firstTs < 0) {
            firstTs = b.timestamp(0);
        }
        b.streamStart(firstTs);
        for (int i = 0; i < size; i++) {
            b.number(i, ++number);
            b.partition(i, b.threadId(i));
        }
        if (eventTime && run.runSpec().maxDuration() != null) {
            long limit = run.runSpec().maxDuration().toNanos();
            for (int i = 0; i < size; i++) {
                if (b.timestamp(i) - firstTs >= limit) {
                    size = i;
                    run.stopReading();
                    break;
                }
            }
        }
        stats = stream.stats();
        if (monitor != null) {
            size = look(monitor, b, size);
        }
        for (StreamMonitor w : watchers) {
            size = look(w, b, size);
        }
        size = run.admit(size);
        if (size == 0) {
            return false;
        }
        EventRecorder recorder = run.recorder();
        if (recorder != null) {
            synchronized (recorder) {
                recorder.record(b);
            }
        }
        String source = b.source();
        List<ParseSession> parse = sessions.get(source);
        if (parse == null) {
            parse = open(source);
            sessions.put(source, parse);
        }
        for (ParseSession p : parse) {
            p.parse(b);
        }
        noteMalformed(parse);
        eventsBySource.computeIfAbsent(source, k -> new LongAdder()).add(size);
        slot.size = size;
        slot.lastNumber = b.number(size - 1);
        dispatched += size;
        inHand = null;
        run.dispatch(slot);
        return true;
    }

    /** A read found nothing: the monitors hear it, with the stream's counters now. */
    private void idle() {
        if (monitor == null && watchers.isEmpty()) {
            return;
        }
        stats = stream.stats();
        if (monitor != null) {
            monitor.idle(stats);
        }
        for (StreamMonitor w : watchers) {
            w.idle(stats);
        }
    }

    /**
     * Shows the first {@code size} events of the batch to a monitor; one that asks to stop ends the run as
     * failed with its reason, before the event it names.
     *
     * @return how many events the run still takes
     */
    private int look(StreamMonitor m, EventBatch b, int size) {
        if (size == 0) {
            return 0;
        }
        StreamMonitor.Stop stop = m.afterBatch(b, size, stats);
        if (stop == null) {
            return size;
        }
        run.fail(stop.reason());
        run.stopReading();
        return Math.max(0, Math.min(size, stop.index()));
    }

    private List<ParseSession> open(String source) {
        List<ParseSession> list = new ArrayList<>();
        Optional<Snapshot> snapshot = source.equals(input.source()) ? stream.snapshot() : Optional.empty();
        for (EventParser p : run.host().parsers(source)) {
            list.add(p.open(snapshot, run.runSpec().bufferFormat()));
        }
        return list;
    }

    private void closeSessions() {
        for (List<ParseSession> list : sessions.values()) {
            for (ParseSession s : list) {
                malformedClosed += s.malformedEvents();
                try {
                    s.close();
                } catch (RuntimeException e) {
                    run.host().log(System.Logger.Level.ERROR, "closing the state of " + input.spec() + " failed: " + e);
                }
            }
        }
        sessions.clear();
    }

    private void end() {
        // a read or a parser that failed leaves its slot here: the lanes never had it
        giveBackInHand();
        try {
            awaitAllSlots();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSessions();
        if (malformedClosed > 0) {
            run.host().log(System.Logger.Level.ERROR, label() + ": " + malformedClosed
                    + " malformed event(s) skipped, each hidden from rules (the first is logged above)");
        }
        try {
            stats = stream.stats();
        } catch (RuntimeException e) {
            // keep the last counters
        }
        stream.close();
        run.readerDone();
    }
}

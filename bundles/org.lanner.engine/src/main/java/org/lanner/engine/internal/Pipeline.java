package org.lanner.engine.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.lanner.api.engine.EngineRun;
import org.lanner.api.engine.RunSummary;
import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.output.Alert;
import org.lanner.api.output.Priority;
import org.lanner.api.parse.EventParser;
import org.lanner.api.parse.ParseSession;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.lanner.api.source.SourceStats;
import org.lanner.api.syscall.IndexKeys;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.rules.CompiledRule;
import org.lanner.filter.EvalContext;

/**
 * One run of a source through the rules.
 *
 * <p>Threads: one ingest thread reads batches from the stream, numbers the events, records them,
 * and runs the parsers (state is sequential, in event order); it then hands each batch to every
 * lane. A lane evaluates the events of its partitions (by the parser's partition key, the process
 * for system calls), so a process's events stay in order while rules run on several cores. Batches
 * come from a bounded pool: when lanes fall behind, the ingest thread waits, and a live source
 * buffers (or counts its drops) rather than the engine growing without bound.
 */
final class Pipeline implements EngineRun {

    /** What the pipeline needs from the engine. */
    interface Host {
        /** The current ruleset (swapped atomically by reloads), or null when none is loaded. */
        RulesetIndex ruleset();

        List<EventParser> parsers(String source);

        void publish(Alert alert);

        String hostname();

        void log(String message);

        /** The run ended; the host forgets it. */
        void finished(Pipeline run, RunSummary summary);
    }

    /** Settings of one run. */
    record Settings(int lanes, boolean firstMatchOnly, boolean allEvents, Duration maxEventTime, int batchBytes, int batchEvents,
            int slots, DropMonitor drops, int maxConsecutiveTimeouts, BitSet ignoredByDefault) {
    }

    /** A batch travelling through the lanes. */
    private static final class Slot {
        final EventBatch batch;
        int size;
        final AtomicInteger pending = new AtomicInteger();

        Slot(int bytes, int events) {
            batch = new EventBatch(bytes, events);
        }
    }

    private static final Slot END = new Slot(64, 1);

    private final Host host;
    private final Settings settings;
    private final EventStream stream;
    private final EventRecorder recorder;
    private final BlockingQueue<Slot> free;
    private final List<Lane> lanes = new ArrayList<>();
    private final Thread ingest;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile String failure;
    private final AtomicLong events = new AtomicLong();
    private final LongAdder detections = new LongAdder();
    private final Map<String, LongAdder> byRule = new ConcurrentHashMap<>();
    private final Map<String, Long> firstFired = new ConcurrentHashMap<>();
    private final AtomicLong fireSequence = new AtomicLong();
    private final Map<Priority, LongAdder> byPriority = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;
    private volatile RunSummary summary;

    Pipeline(Host host, Settings settings, EventStream stream, EventRecorder recorder) {
        this.host = host;
        this.settings = settings;
        this.stream = stream;
        this.recorder = recorder;
        this.free = new ArrayBlockingQueue<>(settings.slots());
        for (int i = 0; i < settings.slots(); i++) {
            free.add(new Slot(settings.batchBytes(), settings.batchEvents()));
        }
        for (int i = 0; i < settings.lanes(); i++) {
            lanes.add(new Lane(i));
        }
        this.ingest = new Thread(this::ingestLoop, "lanner-ingest");
    }

    void start() {
        lanes.forEach(l -> l.thread.start());
        ingest.start();
    }

    /** Tells a live stream which event types matter now (rules changed). */
    void interestingTypes(BitSet types) {
        stream.interestingEventTypes(types);
    }

    @Override
    public RunSummary await() throws InterruptedException {
        done.await();
        return summary;
    }

    @Override
    public void stop() {
        stopRequested = true;
        stream.close();
    }

    @Override
    public boolean isRunning() {
        return done.getCount() > 0;
    }

    long eventsSoFar() {
        return events.get();
    }

    // ---------------------------------------------------------------- ingest (state) thread

    private void ingestLoop() {
        Map<String, List<ParseSession>> sessions = new HashMap<>();
        long number = 0;
        long firstTs = -1;
        int timeouts = 0;
        try {
            Optional<SystemSnapshot> snapshot = stream.snapshot();
            if (recorder != null && snapshot.isPresent()) {
                recorder.snapshot(snapshot.get());
            }
            if (settings.drops() != null) {
                settings.drops().start(stream.stats());
            }
            while (!stopRequested) {
                Slot slot = free.take();
                EventBatch b = slot.batch;
                b.clear();
                int n = stream.nextBatch(b);
                if (n == EventStream.TIMEOUT) {
                    free.add(slot);
                    if (++timeouts > settings.maxConsecutiveTimeouts()) {
                        timeouts = 0;
                        timeoutAlert(firstTs);
                    }
                    continue;
                }
                if (n == EventStream.EOF) {
                    free.add(slot);
                    break;
                }
                if (n == EventStream.NEW_SNAPSHOT) {
                    free.add(slot);
                    closeAll(sessions);
                    snapshot = stream.snapshot();
                    if (recorder != null && snapshot.isPresent()) {
                        recorder.snapshot(snapshot.get());
                    }
                    continue;
                }
                timeouts = 0;
                int size = b.size();
                for (int i = 0; i < size; i++) {
                    b.number(i, ++number);
                    b.partition(i, b.threadId(i));
                }
                if (settings.maxEventTime() != null && size > 0) {
                    if (firstTs < 0) {
                        firstTs = b.timestamp(0);
                    }
                    long limit = settings.maxEventTime().toNanos();
                    for (int i = 0; i < size; i++) {
                        if (b.timestamp(i) - firstTs >= limit) {
                            size = i;
                            stopRequested = true;
                            break;
                        }
                    }
                } else if (firstTs < 0 && size > 0) {
                    firstTs = b.timestamp(0);
                }
                if (recorder != null) {
                    recorder.record(b);
                }
                List<ParseSession> parse = sessions.computeIfAbsent(b.source(), s -> open(s, stream.snapshot()));
                for (ParseSession p : parse) {
                    p.parse(b);
                }
                events.addAndGet(size);
                if (settings.drops() != null && size > 0 && !settings.drops().check(b.timestamp(size - 1), stream.stats())) {
                    failure = "too many system call events dropped (syscall_event_drops action exit)";
                    stopRequested = true;
                }
                dispatch(slot, size);
            }
        } catch (SourceException e) {
            if (!stopRequested) {
                failure = e.getMessage();
            }
        } catch (IOException e) {
            failure = "recording failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = "internal error: " + e;
            host.log("internal error in the ingest thread: " + e);
        } finally {
            for (Lane l : lanes) {
                l.queue.add(END);
            }
            for (Lane l : lanes) {
                try {
                    l.thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            closeAll(sessions);
            SourceStats stats = stream.stats();
            stream.close();
            endNanos = System.nanoTime();
            summary = summarize(stats);
            host.finished(this, summary);
            done.countDown();
        }
    }

    private List<ParseSession> open(String source, Optional<SystemSnapshot> snapshot) {
        List<ParseSession> list = new ArrayList<>();
        for (EventParser p : host.parsers(source)) {
            list.add(p.open(snapshot));
        }
        return list;
    }

    private static void closeAll(Map<String, List<ParseSession>> sessions) {
        sessions.values().forEach(list -> list.forEach(ParseSession::close));
        sessions.clear();
    }

    private void dispatch(Slot slot, int size) throws InterruptedException {
        slot.size = size;
        slot.pending.set(lanes.size());
        for (Lane l : lanes) {
            l.queue.put(slot);
        }
    }

    private void release(Slot slot) {
        if (slot.pending.decrementAndGet() == 0) {
            free.add(slot);
        }
    }

    private void timeoutAlert(long lastEventTs) {
        String rule = "Falco internal: timeouts notification";
        String msg = rule + ". " + settings.maxConsecutiveTimeouts() + " consecutive timeouts without event.";
        host.publish(new Alert(System.currentTimeMillis() * 1_000_000L, rule, Priority.DEBUG, "internal", List.of(), msg,
                List.of(new org.lanner.api.output.OutputField("last_event_time", lastEventTs < 0 ? "none" : Long.toString(lastEventTs))),
                host.hostname()));
    }

    // ---------------------------------------------------------------- lanes

    private final class Lane {
        final int index;
        final BlockingQueue<Slot> queue = new ArrayBlockingQueue<>(settings.slots() + 1);
        final Thread thread;
        final EventCursor cursor = new EventCursor();
        RulesetIndex ruleset;
        EvalContext context;

        Lane(int index) {
            this.index = index;
            this.thread = new Thread(this::loop, "lanner-lane-" + index);
        }

        private void loop() {
            try {
                while (true) {
                    Slot slot = queue.take();
                    if (slot == END) {
                        return;
                    }
                    try {
                        evaluate(slot);
                    } finally {
                        release(slot);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void evaluate(Slot slot) {
            RulesetIndex current = host.ruleset();
            if (current == null) {
                return;
            }
            if (current != ruleset) {
                ruleset = current;
                context = current.newContext();
            }
            EventBatch b = slot.batch;
            String source = b.source();
            int lanesCount = lanes.size();
            boolean syscall = "syscall".equals(source);
            for (int i = 0; i < slot.size; i++) {
                if (lanesCount > 1 && Math.floorMod(mix(b.partition(i)), lanesCount) != index) {
                    continue;
                }
                if ((b.flags(i) & EventBatch.FLAG_STATE_ONLY) != 0) {
                    continue;
                }
                int type = b.type(i);
                if (syscall && !settings.allEvents() && settings.ignoredByDefault().get(type)) {
                    continue;
                }
                int key = syscall && IndexKeys.isGeneric(type) ? IndexKeys.of(cursor.moveTo(b, i)) : type;
                CompiledRule[] rules = current.candidates(source, key);
                if (rules.length == 0) {
                    continue;
                }
                cursor.moveTo(b, i);
                for (CompiledRule r : rules) {
                    if (r.matches(cursor, context)) {
                        fire(r, cursor, context);
                        if (settings.firstMatchOnly()) {
                            break;
                        }
                    }
                }
            }
        }
    }

    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        key ^= key >>> 33;
        return key;
    }

    private void fire(CompiledRule rule, EventCursor event, EvalContext context) {
        detections.increment();
        byPriority.computeIfAbsent(rule.priority(), p -> new LongAdder()).increment();
        byRule.computeIfAbsent(rule.name(), n -> {
            firstFired.put(n, fireSequence.incrementAndGet());
            return new LongAdder();
        }).increment();
        host.publish(new Alert(event.timestamp(), rule.name(), rule.priority(), event.source(), rule.tags(),
                rule.formatOutput(event, context), rule.outputFields(event, context), host.hostname()));
    }

    private RunSummary summarize(SourceStats stats) {
        Map<Priority, Long> prio = new EnumMap<>(Priority.class);
        byPriority.forEach((p, n) -> prio.put(p, n.sum()));
        Map<String, Long> rules = new LinkedHashMap<>();
        byRule.keySet().stream().sorted((a, b) -> Long.compare(firstFired.get(a), firstFired.get(b)))
                .forEach(n -> rules.put(n, byRule.get(n).sum()));
        DropMonitor d = settings.drops();
        return new RunSummary(events.get(), detections.sum(), prio, rules, stats, d == null ? 0 : d.occurrences(),
                d == null ? 0 : d.actionsTaken(), endNanos - startNanos, failure);
    }
}

package org.lanner.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.output.Alert;
import org.lanner.api.output.DeliveryListener;
import org.lanner.api.output.Priority;
import org.lanner.api.parse.EventParser;
import org.lanner.api.run.Run;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunState;
import org.lanner.api.run.RunSummary;
import org.lanner.api.run.SourceSummary;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.SourcePolicy;
import org.lanner.api.source.SourceStats;
import org.lanner.filter.EvalContext;
import org.lanner.rules.CompiledRule;

/**
 * One run: its inputs, each read by an {@link InputReader} thread of its own, and the lanes that
 * evaluate what they read.
 *
 * <p>Threads: a reader reads batches from its stream, numbers the events, records them, runs the
 * parsers (state is sequential per stream, in event order) and hands each batch to every lane. A lane
 * evaluates the events of its partitions (the parser's partition key: the process for system calls),
 * so one process's events stay in order while rules run on several cores; lanes take the batches of
 * every reader of the run. Each reader has a bounded pool of batches: when lanes fall behind, the
 * reader waits, and a live source buffers (or counts its drops) rather than the engine growing.
 *
 * <p>Alerts: a run that reads only capture files has no real time to keep up with, so it publishes
 * with back-pressure: a full output queue holds up the lane, then the readers, and no alert is
 * dropped. A run with any live or plugin input publishes without waiting: a full queue drops the alert,
 * counted per output in the summary.
 *
 * <p>End: when every reader has stopped (its input ended, failed, hit a limit, or the run was
 * stopped) and the lanes have evaluated everything, the run waits for its alerts to be handled by the
 * outputs, then ends.
 */
final class EngineRun implements Run {

    /** What a run needs from the engine. */
    interface Host {
        SourcePolicy policy(String source);

        List<EventParser> parsers(String source);

        /**
         * Publishes an alert of the run.
         *
         * @param stallNanos negative for a live run (a full output queue drops, counted); otherwise the run
         *     reads only captures and waits for room at a full queue while the output makes progress, giving up on
         *     an output that hands over nothing for this long (its alerts then count as failed)
         */
        void publish(Alert alert, DeliveryListener listener, long stallNanos);

        /** The outputs attached now. */
        List<String> outputs();

        void log(System.Logger.Level level, String message);

        /** The run ended; the engine forgets it (it stays listed among the recent runs). */
        void finished(EngineRun run);
    }

    /**
     * Settings of one run.
     *
     * @param lanes evaluation lanes
     * @param firstMatchOnly only the first matching rule fires for an event
     * @param batchBytes bytes per batch
     * @param batchEvents events per batch
     * @param slotsPerInput batches in each reader's pool
     * @param stallNanos how long the end of the run waits for outputs that make no progress
     */
    record Settings(int lanes, boolean firstMatchOnly, int batchBytes, int batchEvents, int slotsPerInput, long stallNanos) {
    }

    /** A batch travelling from a reader through the lanes and back to the reader's pool. */
    static final class Slot {
        final EventBatch batch;
        final InputReader owner;
        int size;
        /** The number of the slot's last event, 0 before it carried any. */
        long lastNumber;
        final AtomicInteger pending = new AtomicInteger();

        Slot(InputReader owner, int bytes, int events) {
            this.owner = owner;
            this.batch = new EventBatch(bytes, events);
        }
    }

    private static final Slot END = new Slot(null, 64, 1);

    private final String id;
    private final RunSpec spec;
    private final Host host;
    private final Settings settings;
    private final CompiledRules rules;
    private final EventRecorder recorder;
    private final List<InputReader> readers = new ArrayList<>();
    private final List<Lane> lanes = new ArrayList<>();
    private final RunDelivery delivery = new RunDelivery();
    /** Every input is a capture file: alerts wait for room at the outputs rather than being dropped. */
    private final boolean replay;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicInteger readersRunning = new AtomicInteger();
    private final AtomicLong eventsRead = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final LongAdder detections = new LongAdder();
    private final Map<String, LongAdder> byRule = new ConcurrentHashMap<>();
    private final Map<String, Long> firstFired = new ConcurrentHashMap<>();
    private final AtomicLong fireSequence = new AtomicLong();
    private final Map<Priority, LongAdder> byPriority = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> detectionsBySource = new ConcurrentHashMap<>();
    private final AtomicLong evaluationErrors = new AtomicLong();
    private final Runnable onRulesChanged = this::rulesChanged;
    private volatile boolean stopRequested;
    private volatile RunState state = RunState.RUNNING;
    private volatile long endNanos;
    private volatile RunSummary last;

    EngineRun(String id, RunSpec spec, Host host, Settings settings, CompiledRules rules, List<InputReader.Opened> inputs,
            EventRecorder recorder) {
        this.id = id;
        this.spec = spec;
        this.host = host;
        this.settings = settings;
        this.rules = rules;
        this.recorder = recorder;
        for (int i = 0; i < settings.lanes(); i++) {
            lanes.add(new Lane(i));
        }
        for (InputReader.Opened in : inputs) {
            readers.add(new InputReader(this, in, readers.size()));
        }
        host.outputs().forEach(delivery::expect);
        this.replay = spec.inputs().stream().allMatch(in -> EventSource.INPUT_FILE.equals(in.input()));
    }

    void start() {
        rules.listen(onRulesChanged);
        rulesChanged();
        lanes.forEach(l -> l.thread.start());
        readersRunning.set(readers.size());
        readers.forEach(InputReader::start);
        if (spec.maxDuration() != null && readers.stream().anyMatch(r -> !r.countsEventTime())) {
            // wall-clock time for live inputs; it ends with the run at the latest
            Thread timer = new Thread(() -> {
                try {
                    if (!done.await(spec.maxDuration().toNanos(), TimeUnit.NANOSECONDS)) {
                        stopReading();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lanner-run-" + id + "-timer");
            timer.setDaemon(true);
            timer.start();
        }
    }

    // ------------------------------------------------------------------ Run

    @Override
    public String id() {
        return id;
    }

    @Override
    public RunSpec spec() {
        return spec;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public RunState state() {
        return state;
    }

    @Override
    public RunSummary summary() {
        RunSummary s = last;
        return s != null ? s : summarize();
    }

    @Override
    public void stop() {
        stopReading();
    }

    @Override
    public RunSummary await() throws InterruptedException {
        done.await();
        return last;
    }

    @Override
    public Optional<RunSummary> await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(last) : Optional.empty();
    }

    // ------------------------------------------------------------------ for the readers

    RunSpec runSpec() {
        return spec;
    }

    Host host() {
        return host;
    }

    Settings settings() {
        return settings;
    }

    EventRecorder recorder() {
        return recorder;
    }

    CompiledRules rules() {
        return rules;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Asks every reader to stop (a limit, a failure, or the user). */
    void stopReading() {
        stopRequested = true;
        for (InputReader r : readers) {
            r.wake();
        }
    }

    /** Records the first failure; the run ends as failed. */
    void fail(String message) {
        failure.compareAndSet(null, message);
    }

    /**
     * Counts {@code n} events about to be dispatched against {@link RunSpec#maxEvents()}.
     *
     * @return how many of them may go (all of them without a limit); fewer stops the run
     */
    int admit(int n) {
        long max = spec.maxEvents();
        long before = eventsRead.getAndAdd(n);
        if (max <= 0) {
            return n;
        }
        if (before + n >= max) {
            stopReading();
            return (int) Math.max(0, Math.min(n, max - before));
        }
        return n;
    }

    /** Hands a filled slot to every lane. */
    void dispatch(Slot slot) throws InterruptedException {
        slot.pending.set(lanes.size());
        for (Lane l : lanes) {
            l.queue.put(slot);
        }
    }

    /** A lane is done with a slot; the last one gives it back to its reader. */
    private static void release(Slot slot) {
        if (slot.pending.decrementAndGet() == 0) {
            slot.owner.giveBack(slot);
        }
    }

    /** Publishes an alert of the run (a rule's or an internal one) to the outputs. */
    void publish(Alert alert) {
        host.publish(alert, delivery, replay ? settings.stallNanos() : -1);
    }

    /** A reader has stopped and every batch it dispatched came back; the last one ends the run. */
    void readerDone() {
        if (readersRunning.decrementAndGet() == 0) {
            finish();
        }
    }

    private void rulesChanged() {
        for (InputReader r : readers) {
            r.rulesChanged();
        }
    }

    private void finish() {
        try {
            for (Lane l : lanes) {
                l.queue.add(END);
            }
            for (Lane l : lanes) {
                l.thread.join();
            }
            rules.unlisten(onRulesChanged);
            if (recorder != null) {
                try {
                    recorder.close();
                } catch (java.io.IOException e) {
                    fail("recording failed: " + e.getMessage() + " (" + eventsRead.get() + " event(s) read; " + recorder
                            + " is incomplete)");
                }
            }
            long errors = evaluationErrors.get();
            if (errors > 0) {
                fail(errors + " event(s) could not be evaluated (see the log)");
            }
            state = RunState.DRAINING;
            if (!delivery.awaitHandled(settings.stallNanos())) {
                host.log(System.Logger.Level.WARNING, "run " + id + ": " + delivery.pending()
                        + " alert(s) still queued at outputs that made no progress for "
                        + TimeUnit.NANOSECONDS.toSeconds(settings.stallNanos()) + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while ending");
        } finally {
            endNanos = System.nanoTime();
            state = failure.get() == null ? RunState.DONE : RunState.FAILED;
            last = summarize();
            host.finished(this);
            done.countDown();
        }
    }

    // ------------------------------------------------------------------ lanes

    private final class Lane {
        final int index;
        final BlockingQueue<Slot> queue;
        final Thread thread;
        final EventCursor cursor = new EventCursor();
        RulesetIndex ruleset;
        EvalContext context;
        /** The source of the last batch and what evaluating it needs. */
        String source;
        SourceView view;
        final Map<String, SourceView> views = new java.util.HashMap<>();

        Lane(int index) {
            this.index = index;
            this.queue = new ArrayBlockingQueue<>(Math.max(2, readersCount() * settings.slotsPerInput() + 1));
            this.thread = new Thread(this::loop, "lanner-run-" + id + "-lane-" + index);
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
                    } catch (RuntimeException | Error e) {
                        // not one rule's failure (those are contained per event): the lane cannot go on
                        // evaluating, but it keeps handing batches back so the run can end
                        String what = "internal error evaluating events: " + e + " (" + eventsRead.get()
                                + " event(s) read; from the batch it failed on, events are not evaluated)";
                        fail(what);
                        host.log(System.Logger.Level.ERROR, "run " + id + ": lane " + index + ": " + what);
                        stopReading();
                    } finally {
                        release(slot);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void evaluate(Slot slot) {
            RulesetIndex current = rules.current();
            if (current == null) {
                return;
            }
            if (current != ruleset) {
                ruleset = current;
                context = current.newContext();
                views.clear();
                source = null;
            }
            EventBatch b = slot.batch;
            if (!b.source().equals(source)) {
                source = b.source();
                view = views.computeIfAbsent(source, s -> new SourceView(host.policy(s), current.table(s), spec.allEvents()));
            }
            SourceView v = view;
            if (v.table == null) {
                return;
            }
            int lanesCount = lanes.size();
            for (int i = 0; i < slot.size; i++) {
                if (lanesCount > 1 && Math.floorMod(mix(b.partition(i)), lanesCount) != index) {
                    continue;
                }
                if ((b.flags(i) & EventBatch.FLAG_STATE_ONLY) != 0) {
                    continue;
                }
                int type = b.type(i);
                if (v.ignored(type)) {
                    continue;
                }
                int key = v.keyedByContent(type) ? v.policy.key(cursor.moveTo(b, i)) : type;
                if (key < 0 || key >= v.table.length) {
                    continue;
                }
                CompiledRule[] candidates = v.table[key];
                if (candidates.length == 0) {
                    continue;
                }
                cursor.moveTo(b, i);
                for (CompiledRule r : candidates) {
                    boolean matched;
                    try {
                        matched = r.matches(cursor, context);
                        if (matched) {
                            fire(r, cursor, context);
                        }
                    } catch (RuntimeException | StackOverflowError e) {
                        evaluationError(r, cursor.number(), e);
                        continue;
                    }
                    if (matched && settings.firstMatchOnly()) {
                        break;
                    }
                }
            }
        }
    }

    private int readersCount() {
        return Math.max(1, readers.size());
    }

    /** What a lane needs to evaluate the events of one source. */
    private static final class SourceView {
        final SourcePolicy policy;
        final CompiledRule[][] table;
        final java.util.BitSet contentKeyed = new java.util.BitSet();
        final java.util.BitSet ignored;

        SourceView(SourcePolicy policy, CompiledRule[][] table, boolean allEvents) {
            this.policy = policy;
            this.table = table;
            int space = table == null ? 0 : table.length;
            for (int t = 0; t < space; t++) {
                if (policy.keyedByContent(t)) {
                    contentKeyed.set(t);
                }
            }
            this.ignored = allEvents ? new java.util.BitSet() : policy.ignoredTypes();
        }

        boolean keyedByContent(int type) {
            return contentKeyed.get(type);
        }

        boolean ignored(int type) {
            return ignored.get(type);
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
        detectionsBySource.computeIfAbsent(event.source(), s -> new LongAdder()).increment();
        byRule.computeIfAbsent(rule.name(), n -> {
            firstFired.put(n, fireSequence.incrementAndGet());
            return new LongAdder();
        }).increment();
        publish(new Alert(event.timestamp(), rule.name(), rule.priority(), event.source(), rule.tags(),
                rule.formatOutput(event, context), rule.outputFields(event, context), null));
    }

    private void evaluationError(CompiledRule rule, long number, Throwable e) {
        if (evaluationErrors.getAndIncrement() == 0) {
            host.log(System.Logger.Level.ERROR, "run " + id + ": rule '" + rule.name() + "' failed on event " + number + ": " + e
                    + " (the event is skipped for this rule; further errors are counted, not logged)");
        }
    }

    // ------------------------------------------------------------------ counters

    private RunSummary summarize() {
        Map<Priority, Long> prio = new EnumMap<>(Priority.class);
        byPriority.forEach((p, n) -> prio.put(p, n.sum()));
        Map<String, Long> ruleCounts = new LinkedHashMap<>();
        byRule.keySet().stream().sorted((a, b) -> Long.compare(firstFired.getOrDefault(a, 0L), firstFired.getOrDefault(b, 0L)))
                .forEach(n -> ruleCounts.put(n, byRule.get(n).sum()));
        Map<String, long[]> perSource = new LinkedHashMap<>();
        Map<String, SourceStats> stats = new LinkedHashMap<>();
        Map<String, Boolean> monitored = new LinkedHashMap<>();
        long events = 0;
        for (InputReader r : readers) {
            for (Map.Entry<String, Long> e : r.eventsBySource().entrySet()) {
                perSource.computeIfAbsent(e.getKey(), k -> new long[3])[0] += e.getValue();
                events += e.getValue();
            }
            String primary = r.primarySource();
            long[] counts = perSource.computeIfAbsent(primary, k -> new long[3]);
            counts[1] += r.dropOccurrences();
            counts[2] += r.dropActions();
            stats.merge(primary, r.stats(), EngineRun::add);
            monitored.merge(primary, r.monitored(), Boolean::logicalOr);
        }
        List<SourceSummary> sources = new ArrayList<>();
        for (Map.Entry<String, long[]> e : perSource.entrySet()) {
            LongAdder d = detectionsBySource.get(e.getKey());
            sources.add(new SourceSummary(e.getKey(), e.getValue()[0], d == null ? 0 : d.sum(),
                    stats.getOrDefault(e.getKey(), SourceStats.NONE), e.getValue()[1], e.getValue()[2],
                    monitored.getOrDefault(e.getKey(), false)));
        }
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return new RunSummary(id, state, events, detections.sum(), prio, ruleCounts, sources, delivery.counters(),
                delivery.rateLimitedCount(), end - startNanos, failure.get());
    }

    private static SourceStats add(SourceStats a, SourceStats b) {
        return new SourceStats(a.events() + b.events(), a.drops() + b.drops(), a.dropsBuffer() + b.dropsBuffer(),
                a.dropsPageFault() + b.dropsPageFault(), a.dropsBug() + b.dropsBug(), a.preemptions() + b.preemptions());
    }
}

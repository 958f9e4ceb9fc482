package org.lanner.output.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.DeliveryListener;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.OutputSink;
import org.lanner.api.output.Priority;
import org.lanner.api.output.SinkStats;
import org.lanner.common.HostNames;
import org.lanner.common.TokenBucket;
import org.lanner.output.core.FalcoFormat;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Fans alerts out to every {@link OutputSink} service: one bounded queue and one thread per sink, so
 * a slow or dead sink never blocks {@link #publish} or the other sinks ({@link #publishWaiting}, for
 * captures, waits for room at a full queue while that sink makes progress). Applies Falco's
 * {@code outputs.rate}/{@code max_burst} token bucket to rule alerts (not to internal ones), flushes
 * per {@code buffered_outputs}, and reports a sink busy on one alert for longer than
 * {@code output_timeout} with Falco's message, as an internal alert to the other sinks.
 */
@Component(service = AlertPublisher.class, configurationPid = OutputConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = OutputConfig.class)
public final class OutputPublisher implements AlertPublisher {

    /** The rule of the internal alert raised when an output is blocked. */
    public static final String TIMEOUT_RULE = "Falco internal: output timeout";
    /** Queue capacity per sink when {@code outputs_queue.capacity} is 0. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final Logger LOG = System.getLogger("org.lanner.output");
    private static final SinkWorker[] NONE = new SinkWorker[0];

    private final Map<Object, SinkWorker> workers = new ConcurrentHashMap<>();
    private volatile SinkWorker[] snapshot = NONE;
    /** The outputs.rate/max_burst bucket, or null when rate limiting is off (rate 0). */
    private volatile TokenBucket bucket;
    private final LongAdder rateLimited = new LongAdder();
    private volatile int capacity;
    private volatile boolean buffered;
    private volatile long timeoutNanos;
    private volatile int timeoutMillis;
    private final String hostname;
    private final ScheduledExecutorService watchdog;
    private final LogThrottle rateLog = new LogThrottle(LOG, TimeUnit.SECONDS.toNanos(10));
    private final LogThrottle noSinkLog = new LogThrottle(LOG, TimeUnit.SECONDS.toNanos(60));
    private volatile boolean active = true;

    @Activate
    public OutputPublisher(OutputConfig config) {
        this(config, HostNames.local());
    }

    /** For tests: a fixed host name. */
    public OutputPublisher(OutputConfig config, String hostname) {
        settings(config);
        this.hostname = hostname;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lanner-output-watchdog");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(5, Math.min(500, timeoutMillis / 4));
        watchdog.scheduleWithFixedDelay(this::checkBlocked, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void settings(OutputConfig config) {
        this.capacity = config.outputs__queue_capacity() > 0 ? config.outputs__queue_capacity() : DEFAULT_CAPACITY;
        this.buffered = config.buffered__outputs();
        this.timeoutMillis = Math.max(1, config.output__timeout());
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        // a rate of 0 turns rate limiting off (later Falco's meaning; in 0.30 it froze the bucket after the first burst)
        this.bucket = config.outputs_rate() > 0 ? new TokenBucket(config.outputs_rate(), Math.max(0, config.outputs_max__burst())) : null;
    }

    /**
     * A new configuration applies in place, so the engine and everything else holding this service keep
     * it: the rate limit restarts full, and when the queue capacity or buffering changed every sink gets a
     * new worker (the old one still delivers what it had queued).
     */
    @Modified
    synchronized void modified(OutputConfig config) {
        int oldCapacity = capacity;
        boolean oldBuffered = buffered;
        settings(config);
        if (oldCapacity == capacity && oldBuffered == buffered) {
            return;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        for (Map.Entry<Object, SinkWorker> e : workers.entrySet()) {
            SinkWorker old = e.getValue();
            SinkWorker fresh = new SinkWorker(old.name(), old.sink(), capacity, buffered);
            fresh.start();
            e.setValue(fresh);
            old.requestStop(deadline);
        }
        refreshSnapshot();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(OutputSink sink, Map<String, Object> properties) {
        Object key = properties.getOrDefault("service.id", sink);
        attach(key, nameOf(sink, properties), sink);
    }

    void removeSink(OutputSink sink, Map<String, Object> properties) {
        detach(properties.getOrDefault("service.id", sink));
    }

    /** Attaches a sink under {@code key} (plain-Java use and tests). */
    public void attach(Object key, String name, OutputSink sink) {
        SinkWorker worker = new SinkWorker(name, sink, capacity, buffered);
        if (!active) {
            return;
        }
        if (workers.putIfAbsent(key, worker) == null) {
            worker.start();
            refreshSnapshot();
            LOG.log(Level.DEBUG, "output '" + name + "' attached");
        }
    }

    /** Detaches the sink under {@code key}, giving it up to {@code output_timeout} to finish its queue. */
    public void detach(Object key) {
        SinkWorker worker = workers.remove(key);
        if (worker == null) {
            return;
        }
        refreshSnapshot();
        long deadline = System.nanoTime() + timeoutNanos;
        worker.requestStop(deadline);
        try {
            worker.awaitStop(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report(worker.stats());
    }

    private static String nameOf(OutputSink sink, Map<String, Object> properties) {
        Object name = properties.get(OutputSink.OUTPUT);
        if (name instanceof String s && !s.isEmpty()) {
            return s;
        }
        if (name instanceof String[] a && a.length > 0) {
            return a[0];
        }
        return sink.getClass().getSimpleName();
    }

    private synchronized void refreshSnapshot() {
        snapshot = workers.values().toArray(NONE);
    }

    @Override
    public void publish(Alert alert) {
        publish(alert, null);
    }

    @Override
    public void publish(Alert alert, DeliveryListener listener) {
        publish(alert, listener, -1);
    }

    @Override
    public void publishWaiting(Alert alert, DeliveryListener listener, long stallNanos) {
        publish(alert, listener, Math.max(1, stallNanos));
    }

    private void publish(Alert alert, DeliveryListener listener, long stallNanos) {
        boolean internal = FalcoFormat.INTERNAL.equals(alert.source());
        if (!internal && !claimToken()) {
            rateLimited.increment();
            if (listener != null) {
                listener.rateLimited();
            }
            rateLog.log(Level.DEBUG, "Skipping rate-limited notification for rule " + alert.rule()
                    + " (outputs.rate/outputs.max_burst); " + rateLimited.sum() + " skipped so far");
            return;
        }
        fanOut(withHostname(alert), null, listener, stallNanos);
    }

    private boolean claimToken() {
        TokenBucket b = bucket;
        if (b == null) {
            return true;
        }
        synchronized (b) {
            return b.claim(System.nanoTime());
        }
    }

    private Alert withHostname(Alert alert) {
        if (!alert.hostname().isEmpty()) {
            return alert;
        }
        return new Alert(alert.time(), alert.rule(), alert.priority(), alert.source(), alert.tags(), alert.output(),
                alert.outputFields(), hostname);
    }

    /** @param stallNanos negative: never wait (drop at a full queue); else how long a waiting offer tolerates no progress */
    private void fanOut(Alert alert, SinkWorker except, DeliveryListener listener, long stallNanos) {
        SinkWorker[] all = snapshot;
        if (all.length == 0) {
            noSinkLog.log(Level.WARNING, "no output is attached: alert of rule '" + alert.rule() + "' goes nowhere");
            return;
        }
        for (SinkWorker w : all) {
            if (w == except) {
                continue;
            }
            if (stallNanos < 0) {
                w.offer(alert, listener);
            } else {
                offerWaiting(w, alert, listener, stallNanos);
            }
        }
    }

    /**
     * A waiting offer; when the worker stops meanwhile (a new configuration gave its sink a new worker),
     * the alert goes to the sink's current worker; with none (the sink went away, or shutdown), it fails.
     */
    private void offerWaiting(SinkWorker w, Alert alert, DeliveryListener listener, long stallNanos) {
        SinkWorker target = w;
        for (int tries = 0; tries < 3; tries++) {
            if (target.offerWaiting(alert, listener, stallNanos) != SinkWorker.STOPPED) {
                return;
            }
            SinkWorker next = successor(target);
            if (next == null) {
                break;
            }
            target = next;
        }
        target.failStopped(alert, listener);
    }

    /** The running worker that replaced {@code w} for the same sink, or null. */
    private SinkWorker successor(SinkWorker w) {
        for (SinkWorker other : workers.values()) {
            if (other != w && other.sink() == w.sink() && other.running()) {
                return other;
            }
        }
        return null;
    }

    /** Watchdog: reports each delivery that has run longer than {@code output_timeout}, once. */
    private void checkBlocked() {
        long now = System.nanoTime();
        for (SinkWorker w : snapshot) {
            if (w.busyFor(now) > timeoutNanos && w.markSlow()) {
                String message = "\"" + w.name() + "\" output timeout, all output channels are blocked";
                LOG.log(Level.ERROR, message);
                Instant t = Instant.now();
                long ts = t.getEpochSecond() * 1_000_000_000L + t.getNano();
                Alert alert = new Alert(ts, TIMEOUT_RULE, Priority.CRITICAL, FalcoFormat.INTERNAL, List.of(), message,
                        List.of(new OutputField("output", w.name()),
                                new OutputField("output_timeout", Integer.toString(timeoutMillis))),
                        hostname);
                fanOut(alert, w, null, -1);
            }
        }
    }

    @Override
    public boolean drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean all = true;
        for (SinkWorker w : snapshot) {
            all &= w.awaitIdle(deadline);
        }
        return all;
    }

    @Override
    public void reopen() {
        for (SinkWorker w : snapshot) {
            w.requestReopen();
        }
    }

    @Override
    public List<String> sinks() {
        List<String> names = new ArrayList<>();
        for (SinkWorker w : snapshot) {
            names.add(w.name());
        }
        return names;
    }

    @Override
    public List<SinkStats> stats() {
        List<SinkStats> stats = new ArrayList<>();
        for (SinkWorker w : snapshot) {
            stats.add(w.stats());
        }
        return stats;
    }

    @Override
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** Stops every worker, giving each up to {@code output_timeout} to finish its queue; reports losses. */
    @Deactivate
    public void close() {
        stopAll();
    }

    /** Stops every worker and returns their final counters (logged when something was lost). */
    List<SinkStats> stopAll() {
        active = false;
        watchdog.shutdownNow();
        List<SinkWorker> all = new ArrayList<>(workers.values());
        workers.clear();
        refreshSnapshot();
        long deadline = System.nanoTime() + timeoutNanos;
        for (SinkWorker w : all) {
            w.requestStop(deadline);
        }
        List<SinkStats> stats = new ArrayList<>();
        for (SinkWorker w : all) {
            try {
                w.awaitStop(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SinkStats s = w.stats();
            report(s);
            stats.add(s);
        }
        if (rateLimited.sum() > 0) {
            LOG.log(Level.INFO, rateLimited.sum() + " alerts were skipped by outputs.rate/outputs.max_burst");
        }
        return stats;
    }

    private static void report(SinkStats s) {
        if (s.skipped() > 0) {
            LOG.log(Level.INFO, "output '" + s.sink() + "': " + s.skipped() + " alerts not sent, its target is absent");
        }
        if (s.failed() > 0 || s.droppedQueueFull() > 0 || s.slow() > 0) {
            LOG.log(Level.WARNING, "output '" + s.sink() + "': " + s.delivered() + " delivered, " + s.failed() + " failed, "
                    + s.droppedQueueFull() + " dropped (queue full), " + s.slow() + " slow deliveries");
        }
    }
}

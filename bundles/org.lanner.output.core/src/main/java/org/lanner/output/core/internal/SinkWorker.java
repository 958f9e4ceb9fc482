package org.lanner.output.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.lanner.api.output.Alert;
import org.lanner.api.output.DeliveryListener;
import org.lanner.api.output.OutputSink;
import org.lanner.api.output.Priority;
import org.lanner.api.output.SinkStats;
import org.lanner.api.output.TargetAbsentException;

/**
 * One sink's bounded queue and the thread that feeds it. {@link #offer} never blocks: when the queue
 * is full the alert is counted as dropped (live inputs). {@link #offerWaiting} waits for room instead
 * (captures), as long as the sink makes progress; a sink that hands over nothing for the caller's stall
 * time is marked stuck and its alerts count as failed, without waiting, until it moves again. Failures
 * of the sink are counted and logged (throttled), and the thread carries on with the next alert.
 */
final class SinkWorker implements Runnable {

    private static final Logger LOG = System.getLogger("org.lanner.output");
    /**
     * Wakes the thread for a stop or a reopen; never delivered. Offering it to a full queue fails
     * harmlessly: the thread is then busy and sees the request on its next turn.
     */
    private static final Queued WAKE = new Queued(new Alert(0, "", Priority.DEBUG, "", null, "", null, null), null);

    /** An alert in the queue, with whom to tell what became of it (may be null). */
    private record Queued(Alert alert, DeliveryListener listener) {
    }

    private final String name;
    private final OutputSink sink;
    private final ArrayBlockingQueue<Queued> queue;
    private final int capacity;
    private final boolean buffered;
    private final Thread thread;
    private final Object idle = new Object();
    private final AtomicBoolean reopen = new AtomicBoolean();
    /** Alerts accepted and not finished yet (queued or in the sink's hands). */
    private final AtomicLong pending = new AtomicLong();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private final LogThrottle failureLog;
    private final LogThrottle dropLog;
    private final LogThrottle abandonLog;
    private final LogThrottle stuckLog;
    /** How often a waiting offer looks at the worker's state (stopped, stuck). */
    private static final long WAIT_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private volatile boolean running = true;
    private volatile long stopDeadline;
    /** System.nanoTime() when the current delivery started, 0 when the sink is not busy. */
    private volatile long deliveryStart;
    private volatile boolean slowReported;
    /** System.nanoTime() when the sink last finished an alert (or the worker started). */
    private volatile long lastProgress = System.nanoTime();
    /** Waiting offers found the sink making no progress: later ones fail at once until it moves again. */
    private volatile boolean stuck;

    SinkWorker(String name, OutputSink sink, int capacity, boolean buffered) {
        this.name = name;
        this.sink = sink;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.buffered = buffered;
        this.failureLog = new LogThrottle(LOG, TimeUnit.SECONDS.toNanos(10));
        this.dropLog = new LogThrottle(LOG, TimeUnit.SECONDS.toNanos(10));
        this.abandonLog = new LogThrottle(LOG, TimeUnit.SECONDS.toNanos(10));
        this.stuckLog = new LogThrottle(LOG, TimeUnit.SECONDS.toNanos(10));
        this.thread = new Thread(this, "lanner-output-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    OutputSink sink() {
        return sink;
    }

    String name() {
        return name;
    }

    /**
     * Queues the alert; never blocks. False (and counted) when the queue is full or the worker stopped.
     *
     * @param listener told what becomes of the alert here; may be null
     */
    boolean offer(Alert alert, DeliveryListener listener) {
        if (!running) {
            drop(alert, listener);
            return false;
        }
        pending.incrementAndGet();
        if (!queue.offer(new Queued(alert, listener))) {
            pending.decrementAndGet();
            drop(alert, listener);
            return false;
        }
        if (listener != null) {
            listener.queued(name);
        }
        return true;
    }

    /** {@link #offerWaiting}: the alert is queued. */
    static final int QUEUED = 1;
    /** {@link #offerWaiting}: the alert counts as failed here (the sink is stuck, or the wait was interrupted). */
    static final int FAILED = 0;
    /** {@link #offerWaiting}: this worker stopped; nothing was counted, the caller finds the alert another worker or {@link #failStopped}s it. */
    static final int STOPPED = -1;

    /**
     * Queues the alert, waiting for room while the queue is full (back-pressure), as long as the sink
     * finishes some alert at least every {@code stallNanos}. Never drops: an alert that cannot be queued
     * because the sink is stuck counts as failed (queued, then failed, for the listener).
     *
     * @return {@link #QUEUED}, {@link #FAILED} or {@link #STOPPED}
     */
    int offerWaiting(Alert alert, DeliveryListener listener, long stallNanos) {
        Queued q = new Queued(alert, listener);
        pending.incrementAndGet();
        if (running && queue.offer(q)) {
            queued(listener);
            return QUEUED;
        }
        long waitStart = System.nanoTime();
        try {
            while (running) {
                if (stuck) {
                    if (queue.offer(q)) {
                        queued(listener);
                        return QUEUED;
                    }
                    notQueued(q, "it has delivered nothing for " + seconds(stallNanos));
                    return FAILED;
                }
                if (queue.offer(q, WAIT_TICK_NANOS, TimeUnit.NANOSECONDS)) {
                    queued(listener);
                    return QUEUED;
                }
                long now = System.nanoTime();
                if (now - Math.max(lastProgress, waitStart) > stallNanos) {
                    stuck = true;
                    LOG.log(Level.ERROR, "output '" + name + "' has delivered nothing for "
                            + seconds(stallNanos) + " with its queue full: its alerts count as"
                            + " failed, without waiting, until it delivers again");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notQueued(q, "the publishing thread was interrupted while waiting for room");
            return FAILED;
        }
        pending.decrementAndGet();
        signalIfIdle();
        return STOPPED;
    }

    /** Counts as failed here an alert that {@link #offerWaiting} could not queue because the output stopped. */
    void failStopped(Alert alert, DeliveryListener listener) {
        pending.incrementAndGet();
        notQueued(new Queued(alert, listener), "the output stopped");
    }

    boolean running() {
        return running;
    }

    private void queued(DeliveryListener listener) {
        if (listener != null) {
            listener.queued(name);
        }
    }

    /** An alert a waiting offer could not queue: failed, never dropped (a capture promises no drop). */
    private void notQueued(Queued q, String why) {
        pending.decrementAndGet();
        failed.increment();
        if (q.listener() != null) {
            q.listener().queued(name);
            q.listener().failed(name);
        }
        stuckLog.log(Level.ERROR, "output '" + name + "': alert of rule '" + q.alert().rule() + "' not delivered: " + why
                + "; " + failed.sum() + " failed so far");
        signalIfIdle();
    }

    private void drop(Alert alert, DeliveryListener listener) {
        dropped.increment();
        if (listener != null) {
            listener.dropped(name);
        }
        dropLog.log(Level.WARNING, "output '" + name + "': queue full (" + capacity + " alerts), dropped alert of rule '"
                + alert.rule() + "'; " + dropped.sum() + " dropped so far");
    }

    void requestReopen() {
        reopen.set(true);
        queue.offer(WAKE);
    }

    @Override
    public void run() {
        try {
            while (true) {
                if (reopen.getAndSet(false)) {
                    reopenSink();
                }
                Queued next = running ? queue.take() : queue.poll();
                if (next == null) {
                    break;
                }
                if (next == WAKE) {
                    signalIfIdle();
                    continue;
                }
                if (!running && System.nanoTime() - stopDeadline > 0) {
                    pending.decrementAndGet();
                    abandon(next, "the output did not finish in time when it was stopped");
                    break;
                }
                deliver(next);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flushQuietly();
            for (Queued q; (q = queue.poll()) != null;) {
                if (q != WAKE) {
                    pending.decrementAndGet();
                    abandon(q, "the output stopped with it still queued");
                }
            }
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private void deliver(Queued q) {
        Alert alert = q.alert();
        slowReported = false;
        deliveryStart = System.nanoTime() | 1;
        try {
            sink.deliver(alert);
            if (!buffered || queue.isEmpty()) {
                sink.flush();
            }
            delivered.increment();
            if (q.listener() != null) {
                q.listener().delivered(name);
            }
        } catch (TargetAbsentException e) {
            // announced by the sink when it started: a property of the host, not of this alert
            skipped.increment();
            if (q.listener() != null) {
                q.listener().skipped(name);
            }
        } catch (Exception | LinkageError e) {
            failed.increment();
            if (q.listener() != null) {
                q.listener().failed(name);
            }
            failureLog.log(Level.ERROR, "output '" + name + "': could not deliver alert of rule '" + alert.rule() + "': "
                    + describe(e) + "; " + failed.sum() + " failed so far");
        } finally {
            deliveryStart = 0;
            lastProgress = System.nanoTime();
            if (stuck) {
                stuck = false;
                LOG.log(Level.INFO, "output '" + name + "' delivers again: alerts wait for room in its queue again");
            }
            pending.decrementAndGet();
            signalIfIdle();
        }
    }

    private void reopenSink() {
        try {
            sink.reopen();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.ERROR, "output '" + name + "': reopen failed: " + describe(e));
        }
    }

    private void flushQuietly() {
        try {
            sink.flush();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.ERROR, "output '" + name + "': flush failed: " + describe(e));
        }
    }

    private void abandon(Queued q, String why) {
        failed.increment();
        if (q.listener() != null) {
            q.listener().failed(name);
        }
        abandonLog.log(Level.ERROR, "output '" + name + "': alert of rule '" + q.alert().rule() + "' not delivered: " + why
                + "; " + failed.sum() + " failed so far");
    }

    private void signalIfIdle() {
        if (pending.get() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Waits until everything accepted so far has been handled, or the deadline passes. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        synchronized (idle) {
            while (pending.get() > 0 && thread.isAlive()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return pending.get() == 0;
        }
    }

    /** How long the current delivery has been running, 0 when the sink is not busy. */
    long busyFor(long now) {
        long start = deliveryStart;
        return start == 0 ? 0 : now - start;
    }

    /** Counts the current delivery as slow, once. False when it was already reported. */
    boolean markSlow() {
        if (slowReported) {
            return false;
        }
        slowReported = true;
        slow.increment();
        return true;
    }

    /** Asks the thread to finish what is queued until {@code deadlineNanos}, then to stop. */
    void requestStop(long deadlineNanos) {
        stopDeadline = deadlineNanos;
        running = false;
        queue.offer(WAKE);
    }

    /** Waits for the thread to end; interrupts it once the deadline has passed. */
    void awaitStop(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(1000);
        }
        if (thread.isAlive()) {
            long stuck = pending.get();
            LOG.log(Level.ERROR, "output '" + name + "' is blocked and did not stop; its thread is abandoned with "
                    + stuck + " alerts not delivered");
            failed.add(stuck);
            pending.addAndGet(-stuck);
        }
    }

    SinkStats stats() {
        long p = pending.get();
        long queued = Math.max(0, p - (deliveryStart != 0 ? 1 : 0));
        return new SinkStats(name, delivered.sum(), failed.sum(), dropped.sum(), queued, slow.sum(), skipped.sum());
    }

    /** {@code 10 s}, {@code 0.3 s}. */
    private static String seconds(long nanos) {
        return nanos % 1_000_000_000L == 0 ? nanos / 1_000_000_000L + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m + " (" + e.getClass().getSimpleName() + ")";
    }
}

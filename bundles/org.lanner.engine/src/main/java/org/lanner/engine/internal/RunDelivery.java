package org.lanner.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.lanner.api.output.DeliveryListener;
import org.lanner.api.run.OutputCounters;

/**
 * What became of one run's alerts, output by output, and a way to wait until they are all handled.
 * Outputs are shared by runs; each run publishes with its own listener, so its counters and its wait
 * concern only its own alerts.
 */
final class RunDelivery implements DeliveryListener {

    private static final class Counters {
        final LongAdder queued = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder skipped = new LongAdder();

        long pending() {
            // read the completions first: a concurrent completion can only make this overestimate
            long done = delivered.sum() + failed.sum() + skipped.sum();
            return Math.max(0, queued.sum() - done);
        }
    }

    private final Map<String, Counters> byOutput = new ConcurrentHashMap<>();
    private final LongAdder rateLimited = new LongAdder();
    private final Object progress = new Object();
    private long completions;

    private Counters of(String output) {
        return byOutput.computeIfAbsent(output, o -> new Counters());
    }

    /** Makes an output appear in the counters before any alert reached it. */
    void expect(String output) {
        of(output);
    }

    @Override
    public void queued(String output) {
        of(output).queued.increment();
    }

    @Override
    public void delivered(String output) {
        of(output).delivered.increment();
        completed();
    }

    @Override
    public void failed(String output) {
        of(output).failed.increment();
        completed();
    }

    @Override
    public void skipped(String output) {
        of(output).skipped.increment();
        completed();
    }

    @Override
    public void dropped(String output) {
        of(output).dropped.increment();
    }

    @Override
    public void rateLimited() {
        rateLimited.increment();
    }

    private void completed() {
        synchronized (progress) {
            completions++;
            progress.notifyAll();
        }
    }

    long rateLimitedCount() {
        return rateLimited.sum();
    }

    long pending() {
        long n = 0;
        for (Counters c : byOutput.values()) {
            n += c.pending();
        }
        return n;
    }

    List<OutputCounters> counters() {
        List<OutputCounters> list = new ArrayList<>();
        new java.util.TreeMap<>(byOutput).forEach((name, c) -> list.add(
                new OutputCounters(name, c.delivered.sum(), c.failed.sum(), c.dropped.sum(), c.pending(),
                        c.skipped.sum())));
        return list;
    }

    /**
     * Waits until no alert of the run is pending at any output, giving up once {@code stallNanos} pass
     * without any alert being handled (an output that takes a long time but keeps going is waited for;
     * a stuck one is not).
     *
     * @return true when nothing is pending
     */
    boolean awaitHandled(long stallNanos) throws InterruptedException {
        synchronized (progress) {
            long seen = completions;
            long deadline = System.nanoTime() + stallNanos;
            while (pending() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 50_000_000L))));
                if (completions != seen) {
                    seen = completions;
                    deadline = System.nanoTime() + stallNanos;
                }
            }
            return true;
        }
    }
}

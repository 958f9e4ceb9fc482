package org.lanner.api.output;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Fans alerts out to every {@link OutputSink}: one bounded queue and one thread per sink, rate
 * limiting and the priority threshold of the outputs, counters of everything not delivered.
 * {@link #publish} never blocks: it is for live inputs, which cannot wait, and drops (counted) at a
 * full queue. {@link #publishWaiting} is for readers that can wait (a capture file): it applies
 * back-pressure instead.
 */
@ProviderType
public interface AlertPublisher {

    /** Queues the alert for every sink; never blocks the caller. */
    void publish(Alert alert);

    /**
     * Queues the alert for every sink and tells {@code listener} what becomes of it at each one;
     * never blocks the caller.
     */
    void publish(Alert alert, DeliveryListener listener);

    /**
     * Queues the alert for every sink like {@link #publish(Alert, DeliveryListener)}, but where a sink's
     * queue is full, waits for room instead of dropping: back-pressure for a reader that has no real time
     * to keep up with (a capture file). The wait is bounded by progress: a sink that hands over no alert
     * for {@code stallNanos} is taken as stuck, and this alert, as every later one while it stays stuck,
     * counts as {@link DeliveryListener#failed failed} there at once. A sink that stops (it goes away,
     * or the outputs shut down) ends the wait the same way. Never drops.
     *
     * @param stallNanos how long a sink may go without handing over any alert before it counts as stuck
     * @since 1.2
     */
    void publishWaiting(Alert alert, DeliveryListener listener, long stallNanos);

    /**
     * Waits until every queue is empty (end of a replay) or the timeout passes.
     *
     * @return true when everything queued was handed to the sinks
     */
    boolean drain(long timeoutMillis) throws InterruptedException;

    /** Asks every sink to reopen its files or connections. */
    void reopen();

    /** The names of the sinks currently attached. */
    List<String> sinks();

    /** Counters per sink. */
    List<SinkStats> stats();

    /**
     * Alerts not handed to any sink because the {@code outputs.rate}/{@code outputs.max_burst} token
     * bucket refused them (Falco skips them with a debug log; Lanner counts them). Internal alerts are
     * never rate limited.
     */
    long rateLimited();
}

package org.lanner.api.output;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Fans alerts out to every {@link OutputSink}: one bounded queue and one thread per sink, rate
 * limiting and the priority threshold of the outputs, counters of everything not delivered.
 * {@link #publish} never blocks.
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

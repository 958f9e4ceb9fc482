package org.lanner.api.output;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Learns what became of each alert published with it, output by output, so that whoever published
 * (a run) can count and wait for its own alerts while other runs share the same outputs. Each alert
 * ends, for each output attached when it was published, in exactly one of {@link #dropped} or
 * {@link #queued} then {@link #delivered}, {@link #failed} or {@link #skipped}; or, for every output at once,
 * {@link #rateLimited}. Called from the publishing thread and from the outputs' threads: keep it
 * quick and thread-safe.
 */
@ConsumerType
public interface DeliveryListener {

    /** The alert entered the queue of {@code output}. */
    void queued(String output);

    /** {@code output} took the alert. */
    void delivered(String output);

    /** {@code output} failed to deliver the alert, or stopped before it could. */
    void failed(String output);

    /**
     * {@code output} did not send the alert because its target is absent on this host (syslog without a
     * daemon), as it announced when it started. Not a loss. The default counts it as delivered, for listeners
     * written before this method existed.
     */
    default void skipped(String output) {
        delivered(output);
    }

    /** The alert was not queued for {@code output}: its queue was full. */
    void dropped(String output);

    /** The alert went to no output: the outputs' rate limit ({@code outputs.rate}) refused it. */
    void rateLimited();
}

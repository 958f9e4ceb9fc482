package org.lanner.api.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** A run started by {@link Runs#start}. Thread-safe. */
@ProviderType
public interface Run {

    /** Its id, unique among the runs of this engine ({@code 1}, {@code 2}…). */
    String id();

    /** What it was started with. */
    RunSpec spec();

    /** When it started. */
    Instant started();

    /** Its state now. */
    RunState state();

    /** Its counters now (final once it ended). */
    RunSummary summary();

    /**
     * Stops reading; events already read are still evaluated and their alerts delivered. Returns at
     * once; {@link #await} waits for the end.
     */
    void stop();

    /**
     * Waits until the run ended: its inputs ended, failed, reached a limit or were stopped, every
     * event read was evaluated and its alerts were handed to the outputs (or the outputs had
     * {@code output_timeout} to take them).
     */
    RunSummary await() throws InterruptedException;

    /** As {@link #await()}, at most {@code timeout}; empty when the run has not ended by then. */
    Optional<RunSummary> await(Duration timeout) throws InterruptedException;
}

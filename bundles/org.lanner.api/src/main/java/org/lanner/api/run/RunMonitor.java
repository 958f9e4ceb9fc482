package org.lanner.api.run;

import org.lanner.api.source.StreamMonitor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A watcher that a run's client attaches to the run ({@link RunSpec#monitors()}), beside the monitors
 * the sources' policies bring: the command line's statistics file ({@code lanner -s}) is one. For each
 * input, when its stream opens, the engine asks for a {@link StreamMonitor} and then calls it from the
 * input's reading thread the way it calls a policy's monitor: {@code start} before the first read,
 * {@code afterBatch} after every batch with the stream's counters, {@code idle} after every empty read.
 * A monitor that returns a {@link StreamMonitor.Stop} from {@code afterBatch} ends the run as failed with
 * its reason.
 */
@ConsumerType
@FunctionalInterface
public interface RunMonitor {

    /**
     * A monitor of one input's stream; called once per input, on its reading thread, when it opens.
     *
     * @param source the name of the source that opened the input
     * @param input the input as the run's spec gives it
     * @param context what the monitor may do besides answering (alert, log)
     * @return the monitor, or null to leave this input unwatched
     */
    StreamMonitor monitor(String source, InputSpec input, StreamMonitor.Context context);
}

package org.lanner.api.run;

/**
 * What became of a run's alerts at one output.
 *
 * @param output the output's name ({@code stdout}, {@code file}…)
 * @param delivered alerts the output took
 * @param failed alerts the output failed to deliver, or abandoned when it stopped
 * @param dropped alerts not queued because the output's queue was full
 * @param pending alerts still queued or being delivered
 */
public record OutputCounters(String output, long delivered, long failed, long dropped, long pending) {

    /** Alerts lost at this output: failed or dropped. */
    public long lost() {
        return failed + dropped;
    }
}

package org.lanner.api.run;

/**
 * What became of a run's alerts at one output.
 *
 * @param output the output's name ({@code stdout}, {@code file}…)
 * @param delivered alerts the output took
 * @param failed alerts the output failed to deliver, or abandoned when it stopped
 * @param dropped alerts not queued because the output's queue was full
 * @param pending alerts still queued or being delivered
 * @param skipped alerts not sent because the output's target is absent on this host (syslog without a daemon),
 *     announced when the output started; not lost
 */
public record OutputCounters(String output, long delivered, long failed, long dropped, long pending, long skipped) {

    /** Counters with nothing skipped. */
    public OutputCounters(String output, long delivered, long failed, long dropped, long pending) {
        this(output, delivered, failed, dropped, pending, 0);
    }

    /** Alerts lost at this output: failed or dropped. */
    public long lost() {
        return failed + dropped;
    }
}

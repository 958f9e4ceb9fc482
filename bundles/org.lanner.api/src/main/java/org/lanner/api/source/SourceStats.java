package org.lanner.api.source;

/**
 * What a stream saw and lost, in Falco's categories ({@code scap_stats}).
 *
 * @param events events produced by the source
 * @param drops all events lost
 * @param dropsBuffer lost because a buffer was full
 * @param dropsPageFault lost because a page fault prevented reading their data
 * @param dropsBug lost to an invalid condition in the driver
 * @param preemptions times the producer was preempted while writing an event
 */
public record SourceStats(long events, long drops, long dropsBuffer, long dropsPageFault, long dropsBug, long preemptions) {

    /** A source that counts nothing. */
    public static final SourceStats NONE = new SourceStats(0, 0, 0, 0, 0, 0);
}

package org.lanner.api.output;

/**
 * Counters of one sink.
 *
 * @param sink the output name
 * @param delivered alerts handed to the sink successfully
 * @param failed alerts the sink failed to deliver (it threw)
 * @param droppedQueueFull alerts dropped because the sink's queue was full
 * @param queued alerts waiting in the queue now
 * @param slow times a delivery took longer than {@code output_timeout}
 * @param skipped alerts not sent because the output's target is absent on this host ({@link TargetAbsentException})
 */
public record SinkStats(String sink, long delivered, long failed, long droppedQueueFull, long queued, long slow,
        long skipped) {

    /** Counters with nothing skipped. */
    public SinkStats(String sink, long delivered, long failed, long droppedQueueFull, long queued, long slow) {
        this(sink, delivered, failed, droppedQueueFull, queued, slow, 0);
    }
}

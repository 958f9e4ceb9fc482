package org.lanner.output.grpc.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.lanner.output.grpc.internal.proto.outputs.OutputsProto;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One {@code sub} stream: its own bounded queue, filled by the hub whether or not the client reads,
 * and drained into the stream when gRPC's flow control lets it. Nothing is sent before the client's
 * first request (Falco 0.30 waits for it too); after that alerts are pushed as they come. When the
 * client closes its side, what is queued is sent and the stream ends, as in Falco 0.30. Only one
 * thread drains at a time (the work counter), so the observer is never called concurrently.
 */
final class Subscriber implements StreamObserver<OutputsProto.request> {

    private final AlertHub hub;
    private final ServerCallStreamObserver<OutputsProto.response> stream;
    private final ArrayBlockingQueue<OutputsProto.response> queue;
    private final AtomicInteger work = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean started;
    private volatile boolean halfClosed;
    private volatile boolean done;

    Subscriber(AlertHub hub, ServerCallStreamObserver<OutputsProto.response> stream, int capacity) {
        this.hub = hub;
        this.stream = stream;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        stream.setOnReadyHandler(this::drain);
        stream.setOnCancelHandler(this::finish);
    }

    /** Queues an alert; false (and counted) when the subscriber is that far behind. */
    boolean offer(OutputsProto.response response) {
        if (done) {
            return true;
        }
        if (!queue.offer(response)) {
            dropped.increment();
            return false;
        }
        drain();
        return true;
    }

    @Override
    public void onNext(OutputsProto.request request) {
        started = true;
        drain();
    }

    @Override
    public void onError(Throwable t) {
        finish();
    }

    @Override
    public void onCompleted() {
        halfClosed = true;
        started = true;
        drain();
    }

    void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        do {
            if (!done && started) {
                try {
                    OutputsProto.response r;
                    while (stream.isReady() && (r = queue.poll()) != null) {
                        stream.onNext(r);
                        sent.increment();
                    }
                    if (halfClosed && queue.isEmpty()) {
                        finish();
                        stream.onCompleted();
                    }
                } catch (RuntimeException e) {
                    // the call was cancelled under us
                    finish();
                }
            }
        } while (work.decrementAndGet() != 0);
    }

    /** Ends the subscription on the server side (server shutdown). */
    void shutdown() {
        if (!done) {
            finish();
            try {
                stream.onCompleted();
            } catch (RuntimeException e) {
                // already cancelled
            }
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            hub.remove(this);
            queue.clear();
        }
    }

    long sent() {
        return sent.sum();
    }

    long dropped() {
        return dropped.sum();
    }
}

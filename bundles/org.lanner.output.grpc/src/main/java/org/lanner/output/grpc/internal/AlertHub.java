package org.lanner.output.grpc.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.lanner.output.grpc.internal.proto.outputs.OutputsProto;

import io.grpc.stub.ServerCallStreamObserver;

/**
 * Where alerts wait for gRPC clients: one bounded queue per {@code sub} subscriber, so that every
 * subscriber receives every alert (Falco 0.30 shared one queue among all clients, so each alert went
 * to one of them), and one bounded backlog for {@code get}, which keeps the newest alerts.
 */
final class AlertHub {

    private static final Logger LOG = System.getLogger("org.lanner.output");

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ArrayBlockingQueue<OutputsProto.response> backlog;
    private final int subscriberCapacity;
    private final LongAdder subscriberDrops = new LongAdder();
    private final LongAdder backlogDrops = new LongAdder();
    private volatile long lastDropLog;

    AlertHub(int subscriberCapacity, int backlogCapacity) {
        this.subscriberCapacity = Math.max(1, subscriberCapacity);
        this.backlog = new ArrayBlockingQueue<>(Math.max(1, backlogCapacity));
    }

    void publish(OutputsProto.response response) {
        while (!backlog.offer(response)) {
            if (backlog.poll() != null) {
                backlogDrops.increment();
            }
        }
        for (Subscriber s : subscribers) {
            if (!s.offer(response)) {
                subscriberDrops.increment();
                logDrops();
            }
        }
    }

    private void logDrops() {
        long now = System.nanoTime();
        if (now - lastDropLog > 10_000_000_000L) {
            lastDropLog = now;
            LOG.log(Level.WARNING, "gRPC: a subscriber is more than " + subscriberCapacity + " alerts behind; "
                    + subscriberDrops.sum() + " alerts not delivered to slow subscribers so far");
        }
    }

    Subscriber subscribe(ServerCallStreamObserver<OutputsProto.response> stream) {
        Subscriber s = new Subscriber(this, stream, subscriberCapacity);
        subscribers.add(s);
        return s;
    }

    void remove(Subscriber s) {
        subscribers.remove(s);
    }

    /** Everything waiting for {@code get}, oldest first; the backlog is empty afterwards. */
    List<OutputsProto.response> takeBacklog() {
        List<OutputsProto.response> all = new ArrayList<>(backlog.size());
        backlog.drainTo(all);
        return all;
    }

    int subscribers() {
        return subscribers.size();
    }

    long subscriberDrops() {
        return subscriberDrops.sum();
    }

    long backlogDrops() {
        return backlogDrops.sum();
    }

    void shutdown() {
        for (Subscriber s : subscribers) {
            s.shutdown();
        }
    }
}

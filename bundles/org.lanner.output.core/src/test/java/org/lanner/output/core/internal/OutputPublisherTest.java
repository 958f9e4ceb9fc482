package org.lanner.output.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanner.api.output.Alert;
import org.lanner.api.output.DeliveryListener;
import org.lanner.api.output.OutputSink;
import org.lanner.api.output.Priority;
import org.lanner.api.output.SinkStats;
import org.lanner.test.Configs;

class OutputPublisherTest {

    private OutputPublisher publisher;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        if (publisher != null) {
            publisher.close();
        }
    }

    static OutputConfig config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("outputs.rate", 0.0);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Configs.of(OutputConfig.class, m);
    }

    static Alert alert(int i) {
        return new Alert(i, "rule " + i, Priority.WARNING, "syscall", List.of(), "output " + i, List.of(), "h");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    static final class RecordingSink implements OutputSink {
        final List<Alert> alerts = new CopyOnWriteArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();
        final AtomicInteger reopens = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(Alert alert) {
            threads.add(Thread.currentThread().getName());
            alerts.add(alert);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        @Override
        public void reopen() {
            reopens.incrementAndGet();
        }
    }

    final class BlockingSink implements OutputSink {
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger delivered = new AtomicInteger();

        @Override
        public void deliver(Alert alert) throws IOException {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            delivered.incrementAndGet();
        }
    }

    SinkStats stats(String name) {
        return publisher.stats().stream().filter(s -> s.sink().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everySinkGetsEveryAlertInOrderOnItsOwnThread() throws Exception {
        publisher = new OutputPublisher(config(), "h");
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        publisher.attach("a", "a", a);
        publisher.attach("b", "b", b);
        for (int i = 0; i < 500; i++) {
            publisher.publish(alert(i));
        }
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(a.alerts).extracting(Alert::time).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 500).boxed().toList());
        assertThat(b.alerts).hasSize(500);
        assertThat(a.threads).containsOnly("lanner-output-a");
        assertThat(publisher.sinks()).containsExactlyInAnyOrder("a", "b");
        assertThat(stats("a")).isEqualTo(new SinkStats("a", 500, 0, 0, 0, 0));
    }

    @Test
    void blockedSinkNeitherBlocksPublishNorOtherSinksAndCountsDrops() throws Exception {
        publisher = new OutputPublisher(config("outputs_queue.capacity", 10, "output_timeout", 60_000), "h");
        BlockingSink slow = new BlockingSink();
        RecordingSink fast = new RecordingSink();
        publisher.attach("slow", "slow", slow);
        publisher.attach("fast", "fast", fast);
        publisher.publish(alert(0));
        slow.entered.await();
        // liveness guard only: publish must return although one sink holds its thread forever
        for (int i = 1; i <= 100; i++) {
            int n = i + 1;
            // liveness guard only: publish must return although one sink holds its thread forever
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> publisher.publish(alert(n - 1)));
            await(() -> fast.alerts.size() == n, "the fast sink to get alert " + n);
        }
        SinkStats s = stats("slow");
        assertThat(s.droppedQueueFull()).isEqualTo(90);
        assertThat(s.queued()).isEqualTo(10);
        assertThat(s.delivered()).isZero();
        release.countDown();
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("slow")).isEqualTo(new SinkStats("slow", 11, 0, 90, 0, 0));
    }

    @Test
    void failuresAreCountedAndTheSinkCarriesOn() throws Exception {
        publisher = new OutputPublisher(config(), "h");
        AtomicInteger calls = new AtomicInteger();
        publisher.attach("flaky", "flaky", alert -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new IOException("No space left on device");
            }
        });
        for (int i = 0; i < 10; i++) {
            publisher.publish(alert(i));
        }
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("flaky")).isEqualTo(new SinkStats("flaky", 5, 5, 0, 0, 0));
    }

    @Test
    void runtimeExceptionsAndFlushFailuresCountAsFailed() throws Exception {
        publisher = new OutputPublisher(config(), "h");
        publisher.attach("bad", "bad", new OutputSink() {
            @Override
            public void deliver(Alert alert) {
                if (alert.time() == 0) {
                    throw new IllegalStateException("boom");
                }
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("flush failed");
            }
        });
        publisher.publish(alert(0));
        publisher.publish(alert(1));
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("bad").failed()).isEqualTo(2);
    }

    @Test
    void unbufferedFlushesAfterEveryAlert() throws Exception {
        publisher = new OutputPublisher(config("buffered_outputs", false), "h");
        RecordingSink sink = new RecordingSink();
        publisher.attach("s", "s", sink);
        for (int i = 0; i < 50; i++) {
            publisher.publish(alert(i));
        }
        publisher.drain(20_000);
        assertThat(sink.flushes).hasValue(50);
    }

    @Test
    void bufferedFlushesWhenTheQueueRunsEmpty() throws Exception {
        publisher = new OutputPublisher(config("buffered_outputs", true, "output_timeout", 60_000), "h");
        BlockingSink gate = new BlockingSink();
        RecordingSink sink = new RecordingSink();
        // the recording sink sits behind a gate so that 50 alerts are queued when it starts
        publisher.attach("s", "s", new OutputSink() {
            @Override
            public void deliver(Alert alert) throws IOException {
                if (alert.time() == 0) {
                    gate.deliver(alert);
                }
                sink.deliver(alert);
            }

            @Override
            public void flush() {
                sink.flush();
            }
        });
        for (int i = 0; i < 50; i++) {
            publisher.publish(alert(i));
        }
        gate.entered.await();
        release.countDown();
        publisher.drain(20_000);
        assertThat(sink.alerts).hasSize(50);
        assertThat(sink.flushes.get()).isBetween(1, 2);
    }

    @Test
    void tokenBucketLimitsRuleAlertsButNotInternalOnes() throws Exception {
        publisher = new OutputPublisher(config("outputs.rate", 1e-9, "outputs.max_burst", 3), "h");
        RecordingSink sink = new RecordingSink();
        publisher.attach("s", "s", sink);
        for (int i = 0; i < 10; i++) {
            publisher.publish(alert(i));
        }
        publisher.publish(new Alert(99, "Falco internal: syscall event drop", Priority.DEBUG, "internal", null, "x", null, "h"));
        publisher.drain(20_000);
        assertThat(sink.alerts).extracting(Alert::time).containsExactly(0L, 1L, 2L, 99L);
        assertThat(publisher.rateLimited()).isEqualTo(7);
    }

    @Test
    void rateZeroDisablesTheBucket() throws Exception {
        publisher = new OutputPublisher(config("outputs.rate", 0.0, "outputs.max_burst", 1), "h");
        RecordingSink sink = new RecordingSink();
        publisher.attach("s", "s", sink);
        for (int i = 0; i < 20; i++) {
            publisher.publish(alert(i));
        }
        publisher.drain(20_000);
        assertThat(sink.alerts).hasSize(20);
        assertThat(publisher.rateLimited()).isZero();
    }

    @Test
    void blockedSinkIsReportedToTheOthersWithFalcosMessage() throws Exception {
        publisher = new OutputPublisher(config("output_timeout", 100), "node-7");
        BlockingSink slow = new BlockingSink();
        RecordingSink other = new RecordingSink();
        publisher.attach("slow", "program", slow);
        publisher.attach("other", "file", other);
        publisher.publish(alert(1));
        await(() -> other.alerts.size() == 2, "the timeout alert");
        Alert timeout = other.alerts.get(1);
        assertThat(timeout.rule()).isEqualTo(OutputPublisher.TIMEOUT_RULE);
        assertThat(timeout.source()).isEqualTo("internal");
        assertThat(timeout.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(timeout.output()).isEqualTo("\"program\" output timeout, all output channels are blocked");
        assertThat(timeout.hostname()).isEqualTo("node-7");
        assertThat(timeout.outputFields()).extracting(f -> f.name() + "=" + f.value())
                .containsExactly("output=program", "output_timeout=100");
        assertThat(stats("program").slow()).isEqualTo(1);
        release.countDown();
        publisher.drain(20_000);
        assertThat(stats("program").slow()).isEqualTo(1);
        assertThat(other.alerts).hasSize(2);
    }

    @Test
    void reopenRunsOnTheSinkThread() throws Exception {
        publisher = new OutputPublisher(config(), "h");
        RecordingSink sink = new RecordingSink();
        publisher.attach("s", "s", sink);
        publisher.reopen();
        await(() -> sink.reopens.get() == 1, "reopen");
    }

    @Test
    void emptyHostnameIsFilled() throws Exception {
        publisher = new OutputPublisher(config(), "node-1");
        RecordingSink sink = new RecordingSink();
        publisher.attach("s", "s", sink);
        publisher.publish(new Alert(1, "r", Priority.DEBUG, "syscall", null, "o", null, null));
        publisher.publish(new Alert(2, "r", Priority.DEBUG, "syscall", null, "o", null, "other"));
        publisher.drain(20_000);
        assertThat(sink.alerts).extracting(Alert::hostname).containsExactly("node-1", "other");
    }

    @Test
    void detachDeliversWhatIsQueuedFirst() throws Exception {
        publisher = new OutputPublisher(config(), "h");
        RecordingSink sink = new RecordingSink();
        publisher.attach("s", "s", sink);
        for (int i = 0; i < 1000; i++) {
            publisher.publish(alert(i));
        }
        publisher.detach("s");
        assertThat(sink.alerts).hasSize(1000);
        assertThat(publisher.sinks()).isEmpty();
    }

    @Test
    void closeGivesUpOnAStuckSinkAndCountsWhatIsLost() throws Exception {
        publisher = new OutputPublisher(config("output_timeout", 50, "outputs_queue.capacity", 100), "h");
        OutputSink stuck = alert -> {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE); // deliberately deaf to interrupts: a sink that never returns
                } catch (InterruptedException e) {
                    // ignore
                }
            }
        };
        publisher.attach("stuck", "stuck", stuck);
        for (int i = 0; i < 5; i++) {
            publisher.publish(alert(i));
        }
        await(() -> stats("stuck").queued() == 4, "the sink to take the first alert");
        OutputPublisher p = publisher;
        publisher = null;
        List<SinkStats> last = assertTimeoutPreemptively(Duration.ofSeconds(30), p::stopAll);
        assertThat(last).singleElement().satisfies(s -> {
            assertThat(s.delivered()).isZero();
            assertThat(s.failed()).isEqualTo(5);
            assertThat(s.queued()).isZero();
        });
    }

    @Test
    void drainReportsFalseWhileASinkIsBusy() throws Exception {
        publisher = new OutputPublisher(config("output_timeout", 60_000), "h");
        BlockingSink slow = new BlockingSink();
        publisher.attach("slow", "slow", slow);
        publisher.publish(alert(0));
        slow.entered.await();
        assertThat(publisher.drain(50)).isFalse();
        release.countDown();
        assertThat(publisher.drain(20_000)).isTrue();
    }

    /** Counts what became of each alert, as a run does. */
    static final class Outcomes implements DeliveryListener {
        final Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();

        private void count(String what, String output) {
            counts.computeIfAbsent(what + " " + output, k -> new AtomicInteger()).incrementAndGet();
        }

        int get(String what, String output) {
            AtomicInteger n = counts.get(what + " " + output);
            return n == null ? 0 : n.get();
        }

        @Override
        public void queued(String output) {
            count("queued", output);
        }

        @Override
        public void delivered(String output) {
            count("delivered", output);
        }

        @Override
        public void failed(String output) {
            count("failed", output);
        }

        @Override
        public void dropped(String output) {
            count("dropped", output);
        }

        @Override
        public void rateLimited() {
            count("rateLimited", "");
        }
    }

    @Test
    void waitingPublishAppliesBackPressureToASlowSinkAndDropsNothing() throws Exception {
        publisher = new OutputPublisher(config("outputs_queue.capacity", 2, "output_timeout", 60_000), "h");
        RecordingSink fast = new RecordingSink();
        AtomicInteger slowDelivered = new AtomicInteger();
        publisher.attach("slow", "slow", alert -> {
            try {
                Thread.sleep(1); // a slow reader: each alert takes a while, but every one goes through
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowDelivered.incrementAndGet();
        });
        publisher.attach("fast", "fast", fast);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < 500; i++) {
            publisher.publishWaiting(alert(i), outcomes, Duration.ofSeconds(30).toNanos());
        }
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("slow")).isEqualTo(new SinkStats("slow", 500, 0, 0, 0, 0));
        assertThat(stats("fast")).isEqualTo(new SinkStats("fast", 500, 0, 0, 0, 0));
        assertThat(slowDelivered).hasValue(500);
        assertThat(fast.alerts).extracting(Alert::time).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 500).boxed().toList());
        assertThat(outcomes.get("delivered", "slow")).isEqualTo(500);
        assertThat(outcomes.get("dropped", "slow")).isZero();
    }

    @Test
    void waitingPublishGivesUpOnAStuckSinkCountingItsAlertsAsFailedThenWaitsAgainOnceItMoves() throws Exception {
        publisher = new OutputPublisher(config("outputs_queue.capacity", 2, "output_timeout", 60_000), "h");
        BlockingSink stuck = new BlockingSink();
        publisher.attach("stuck", "stuck", stuck);
        Outcomes outcomes = new Outcomes();
        long stall = Duration.ofMillis(300).toNanos();
        publisher.publishWaiting(alert(0), outcomes, stall);
        stuck.entered.await();
        long start = System.nanoTime();
        for (int i = 1; i < 10; i++) {
            publisher.publishWaiting(alert(i), outcomes, stall);
        }
        long took = System.nanoTime() - start;
        // alert 0 in the sink, 1 and 2 queued, 3 waited the stall time, 4..9 failed at once
        assertThat(stats("stuck")).isEqualTo(new SinkStats("stuck", 0, 7, 0, 2, 0));
        assertThat(outcomes.get("failed", "stuck")).isEqualTo(7);
        assertThat(outcomes.get("queued", "stuck")).as("a failed alert was queued then failed for the listener").isEqualTo(10);
        assertThat(outcomes.get("dropped", "stuck")).isZero();
        assertThat(took).as("one stall wait, not one per alert").isLessThan(Duration.ofSeconds(5).toNanos());

        release.countDown();
        assertThat(publisher.drain(20_000)).isTrue();
        for (int i = 10; i < 20; i++) {
            publisher.publishWaiting(alert(i), outcomes, stall);
        }
        assertThat(publisher.drain(20_000)).isTrue();
        assertThat(stats("stuck")).isEqualTo(new SinkStats("stuck", 13, 7, 0, 0, 0));
    }

    @Test
    void aPublisherWaitingForRoomIsReleasedWhenTheOutputsStop() throws Exception {
        publisher = new OutputPublisher(config("outputs_queue.capacity", 1, "output_timeout", 100), "h");
        OutputSink deaf = alert -> {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE); // a sink that never returns
                } catch (InterruptedException e) {
                    // deaf to interrupts on purpose
                }
            }
        };
        publisher.attach("deaf", "deaf", deaf);
        Outcomes outcomes = new Outcomes();
        long forever = Duration.ofHours(1).toNanos();
        publisher.publishWaiting(alert(0), outcomes, forever);
        await(() -> stats("deaf").queued() == 0, "the sink to take the first alert");
        publisher.publishWaiting(alert(1), outcomes, forever);
        CountDownLatch waiting = new CountDownLatch(1);
        Thread lane = new Thread(() -> {
            waiting.countDown();
            publisher.publishWaiting(alert(2), outcomes, forever);
        });
        lane.start();
        waiting.await();
        await(() -> lane.getState() == Thread.State.TIMED_WAITING, "the publisher to wait for room");
        OutputPublisher p = publisher;
        List<SinkStats> last = assertTimeoutPreemptively(Duration.ofSeconds(30), p::stopAll);
        lane.join(30_000);
        assertThat(lane.isAlive()).as("the waiting publisher returned").isFalse();
        assertThat(last).singleElement().satisfies(s -> {
            assertThat(s.delivered()).isZero();
            assertThat(s.failed()).isEqualTo(3);
            assertThat(s.droppedQueueFull()).isZero();
        });
        // the listener hears of alert 2, the one that waited; 0 and 1 stay with the abandoned thread (counted above)
        assertThat(outcomes.get("failed", "deaf")).isEqualTo(1);
        publisher = null;
    }

    @Test
    void anAlertWaitingForRoomMovesToTheNewQueueWhenTheConfigurationChanges() throws Exception {
        publisher = new OutputPublisher(config("outputs_queue.capacity", 1, "output_timeout", 60_000), "h");
        BlockingSink slow = new BlockingSink();
        publisher.attach("s", "s", slow);
        Outcomes outcomes = new Outcomes();
        long stall = Duration.ofSeconds(60).toNanos();
        publisher.publishWaiting(alert(0), outcomes, stall);
        slow.entered.await();
        publisher.publishWaiting(alert(1), outcomes, stall);
        Thread lane = new Thread(() -> publisher.publishWaiting(alert(2), outcomes, stall));
        lane.start();
        await(() -> lane.getState() == Thread.State.TIMED_WAITING, "the publisher to wait for room");
        publisher.modified(config("outputs_queue.capacity", 5, "output_timeout", 60_000));
        lane.join(30_000);
        assertThat(lane.isAlive()).as("the waiting alert found room in the new queue").isFalse();
        release.countDown();
        await(() -> outcomes.get("delivered", "s") == 3, "every alert delivered");
        assertThat(outcomes.get("failed", "s")).isZero();
        assertThat(outcomes.get("dropped", "s")).isZero();
    }
}

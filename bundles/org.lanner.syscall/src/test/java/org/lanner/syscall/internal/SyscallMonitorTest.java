package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceStats;
import org.lanner.api.source.StreamMonitor;
import org.lanner.scap.internal.ScapEventStream;
import org.lanner.test.SharedData;

/**
 * The drop monitor against Falco 0.30's {@code syscall_evt_drop_mgr}: a check at the first event
 * more than a second after the previous check, whatever the batches; simulated drops on a capture;
 * the driver's counters on a live stream; the token bucket; each action's text.
 */
class SyscallMonitorTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_470_327_477_881_781_397L;
    private static final String MSG = "Falco internal: syscall event drop. 1 system calls dropped in last second.";

    /** What the monitor said and raised. */
    static final class Recorded implements StreamMonitor.Context {
        final String input;
        final List<String> log = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();

        Recorded(String input) {
            this.input = input;
        }

        @Override
        public String input() {
            return input;
        }

        @Override
        public void alert(Alert alert) {
            alerts.add(alert);
        }

        @Override
        public void log(Level level, String message) {
            log.add(level + " " + message);
        }

        long count(String line) {
            return log.stream().filter(line::equals).count();
        }
    }

    private static SyscallMonitor.Settings simulate(String... actions) {
        return new SyscallMonitor.Settings(List.of(actions), 0.1, 0.03333, 10, true, 1000);
    }

    // ---- Falco 0.30's regression suite: ping_sendto.scap with drops_*.yaml ------------------------

    @ParameterizedTest
    @ValueSource(ints = {16_384, 100, 1})
    void theSuitesCaptureHasNineSimulatedDropsWhateverTheBatches(int batchEvents) throws Exception {
        Path capture = SharedData.require("falco-0.30.0-suite/test/trace_files/ping_sendto.scap");
        Recorded ctx = new Recorded(EventSource.INPUT_FILE);
        SyscallMonitor m = new SyscallMonitor(simulate("log"), ctx);

        assertThat(replay(capture, batchEvents, m)).isNull();

        // monitor_syscall_drops_log: "event drop detected: 9 occurrences", "num times actions taken: 9"
        assertThat(m.dropOccurrences()).isEqualTo(9);
        assertThat(m.actionsTaken()).isEqualTo(9);
        assertThat(ctx.count("INFO Simulating syscall event drop")).isEqualTo(9);
        assertThat(ctx.count("DEBUG " + MSG)).isEqualTo(9);
        assertThat(ctx.alerts).isEmpty();
    }

    @Test
    void exitStopsAtTheFirstActionOfTheSuitesCapture() throws Exception {
        Path capture = SharedData.require("falco-0.30.0-suite/test/trace_files/ping_sendto.scap");
        Recorded ctx = new Recorded(EventSource.INPUT_FILE);
        SyscallMonitor m = new SyscallMonitor(simulate("exit"), ctx);

        EventBatch b = new EventBatch(4 << 20, 16_384);
        try (EventStream s = ScapEventStream.open(capture.toString(), id -> null)) {
            while (b.size() == 0) {
                assertThat(s.nextBatch(b)).isNotEqualTo(EventStream.EOF);
            }
            StreamMonitor.Stop stop = m.afterBatch(b, b.size(), s.stats());
            assertThat(stop.reason()).isEqualTo("system call events were dropped and syscall_event_drops.actions has exit");
            // it stops at the first event more than a second after the first one: the rules do not see it
            int first = 0;
            while (b.timestamp(first) <= b.timestamp(0) + SECOND) {
                first++;
            }
            assertThat(stop.index()).isEqualTo(first).isBetween(1, b.size() - 1);
        }

        // monitor_syscall_drops_exit: 1 occurrence, 1 action, the message and "Exiting." logged
        assertThat(m.dropOccurrences()).isEqualTo(1);
        assertThat(m.actionsTaken()).isEqualTo(1);
        assertThat(ctx.log).containsExactly("INFO Simulating syscall event drop", "ERROR " + MSG, "ERROR Exiting.");
    }

    /** Feeds a capture to the monitor as the engine's reader does; the reason it stopped, or null. */
    private static StreamMonitor.Stop replay(Path capture, int batchEvents, SyscallMonitor m) throws Exception {
        try (EventStream s = ScapEventStream.open(capture.toString(), id -> null)) {
            EventBatch b = new EventBatch(4 << 20, batchEvents);
            m.start(s.stats());
            while (true) {
                b.clear();
                int n = s.nextBatch(b);
                if (n == EventStream.EOF) {
                    return null;
                }
                if (n < 0 || b.size() == 0) {
                    continue;
                }
                StreamMonitor.Stop stop = m.afterBatch(b, b.size(), s.stats());
                if (stop != null) {
                    return stop;
                }
            }
        }
    }

    // ---- when a check happens --------------------------------------------------------------------

    @Test
    void aCheckComesAtTheFirstEventMoreThanASecondAfterThePreviousOne() {
        Recorded ctx = new Recorded(EventSource.INPUT_FILE);
        SyscallMonitor m = new SyscallMonitor(simulate("ignore"), ctx);
        // first event: next check after T0+1s; exactly 1 s later is not more than a second
        assertThat(m.afterBatch(batch(T0, T0 + SECOND / 2, T0 + SECOND), 3, SourceStats.NONE)).isNull();
        assertThat(m.dropOccurrences()).isZero();
        // T0+1.1s: a check; the next is after T0+2.1s
        m.afterBatch(batch(T0 + SECOND + SECOND / 10, T0 + 2 * SECOND), 2, SourceStats.NONE);
        assertThat(m.dropOccurrences()).isEqualTo(1);
        m.afterBatch(batch(T0 + 2 * SECOND + SECOND / 5), 1, SourceStats.NONE);
        assertThat(m.dropOccurrences()).isEqualTo(2);
        // ignore takes no action but the action counts, as in Falco
        assertThat(m.actionsTaken()).isEqualTo(2);
        assertThat(ctx.log).containsExactly("INFO Simulating syscall event drop", "INFO Simulating syscall event drop");
    }

    @Test
    void oneBatchOrManyGiveTheSameChecks() {
        long[] times = new long[40];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0 + i * (SECOND / 4) + 7;
        }
        SyscallMonitor whole = new SyscallMonitor(simulate("log"), new Recorded(EventSource.INPUT_FILE));
        whole.afterBatch(batch(times), times.length, SourceStats.NONE);
        SyscallMonitor single = new SyscallMonitor(simulate("log"), new Recorded(EventSource.INPUT_FILE));
        for (long t : times) {
            single.afterBatch(batch(t), 1, SourceStats.NONE);
        }
        // 10 s of events, a check every 1.25 s after the first second: 7 of them
        assertThat(whole.dropOccurrences()).isEqualTo(7);
        assertThat(single.dropOccurrences()).isEqualTo(7);
    }

    @Test
    void onlyTheEventsTheRunTakesCount() {
        SyscallMonitor m = new SyscallMonitor(simulate("log"), new Recorded(EventSource.INPUT_FILE));
        // -M cut the batch after its first two events: the third, 5 s later, is not read
        m.afterBatch(batch(T0, T0 + 1, T0 + 5 * SECOND), 2, SourceStats.NONE);
        assertThat(m.dropOccurrences()).isZero();
    }

    // ---- counters ----------------------------------------------------------------------------------

    @Test
    void aCapturesCountersAreNotADriversAndFindNoDrops() {
        // the capture reader counts plugin events it skipped as drops; Falco's counters of a file are all 0
        Recorded ctx = new Recorded(EventSource.INPUT_FILE);
        SyscallMonitor m = new SyscallMonitor(new SyscallMonitor.Settings(List.of("log", "alert"), 0.1, 1, 10, false, 1000), ctx);
        m.start(SourceStats.NONE);
        m.afterBatch(batch(T0), 1, new SourceStats(10, 5, 0, 0, 0, 0));
        m.afterBatch(batch(T0 + 2 * SECOND), 1, new SourceStats(100, 50, 0, 0, 0, 0));
        assertThat(m.dropOccurrences()).isZero();
        assertThat(ctx.log).isEmpty();
        assertThat(ctx.alerts).isEmpty();
    }

    @Test
    void aLiveStreamActsOnTheDriversDropsAboveTheThreshold() {
        Recorded ctx = new Recorded(EventSource.INPUT_LIVE);
        SyscallMonitor m = new SyscallMonitor(new SyscallMonitor.Settings(List.of("alert"), 0.1, 1, 10, false, 1000), ctx);
        m.start(new SourceStats(1000, 0, 0, 0, 0, 0));
        m.afterBatch(batch(T0), 1, new SourceStats(1000, 0, 0, 0, 0, 0));
        // 900 events and 100 dropped: a share of 0.1, not above the threshold
        m.afterBatch(batch(T0 + 2 * SECOND), 1, new SourceStats(1900, 100, 100, 0, 0, 3));
        assertThat(m.dropOccurrences()).isZero();
        // 800 events and 200 dropped: 0.2
        m.afterBatch(batch(T0 + 4 * SECOND), 1, new SourceStats(2700, 300, 250, 30, 20, 3));
        assertThat(m.dropOccurrences()).isEqualTo(1);
        assertThat(m.actionsTaken()).isEqualTo(1);
        assertThat(ctx.alerts).singleElement().satisfies(a -> {
            assertThat(a.time()).isEqualTo(T0 + 4 * SECOND);
            assertThat(a.rule()).isEqualTo("Falco internal: syscall event drop");
            assertThat(a.priority()).isEqualTo(Priority.DEBUG);
            assertThat(a.source()).isEqualTo("internal");
            assertThat(a.output()).isEqualTo("Falco internal: syscall event drop. 200 system calls dropped in last second.");
            assertThat(a.outputFields()).containsExactly(new OutputField("ebpf_enabled", "1"), new OutputField("n_drops", "200"),
                    new OutputField("n_drops_buffer", "150"), new OutputField("n_drops_bug", "20"), new OutputField("n_drops_pf", "30"),
                    new OutputField("n_evts", "800"));
        });
    }

    @Test
    void aSimulatedDropOnACaptureAlertsWithFalcosFieldsOfAFile() {
        Recorded ctx = new Recorded(EventSource.INPUT_FILE);
        SyscallMonitor m = new SyscallMonitor(simulate("alert"), ctx);
        m.afterBatch(batch(T0, T0 + 3 * SECOND), 2, new SourceStats(2, 0, 0, 0, 0, 0));
        assertThat(ctx.alerts).singleElement().satisfies(a -> {
            assertThat(a.output()).isEqualTo(MSG);
            assertThat(a.outputFields()).containsExactly(new OutputField("ebpf_enabled", "0"), new OutputField("n_drops", "1"),
                    new OutputField("n_drops_buffer", "0"), new OutputField("n_drops_bug", "0"), new OutputField("n_drops_pf", "0"),
                    new OutputField("n_evts", "0"));
        });
        // alert alone logs nothing about the drop (only the simulation notice)
        assertThat(ctx.log).containsExactly("INFO Simulating syscall event drop");
    }

    // ---- token bucket and actions ------------------------------------------------------------------

    @Test
    void theTokenBucketLimitsActionsNotOccurrences() {
        Recorded ctx = new Recorded(EventSource.INPUT_FILE);
        // Falco 0.30's defaults: one action at once, then one every 30 s
        SyscallMonitor m = new SyscallMonitor(new SyscallMonitor.Settings(List.of("log"), 0.1, 0.03333, 1, true, 1000), ctx);
        long[] times = new long[62];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0 + i * (SECOND + SECOND / 100);
        }
        m.afterBatch(batch(times), times.length, SourceStats.NONE);
        // a check at each event after the first: 61; actions at the first, then ~30.3 s and ~60.6 s later
        assertThat(m.dropOccurrences()).isEqualTo(61);
        assertThat(m.actionsTaken()).isEqualTo(3);
        assertThat(ctx.count("DEBUG " + MSG)).isEqualTo(3);
        assertThat(ctx.count("DEBUG Syscall event drop but token bucket depleted, skipping actions")).isEqualTo(58);
    }

    @Test
    void actionsAreTakenInFalcosOrderWithExitLast() {
        Recorded ctx = new Recorded(EventSource.INPUT_FILE);
        SyscallMonitor m = new SyscallMonitor(simulate("exit", "alert", "log"), ctx);
        StreamMonitor.Stop stop = m.afterBatch(batch(T0, T0 + 1, T0 + 2 * SECOND, T0 + 4 * SECOND), 4, SourceStats.NONE);
        // the rules see the two events before the check, not the one that found the drop
        assertThat(stop.index()).isEqualTo(2);
        assertThat(ctx.log).containsExactly("INFO Simulating syscall event drop", "DEBUG " + MSG, "ERROR " + MSG, "ERROR Exiting.");
        assertThat(ctx.alerts).hasSize(1);
        // it stopped at the first check: the event 4 s later was not looked at
        assertThat(m.dropOccurrences()).isEqualTo(1);
    }

    @Test
    void noActionsMeansIgnore() {
        Recorded ctx = new Recorded(EventSource.INPUT_FILE);
        SyscallMonitor m = new SyscallMonitor(simulate(), ctx);
        assertThat(m.afterBatch(batch(T0, T0 + 2 * SECOND), 2, SourceStats.NONE)).isNull();
        assertThat(m.actionsTaken()).isEqualTo(1);
        assertThat(ctx.log).containsExactly("INFO Simulating syscall event drop");
        assertThat(ctx.alerts).isEmpty();
    }

    /** A batch of minimal records (header only) at the given times. */
    private static EventBatch batch(long... times) {
        EventBatch b = new EventBatch(Event.HEADER_SIZE * Math.max(1, times.length), Math.max(1, times.length));
        ByteBuffer r = ByteBuffer.allocate(Event.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (long t : times) {
            r.clear();
            r.putLong(t).putLong(1).putInt(Event.HEADER_SIZE).putShort((short) 1).putInt(0);
            b.add(r.array(), 0, Event.HEADER_SIZE, 0, 0);
        }
        return b;
    }
}

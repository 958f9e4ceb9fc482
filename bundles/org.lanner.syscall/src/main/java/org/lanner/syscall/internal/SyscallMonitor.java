package org.lanner.syscall.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.api.source.SourceStats;
import org.lanner.api.source.StreamMonitor;
import org.lanner.common.EventTime;
import org.lanner.common.TokenBucket;

/**
 * Falco's watch over a system-call stream ({@code process_events} and {@code syscall_evt_drop_mgr}):
 * <ul>
 * <li>the drop monitor: once a second of event time, compares the stream's counters with the
 *     previous check; when the share of dropped events is above {@code syscall_event_drops.threshold}
 *     and the token bucket allows, takes the configured actions (ignore, log, alert, exit);</li>
 * <li>the timeouts notification: after {@code syscall_event_timeouts.max_consecutives} reads in a row
 *     that found nothing, a debug alert, then the count starts again.</li>
 * </ul>
 */
final class SyscallMonitor implements StreamMonitor {

    static final String DROP_RULE = "Falco internal: syscall event drop";
    static final String TIMEOUT_RULE = "Falco internal: timeouts notification";
    private static final long SECOND = 1_000_000_000L;

    /**
     * The settings of lanner.yaml's {@code syscall_event_drops} and {@code syscall_event_timeouts}.
     *
     * @param actions ignore, log, alert, exit
     * @param threshold act only above this share of dropped events in a second
     * @param rate actions per second (token bucket)
     * @param maxBurst actions in a burst (token bucket size)
     * @param simulate pretend events are dropped every second
     * @param maxTimeouts empty reads in a row before the timeouts notification
     */
    record Settings(List<String> actions, double threshold, double rate, double maxBurst, boolean simulate, long maxTimeouts) {
    }

    private final List<String> actions;
    private final double threshold;
    private final boolean simulate;
    private final TokenBucket bucket;
    private final long maxTimeouts;
    private final Context context;
    private long nextCheck;
    private SourceStats last = SourceStats.NONE;
    private long occurrences;
    private long actionsTaken;
    private long firstEventTime;
    private long timeoutsInARow;

    SyscallMonitor(Settings settings, Context context) {
        this.actions = settings.actions().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        this.threshold = settings.simulate() ? 0 : settings.threshold();
        this.simulate = settings.simulate();
        this.bucket = new TokenBucket(settings.rate(), settings.maxBurst());
        this.maxTimeouts = settings.maxTimeouts();
        this.context = context;
    }

    @Override
    public void start(SourceStats initial) {
        last = initial;
    }

    @Override
    public String afterBatch(long firstTime, long lastTime, SourceStats now) {
        timeoutsInARow = 0;
        if (firstEventTime == 0) {
            firstEventTime = firstTime;
        }
        if (nextCheck == 0) {
            nextCheck = lastTime + SECOND;
            return null;
        }
        if (lastTime <= nextCheck) {
            return null;
        }
        nextCheck = lastTime + SECOND;
        long events = now.events() - last.events();
        long drops = now.drops() - last.drops();
        long buffer = now.dropsBuffer() - last.dropsBuffer();
        long pf = now.dropsPageFault() - last.dropsPageFault();
        long bug = now.dropsBug() - last.dropsBug();
        last = now;
        if (simulate) {
            context.log(Level.INFO, "Simulating syscall event drop");
            drops++;
        }
        if (drops <= 0) {
            return null;
        }
        double ratio = (double) drops / (drops + events);
        if (ratio <= threshold) {
            return null;
        }
        occurrences++;
        if (!bucket.claim(lastTime)) {
            context.log(Level.DEBUG, "Syscall event drop but token bucket depleted, skipping actions");
            return null;
        }
        actionsTaken++;
        String msg = DROP_RULE + ". " + drops + " system calls dropped in last second.";
        boolean exit = false;
        for (String a : actions) {
            switch (a) {
                case "log" -> context.log(Level.DEBUG, msg);
                case "alert" -> context.alert(new Alert(lastTime, DROP_RULE, Priority.DEBUG, "internal", List.of(), msg,
                        List.of(new OutputField("ebpf_enabled", "1"), new OutputField("n_drops", Long.toString(drops)),
                                new OutputField("n_drops_buffer", Long.toString(buffer)), new OutputField("n_drops_bug", Long.toString(bug)),
                                new OutputField("n_drops_pf", Long.toString(pf)), new OutputField("n_evts", Long.toString(events))),
                        null));
                case "exit" -> exit = true;
                default -> {
                    // "ignore", and nothing else reaches here: the configuration validated the names
                }
            }
        }
        if (exit) {
            context.log(Level.ERROR, msg);
            context.log(Level.ERROR, "Exiting.");
            return "too many system call events dropped (syscall_event_drops action exit)";
        }
        return null;
    }

    @Override
    public void idle() {
        if (++timeoutsInARow > maxTimeouts) {
            timeoutsInARow = 0;
            String msg = TIMEOUT_RULE + ". " + maxTimeouts + " consecutive timeouts without event.";
            // Falco names the time of the stream's first event "last_event_time", as a time of day
            String first = firstEventTime == 0 ? "none" : EventTime.LOCAL.clock(firstEventTime, true);
            java.time.Instant t = java.time.Instant.now();
            context.alert(new Alert(t.getEpochSecond() * SECOND + t.getNano(), TIMEOUT_RULE, Priority.DEBUG, "internal", List.of(), msg,
                    List.of(new OutputField("last_event_time", first)), null));
        }
    }

    @Override
    public long dropOccurrences() {
        return occurrences;
    }

    @Override
    public long actionsTaken() {
        return actionsTaken;
    }
}

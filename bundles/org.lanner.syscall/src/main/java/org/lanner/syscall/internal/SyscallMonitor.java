package org.lanner.syscall.internal;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.lanner.api.event.EventBatch;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.SourceStats;
import org.lanner.api.source.StreamMonitor;
import org.lanner.common.EventTime;
import org.lanner.common.TokenBucket;

/**
 * Falco's watch over a system-call stream ({@code process_events} and {@code syscall_evt_drop_mgr}):
 * <ul>
 * <li>the drop monitor: at the first event more than a second (of event time) after the previous
 *     check, compares the stream's counters with those of that check; when the share of dropped
 *     events is above {@code syscall_event_drops.threshold} and the token bucket allows, takes the
 *     configured actions (ignore, log, alert, exit). With {@code simulate_drops} every check counts
 *     one dropped event more and the threshold is 0, live or on a capture. A capture has no driver
 *     behind it: as in Falco, its counters are all zero, so only simulated drops are found there;</li>
 * <li>the timeouts notification: after {@code syscall_event_timeouts.max_consecutives} reads in a row
 *     that found nothing, a debug alert, then the count starts again.</li>
 * </ul>
 */
final class SyscallMonitor implements StreamMonitor {

    static final String DROP_RULE = "Falco internal: syscall event drop";
    static final String TIMEOUT_RULE = "Falco internal: timeouts notification";
    private static final long SECOND = 1_000_000_000L;

    /** The drop actions, in the order Falco takes them (it keeps them in an ordered set). */
    enum Action {
        IGNORE, LOG, ALERT, EXIT
    }

    /**
     * The settings of lanner.yaml's {@code syscall_event_drops} and {@code syscall_event_timeouts}.
     *
     * @param actions ignore, log, alert, exit
     * @param threshold act only above this share of dropped events in a second
     * @param rate actions per second (token bucket)
     * @param maxBurst actions in a burst (token bucket size)
     * @param simulate pretend one event is dropped at every check
     * @param maxTimeouts empty reads in a row before the timeouts notification
     */
    record Settings(List<String> actions, double threshold, double rate, double maxBurst, boolean simulate, long maxTimeouts) {
    }

    private final Set<Action> actions = EnumSet.noneOf(Action.class);
    private final double threshold;
    private final boolean simulate;
    private final TokenBucket bucket;
    private final long maxTimeouts;
    private final Context context;
    /** Whether the counters come from a driver (live); Lanner's only driver is the eBPF probe. */
    private final boolean driver;
    private long nextCheck;
    private SourceStats last = SourceStats.NONE;
    private long occurrences;
    private long actionsTaken;
    private long firstEventTime;
    private long timeoutsInARow;

    SyscallMonitor(Settings settings, Context context) {
        for (String a : settings.actions()) {
            try {
                actions.add(Action.valueOf(a.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                // lanner.yaml is checked before it gets here; a configuration edited by hand in Karaf is not
                context.log(Level.WARNING, "Ignoring unknown syscall_event_drops action '" + a + "'");
            }
        }
        if (actions.isEmpty()) {
            actions.add(Action.IGNORE);
        }
        this.threshold = settings.simulate() ? 0 : settings.threshold();
        this.simulate = settings.simulate();
        this.bucket = new TokenBucket(settings.rate(), settings.maxBurst());
        this.maxTimeouts = settings.maxTimeouts();
        this.context = context;
        this.driver = EventSource.INPUT_LIVE.equals(context.input());
    }

    @Override
    public void start(SourceStats initial) {
        last = counters(initial);
    }

    @Override
    public Stop afterBatch(EventBatch batch, int size, SourceStats stats) {
        timeoutsInARow = 0;
        if (firstEventTime == 0 && size > 0) {
            firstEventTime = batch.timestamp(0);
        }
        for (int i = 0; i < size; i++) {
            long t = batch.timestamp(i);
            if (nextCheck == 0) {
                nextCheck = t + SECOND;
            } else if (nextCheck < t) {
                nextCheck = t + SECOND;
                String stop = check(t, stats);
                if (stop != null) {
                    // Falco stops before this event reaches the rules
                    return new Stop(i, stop);
                }
            }
        }
        return null;
    }

    /** A check at event time {@code now}: Falco's {@code syscall_evt_drop_mgr::process_event} once a second has passed. */
    private String check(long now, SourceStats stats) {
        SourceStats current = counters(stats);
        long events = current.events() - last.events();
        long drops = current.drops() - last.drops();
        long buffer = current.dropsBuffer() - last.dropsBuffer();
        long pf = current.dropsPageFault() - last.dropsPageFault();
        long bug = current.dropsBug() - last.dropsBug();
        last = current;
        if (simulate) {
            context.log(Level.INFO, "Simulating syscall event drop");
            drops++;
        }
        if (drops <= 0) {
            return null;
        }
        // the events counted do not include the dropped ones
        double ratio = (double) drops / (drops + events);
        if (ratio <= threshold) {
            return null;
        }
        occurrences++;
        if (!bucket.claim(now)) {
            context.log(Level.DEBUG, "Syscall event drop but token bucket depleted, skipping actions");
            return null;
        }
        actionsTaken++;
        String msg = DROP_RULE + ". " + drops + " system calls dropped in last second.";
        for (Action a : actions) {
            switch (a) {
                case LOG -> context.log(Level.DEBUG, msg);
                case ALERT -> context.alert(new Alert(now, DROP_RULE, Priority.DEBUG, "internal", List.of(), msg,
                        List.of(new OutputField("ebpf_enabled", driver ? "1" : "0"), new OutputField("n_drops", Long.toString(drops)),
                                new OutputField("n_drops_buffer", Long.toString(buffer)), new OutputField("n_drops_bug", Long.toString(bug)),
                                new OutputField("n_drops_pf", Long.toString(pf)), new OutputField("n_evts", Long.toString(events))),
                        null));
                case IGNORE, EXIT -> {
                    // ignore does nothing; exit comes after the others
                }
            }
        }
        if (actions.contains(Action.EXIT)) {
            // Falco logs both lines as critical, the highest level Lanner's log has is error
            context.log(Level.ERROR, msg);
            context.log(Level.ERROR, "Exiting.");
            return "system call events were dropped and syscall_event_drops.actions has exit";
        }
        return null;
    }

    /** The counters the checks compare: the driver's, or none for a capture (Falco's {@code scap_get_stats} of a file). */
    private SourceStats counters(SourceStats stats) {
        return driver ? stats : SourceStats.NONE;
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

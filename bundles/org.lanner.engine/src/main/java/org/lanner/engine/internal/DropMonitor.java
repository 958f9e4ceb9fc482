package org.lanner.engine.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.api.source.SourceStats;
import org.lanner.common.TokenBucket;

/**
 * Falco's syscall event drop monitor: once a second of event time, compares the source's counters
 * with the previous check; when the share of dropped events is above the threshold and the token
 * bucket allows, takes the configured actions (ignore, log, alert, exit).
 */
final class DropMonitor {

    static final String RULE = "Falco internal: syscall event drop";
    private static final long SECOND = 1_000_000_000L;

    private final List<String> actions;
    private final double threshold;
    private final boolean simulate;
    private final TokenBucket bucket;
    private final String hostname;
    private final Consumer<String> log;
    private final Consumer<Alert> alerts;
    private long nextCheck;
    private SourceStats last = SourceStats.NONE;
    private long occurrences;
    private long actionsTaken;

    DropMonitor(List<String> actions, double threshold, double rate, double maxBurst, boolean simulate, String hostname,
            Consumer<String> log, Consumer<Alert> alerts) {
        this.actions = actions.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        this.threshold = simulate ? 0 : threshold;
        this.simulate = simulate;
        this.bucket = new TokenBucket(rate, maxBurst);
        this.hostname = hostname;
        this.log = log;
        this.alerts = alerts;
    }

    void start(SourceStats initial) {
        last = initial;
    }

    /**
     * Called with the time of the latest event and the source's current counters.
     *
     * @return false when the exit action asks the run to stop
     */
    boolean check(long eventTime, SourceStats now) {
        if (nextCheck == 0) {
            nextCheck = eventTime + SECOND;
            return true;
        }
        if (eventTime <= nextCheck) {
            return true;
        }
        nextCheck = eventTime + SECOND;
        long events = now.events() - last.events();
        long drops = now.drops() - last.drops();
        long buffer = now.dropsBuffer() - last.dropsBuffer();
        long pf = now.dropsPageFault() - last.dropsPageFault();
        long bug = now.dropsBug() - last.dropsBug();
        last = now;
        if (simulate) {
            log.accept("Simulating syscall event drop");
            drops++;
        }
        if (drops <= 0) {
            return true;
        }
        double ratio = (double) drops / (drops + events);
        if (ratio <= threshold) {
            return true;
        }
        occurrences++;
        if (!bucket.claim(eventTime)) {
            return true;
        }
        actionsTaken++;
        String msg = RULE + ". " + drops + " system calls dropped in last second.";
        boolean exit = false;
        for (String a : actions) {
            switch (a) {
                case "log" -> log.accept(msg);
                case "alert" -> alerts.accept(new Alert(eventTime, RULE, Priority.DEBUG, "internal", List.of(), msg,
                        List.of(new OutputField("ebpf_enabled", "1"), new OutputField("n_drops", Long.toString(drops)),
                                new OutputField("n_drops_buffer", Long.toString(buffer)), new OutputField("n_drops_bug", Long.toString(bug)),
                                new OutputField("n_drops_pf", Long.toString(pf)), new OutputField("n_evts", Long.toString(events))),
                        hostname));
                case "exit" -> exit = true;
                default -> {
                    // "ignore", and nothing else reaches here: the configuration validated the names
                }
            }
        }
        if (exit) {
            log.accept(msg);
            log.accept("Exiting.");
            return false;
        }
        return true;
    }

    long occurrences() {
        return occurrences;
    }

    long actionsTaken() {
        return actionsTaken;
    }
}

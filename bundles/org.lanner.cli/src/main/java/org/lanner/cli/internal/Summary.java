package org.lanner.cli.internal;

import java.util.Map;
import java.util.StringJoiner;

import org.lanner.api.output.Priority;
import org.lanner.api.run.OutputCounters;
import org.lanner.api.run.RunSummary;
import org.lanner.api.run.SourceSummary;
import org.lanner.api.source.SourceStats;

/**
 * Falco's end-of-run summary: detections by severity and by rule on stdout, drop monitoring on
 * stderr (for each monitored source); with {@code -v}, the driver's counters, the rate, and what
 * became of the alerts at each output.
 */
final class Summary {

    private Summary() {
    }

    static void print(Console console, RunSummary s, boolean verbose) {
        console.out.println("Events detected: " + s.detections());
        console.out.println("Rule counts by severity:");
        for (Priority p : Priority.values()) {
            Long n = s.byPriority().get(p);
            if (n != null && n > 0) {
                console.out.println("   " + p.name() + ": " + n);
            }
        }
        console.out.println("Triggered rules by rule name:");
        for (Map.Entry<String, Long> e : s.byRule().entrySet()) {
            console.out.println("   " + e.getKey() + ": " + e.getValue());
        }
        console.out.flush();
        boolean anyMonitored = false;
        for (SourceSummary src : s.sources()) {
            if (!src.monitored()) {
                continue;
            }
            anyMonitored = true;
            console.err.println(label(src.source()) + " event drop monitoring:");
            console.err.println("   - event drop detected: " + src.dropOccurrences() + " occurrences");
            console.err.println("   - num times actions taken: " + src.dropActions());
        }
        if (!anyMonitored) {
            // Falco prints its syscall lines whatever it read
            console.err.println("Syscall event drop monitoring:");
            console.err.println("   - event drop detected: 0 occurrences");
            console.err.println("   - num times actions taken: 0");
        }
        if (verbose) {
            double seconds = s.elapsedNanos() / 1e9;
            SourceStats st = s.sourceStats();
            console.err.println("Driver Events:" + st.events());
            console.err.println("Driver Drops:" + st.drops());
            console.err.printf("Elapsed time: %.3f, Captured Events: %d, %.2f eps%n", seconds, s.events(),
                    seconds > 0 ? s.events() / seconds : 0.0);
            if (s.sources().size() > 1) {
                for (SourceSummary src : s.sources()) {
                    console.err.println("Source " + src.source() + ": " + src.events() + " events, " + src.detections() + " detections");
                }
            }
            console.err.println("Outputs: " + outputs(s) + (s.rateLimited() > 0 ? "; " + s.rateLimited() + " rate-limited" : ""));
        }
        console.err.flush();
    }

    /** {@code stdout 12 delivered, file 11 delivered 1 failed}. */
    static String outputs(RunSummary s) {
        StringJoiner j = new StringJoiner(", ");
        for (OutputCounters o : s.outputs()) {
            StringBuilder sb = new StringBuilder(o.output()).append(' ').append(o.delivered()).append(" delivered");
            if (o.failed() > 0) {
                sb.append(' ').append(o.failed()).append(" failed");
            }
            if (o.dropped() > 0) {
                sb.append(' ').append(o.dropped()).append(" dropped (queue full)");
            }
            if (o.pending() > 0) {
                sb.append(' ').append(o.pending()).append(" still queued");
            }
            if (o.skipped() > 0) {
                sb.append(' ').append(o.skipped()).append(" not sent (target absent)");
            }
            j.add(sb);
        }
        return j.length() == 0 ? "none attached" : j.toString();
    }

    /** Falco's label: "Syscall" for system calls, the source's name otherwise. */
    private static String label(String source) {
        return source.equals("syscall") ? "Syscall" : source;
    }
}

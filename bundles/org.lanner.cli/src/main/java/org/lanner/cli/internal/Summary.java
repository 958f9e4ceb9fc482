package org.lanner.cli.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.lanner.api.engine.RuleInfo;
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
        print(console, s, verbose, Map.of());
    }

    /**
     * @param rules the loaded rules by name: Falco counted detections under each rule's priority as the rule
     *     spelled it ({@code INFO}, {@code Warning}…)
     */
    static void print(Console console, RunSummary s, boolean verbose, Map<String, RuleInfo> rules) {
        console.out.println("Events detected: " + s.detections());
        console.out.println("Rule counts by severity:");
        severities(s, rules).forEach((name, n) -> console.out.println("   " + name + ": " + n));
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

    /**
     * Detections per priority, named as the rules spelled their priority, most severe first; by the
     * priorities' names when a rule that fired is not among {@code rules} (reloaded since).
     */
    static Map<String, Long> severities(RunSummary s, Map<String, RuleInfo> rules) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (rules.keySet().containsAll(s.byRule().keySet())) {
            List<Map.Entry<String, Long>> fired = new ArrayList<>(s.byRule().entrySet());
            fired.sort(Comparator.comparing(e -> rules.get(e.getKey()).priority()));
            for (Map.Entry<String, Long> e : fired) {
                out.merge(rules.get(e.getKey()).priorityText(), e.getValue(), Long::sum);
            }
            return out;
        }
        for (Priority p : Priority.values()) {
            Long n = s.byPriority().get(p);
            if (n != null && n > 0) {
                out.put(p.name(), n);
            }
        }
        return out;
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

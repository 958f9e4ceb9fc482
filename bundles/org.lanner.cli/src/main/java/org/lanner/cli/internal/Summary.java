package org.lanner.cli.internal;

import java.util.Map;

import org.lanner.api.engine.RunSummary;
import org.lanner.api.output.Priority;

/** Falco's end-of-run summary: detections by severity and by rule on stdout, drops on stderr. */
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
        console.err.println("Syscall event drop monitoring:");
        console.err.println("   - event drop detected: " + s.dropOccurrences() + " occurrences");
        console.err.println("   - num times actions taken: " + s.dropActions());
        if (verbose) {
            double seconds = s.elapsedNanos() / 1e9;
            console.err.println("Driver Events:" + s.sourceStats().events());
            console.err.println("Driver Drops:" + s.sourceStats().drops());
            console.err.printf("Elapsed time: %.3f, Captured Events: %d, %.2f eps%n", seconds, s.events(),
                    seconds > 0 ? s.events() / seconds : 0.0);
        }
        console.err.flush();
    }
}

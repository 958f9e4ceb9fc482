package org.lanner.api.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lanner.api.output.Priority;
import org.lanner.api.source.SourceStats;

/**
 * A run's counters: live while it runs, final once it ended ({@link Run#await}); Falco's end-of-run
 * summary and more.
 *
 * @param id the run's id
 * @param state its state when the summary was taken
 * @param events events read, every source together
 * @param detections alerts raised by rules
 * @param byPriority detections per priority
 * @param byRule detections per rule name, in the order rules first fired
 * @param sources per source, in the order they were first read
 * @param outputs per output, what became of the run's alerts (internal alerts included)
 * @param rateLimited alerts no output got because the outputs' rate limit refused them
 * @param elapsedNanos wall-clock time since the run started (to its end, once ended)
 * @param failure why the run failed, or null
 */
public record RunSummary(String id, RunState state, long events, long detections, Map<Priority, Long> byPriority,
        Map<String, Long> byRule, List<SourceSummary> sources, List<OutputCounters> outputs, long rateLimited,
        long elapsedNanos, String failure) {

    public RunSummary {
        byPriority = Map.copyOf(byPriority);
        byRule = Collections.unmodifiableMap(new LinkedHashMap<>(byRule));
        sources = List.copyOf(sources);
        outputs = List.copyOf(outputs);
    }

    /** The streams' counters of every source, summed (Falco's "Driver Events"/"Driver Drops"). */
    public SourceStats sourceStats() {
        long events = 0;
        long drops = 0;
        long buffer = 0;
        long pf = 0;
        long bug = 0;
        long preemptions = 0;
        for (SourceSummary s : sources) {
            SourceStats st = s.stats();
            events += st.events();
            drops += st.drops();
            buffer += st.dropsBuffer();
            pf += st.dropsPageFault();
            bug += st.dropsBug();
            preemptions += st.preemptions();
        }
        return new SourceStats(events, drops, buffer, pf, bug, preemptions);
    }

    /** The summary of one source, or null when the run read none of its events. */
    public SourceSummary source(String name) {
        for (SourceSummary s : sources) {
            if (s.source().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Alerts lost at some output (failed or dropped), or refused by the rate limit. */
    public long alertsLost() {
        long n = rateLimited;
        for (OutputCounters o : outputs) {
            n += o.lost();
        }
        return n;
    }

    /** Alerts still queued at some output. */
    public long alertsPending() {
        long n = 0;
        for (OutputCounters o : outputs) {
            n += o.pending();
        }
        return n;
    }
}

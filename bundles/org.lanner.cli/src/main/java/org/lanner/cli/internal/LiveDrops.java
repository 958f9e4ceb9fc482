package org.lanner.cli.internal;

import org.lanner.api.run.RunSummary;
import org.lanner.api.source.SourceStats;

/**
 * Events a live capture lost in the driver (a full ring, a page fault, a probe error, a preemption)
 * are lost like undelivered alerts: the run says how many, of how many, and exits 1. Falco counts
 * them in its summary only; its exit status stays 0.
 */
final class LiveDrops {

    private LiveDrops() {
    }

    /**
     * Writes the line when a live run lost events.
     *
     * @return whether it lost any
     */
    static boolean report(Invocation inv, RunSummary s) {
        if (inv.fromFile) {
            // a capture's counters say what its recording lost, not this run
            return false;
        }
        SourceStats st = s.sourceStats();
        if (st.drops() <= 0) {
            return false;
        }
        inv.console.error(line(st));
        return true;
    }

    /** "Live capture lost 12 of 3456 events in the driver (...)": of the events the probe saw, written or lost. */
    static String line(SourceStats st) {
        return "Live capture lost " + st.drops() + " of " + (st.events() + st.drops()) + " events in the driver (ring buffer full: "
                + st.dropsBuffer() + ", page faults: " + st.dropsPageFault() + ", probe errors: " + st.dropsBug() + ", preemptions: "
                + (st.drops() - st.dropsBuffer() - st.dropsPageFault() - st.dropsBug()) + ").";
    }
}

package org.lanner.cli.internal;

import java.util.HashMap;
import java.util.Map;

import org.lanner.api.engine.RuleInfo;
import org.lanner.api.run.RunSummary;

/**
 * Falco's end-of-run summary, then the exit code: 0 only when every event was read (none lost in a
 * live driver either) and every alert reached every output; otherwise 1, with a line saying what was lost.
 */
final class PrintSummary implements Step {

    @Override
    public int run(Invocation inv) {
        RunSummary s = inv.summary;
        Map<String, RuleInfo> rules = new HashMap<>();
        inv.env.engine().rules().forEach(r -> rules.put(r.name(), r));
        Summary.print(inv.console, s, inv.options.verbose, rules);
        int rc = EXIT_SUCCESS;
        if (s.failure() != null) {
            inv.console.error("Runtime error: " + s.failure() + ". Exiting.");
            rc = EXIT_FAILURE;
        }
        s.outputs().stream().filter(o -> o.skipped() > 0).forEach(o -> inv.console.info(o.output() + ": " + o.skipped()
                + " alerts not sent: its target is absent on this host (see the warning at start)"));
        long lost = s.outputs().stream().mapToLong(o -> o.lost()).sum();
        long pending = s.alertsPending();
        if (lost > 0 || pending > 0) {
            inv.console.error("Not every alert was delivered: " + Summary.outputs(s) + ".");
            long dropped = s.outputs().stream().mapToLong(o -> o.dropped()).sum();
            if (dropped > 0) {
                // only live capture drops: a replay waits for room at the outputs
                inv.console.error(dropped + " alert(s) dropped at a full output queue: the output is slower than the live"
                        + " alert rate (raise outputs_queue.capacity, or make the output faster).");
            }
            rc = EXIT_FAILURE;
        }
        if (LiveDrops.report(inv, s)) {
            rc = EXIT_FAILURE;
        }
        return rc;
    }
}

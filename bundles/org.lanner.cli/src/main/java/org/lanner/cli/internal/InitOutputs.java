package org.lanner.cli.internal;

import java.util.ArrayList;
import java.util.List;

/** Waits for the outputs the configuration enables, so no alert of a short replay goes nowhere. */
final class InitOutputs implements Step {

    @Override
    public int run(Invocation inv) throws Failure {
        List<String> outputs = inv.config.outputs();
        long deadline = System.nanoTime() + Invocation.SERVICE_WAIT.toNanos();
        while (true) {
            List<String> missing = new ArrayList<>(outputs);
            missing.removeAll(inv.env.publisher().sinks());
            if (missing.isEmpty()) {
                return CONTINUE;
            }
            if (System.nanoTime() > deadline) {
                throw new Failure("Runtime error: output(s) " + String.join(", ", missing)
                        + " enabled in the configuration did not start (is the bundle installed? see the log above). Exiting.");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted");
            }
        }
    }
}

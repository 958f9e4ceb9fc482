package org.lanner.cli.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Waits for the outputs the configuration enables, so no alert of a short replay goes nowhere, and
 * for the gRPC server when {@code grpc.enabled} is true. A component that could not start (it said
 * why in one error line) fails the command, as Falco fails to start when its gRPC server cannot.
 */
final class InitOutputs implements Step {

    static final String GRPC_PID = "org.lanner.output.grpc";

    @Override
    public int run(Invocation inv) throws Failure {
        List<String> outputs = inv.config.outputs();
        boolean grpc = inv.config.value("grpc.enabled").map(v -> v.equals("true")).orElse(false);
        long deadline = System.nanoTime() + Invocation.SERVICE_WAIT.toNanos();
        while (true) {
            List<String> failures = inv.env.startFailures(inv.configFile);
            if (!failures.isEmpty()) {
                // the component logged the reason as one error line; say what did not start, once
                throw new Failure("Runtime error: " + failures.stream().map(InitOutputs::what).distinct()
                        .reduce((a, b) -> a + ", " + b).orElse("") + " (see the error above). Exiting.");
            }
            List<String> missing = new ArrayList<>(outputs);
            missing.removeAll(inv.env.publisher().sinks());
            if (grpc && !inv.env.startedOrFailed(GRPC_PID, inv.configFile)) {
                missing.add("grpc server");
            }
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

    /** "gRPC server not started: grpc.private_key: …" → "gRPC server not started". */
    static String what(String failure) {
        int colon = failure.indexOf(": ");
        return colon > 0 ? failure.substring(0, colon) : failure;
    }
}

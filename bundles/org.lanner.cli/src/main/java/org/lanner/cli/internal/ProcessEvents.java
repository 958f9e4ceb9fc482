package org.lanner.cli.internal;

import java.util.List;

import org.lanner.api.config.ConfigResult;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.run.Run;
import org.lanner.api.run.RunException;

/**
 * Starts the run and waits for its end (signals are handled from {@link CreateSignalHandlers} on:
 * SIGINT and SIGTERM stop it, SIGHUP reloads the configuration, with the same {@code -o} overrides,
 * and the rules). With {@code -e} and {@code -M}, Falco keeps serving its outputs until {@code -M}
 * seconds have passed even when the file ended first; so does this step.
 */
final class ProcessEvents implements Step {

    @Override
    public int run(Invocation inv) throws Failure {
        long started = System.nanoTime();
        Run run;
        try {
            run = inv.env.runs().start(inv.runSpec);
        } catch (RunException e) {
            throw new Failure("Runtime error: " + e.getMessage() + ". Exiting.");
        }
        inv.run = run;
        if (inv.stopRequested()) {
            run.stop();
        }
        try {
            inv.summary = run.await();
            var limit = inv.runSpec.maxDuration();
            if (inv.fromFile && limit != null && !inv.stopRequested()) {
                long left = limit.toNanos() - (System.nanoTime() - started);
                if (left > 0) {
                    inv.awaitStop(java.time.Duration.ofNanos(left));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop();
            return EXIT_FAILURE;
        } finally {
            inv.run = null;
        }
        StatsFile stats = inv.statsFile;
        if (stats != null && stats.failure() != null && inv.summary.failure() == null) {
            // a write that failed while the stream was quiet stopped the run; the command fails as Falco does
            throw new Failure("Runtime error: " + stats.failure() + ". Exiting.");
        }
        return CONTINUE;
    }

    /** Serializes reloads: each SIGHUP runs on a thread of its own, and two must not overlap. */
    private static final Object RELOADING = new Object();

    /**
     * SIGHUP: the configuration file again, with the command line's overrides, then the rules. A reload
     * that fails for any reason says so in one line and leaves the running configuration and rules in
     * place; the next SIGHUP reloads again.
     */
    static void reload(Invocation inv) {
        synchronized (RELOADING) {
            try {
                reloadNow(inv);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // the limits of the rules and configuration loaders should make this unreachable: a bug, said as such
                inv.console.error("Reload failed: " + e + " (a bug in Lanner: please report it with the files that caused it). "
                        + "The running configuration and rules stay; the next SIGHUP reloads again.");
            }
        }
    }

    private static void reloadNow(Invocation inv) {
        Console console = inv.console;
        console.info("SIGHUP received, reloading configuration and rules...");
        ConfigResult c = inv.env.config().load(inv.configFile, List.copyOf(inv.overrides), true);
        if (!c.ok()) {
            c.problems().forEach(p -> console.error(p.toString()));
            console.error("Configuration not reloaded: the running one stays.");
            return;
        }
        LoadResult r = inv.env.engine().load(inv.rules);
        new RulesReport(console, inv.options.verbose).loaded(r);
        LoadRules.pending(console, r);
        if (!r.ok()) {
            console.error("Rules not reloaded: the running ruleset stays: " + RulesReport.failure(r));
        } else {
            console.info("Rules reloaded: " + r.enabledRules() + " rules enabled.");
        }
    }
}

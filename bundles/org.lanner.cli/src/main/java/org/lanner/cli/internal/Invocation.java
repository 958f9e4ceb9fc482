package org.lanner.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.lanner.api.config.ConfigResult;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.run.Run;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunSummary;

/**
 * One {@code lanner} command as its steps see it: the options, the system, and what the earlier
 * steps found (Falco's {@code application::state}).
 */
final class Invocation {

    /** How long to wait for a service that a configuration or the command line asks for. */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(10);

    final Options options;
    final List<String> commandLine;
    final Environment env;
    final Console console;

    /** The configuration file and what loading it gave ({@link LoadConfig}). */
    Path configFile;
    ConfigResult config;
    /** The overrides applied on every load: {@code -o}, {@code -U}. */
    final List<String> overrides = new ArrayList<>();
    /** The rules files and request ({@link LoadRules}). */
    List<Path> rulesFiles = List.of();
    volatile RulesRequest rules;
    /** The run to start ({@link OpenSources}), the run ({@link ProcessEvents}) and how it ended. */
    RunSpec runSpec;
    volatile Run run;
    RunSummary summary;
    /** Whether the events come from a file ({@code -e}). */
    boolean fromFile;
    /** The statistics file of {@code -s} ({@link OpenStatsFile}), closed when the command ends. */
    StatsFile statsFile;
    /** The signal handlers ({@link CreateSignalHandlers}), restored when the command ends. */
    AutoCloseable signals;

    private volatile boolean stopRequested;
    private final CountDownLatch stopLatch = new CountDownLatch(1);

    Invocation(Options options, List<String> commandLine, Environment env, Console console) {
        this.options = options;
        this.commandLine = List.copyOf(commandLine);
        this.env = env;
        this.console = console;
    }

    /** Stops the run in progress, or the one about to start (a signal, or the component going away). */
    void stop() {
        stopRequested = true;
        stopLatch.countDown();
        Run r = run;
        if (r != null) {
            r.stop();
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Waits until {@link #stop()} or the timeout; true when stopped. */
    boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopLatch.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}

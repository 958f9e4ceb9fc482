package org.lanner.cli.internal;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code lanner} command: Falco 0.30's command line over the services of the running system, as a
 * sequence of steps in the order Falco's application actions run. Returns the exit code (0 success, 1
 * any failure).
 */
final class Command {

    static final int EXIT_SUCCESS = Step.EXIT_SUCCESS;
    static final int EXIT_FAILURE = Step.EXIT_FAILURE;

    /** The steps, in Falco's order. */
    private static final List<Step> STEPS = List.of(new PrintHelp(), new PrintVersion(), new CreateSignalHandlers(), new RejectUnavailable(),
            new PrintIgnoredEvents(), new ListFields(), new ValidateRules(), new LoadConfig(), new LoadRules(), new PrintSupport(),
            new DescribeRules(), new Daemonize(), new InitOutputs(), new OpenSources(), new OpenStatsFile(), new ProcessEvents(), new PrintSummary());

    private final Environment env;
    private final Console console;
    private volatile Invocation current;
    private volatile boolean stopped;

    Command(Environment env, Console console) {
        this.env = env;
        this.console = console;
    }

    /** Stops a run in progress (the component is going away). */
    void stop() {
        stopped = true;
        Invocation inv = current;
        if (inv != null) {
            inv.stop();
        }
    }

    /**
     * Whether {@code args} ask for a live capture run: the live source may then load its probe while
     * the framework starts and the rules compile. False for anything that does not parse.
     */
    static boolean capturesLive(String[] args) {
        try {
            Options o = new CommandLineParser().parse(Arrays.asList(args));
            return o.eventsFile == null && !o.help && !o.version && !o.ignoredEvents && !o.listFields && o.validateFiles.isEmpty()
                    && !o.support && !o.describeAll && o.describeRule == null && !o.disabledSources.contains(OpenSources.SYSCALL);
        } catch (CommandLineParser.UsageException e) {
            return false;
        }
    }

    int execute(String[] args) {
        Options o;
        try {
            o = new CommandLineParser().parse(Arrays.asList(args));
        } catch (CommandLineParser.UsageException e) {
            console.err.println("lanner: " + e.getMessage());
            console.err.println("Try 'lanner --help' for more information.");
            return EXIT_FAILURE;
        }
        Invocation inv = new Invocation(o, Arrays.asList(args), env, console);
        current = inv;
        if (stopped) {
            inv.stop();
        }
        try {
            for (Step step : STEPS) {
                int rc = step.run(inv);
                if (rc != Step.CONTINUE) {
                    return rc;
                }
            }
            return EXIT_SUCCESS;
        } catch (Step.Failure e) {
            console.error(e.getMessage());
            return EXIT_FAILURE;
        } finally {
            current = null;
            if (inv.statsFile != null) {
                try {
                    inv.statsFile.close();
                } catch (java.io.IOException e) {
                    console.error("closing the statistics file " + inv.statsFile.file() + " failed: " + e.getMessage());
                }
            }
            if (inv.signals != null) {
                try {
                    inv.signals.close();
                } catch (Exception e) {
                    console.error("restoring the signal handlers failed: " + e);
                }
            }
        }
    }
}

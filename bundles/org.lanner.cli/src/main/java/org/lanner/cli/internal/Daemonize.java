package org.lanner.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code -d}/{@code --daemon} and {@code -P}/{@code --pidfile}, where Falco 0.30 forks: after the
 * configuration and the rules are loaded (so their errors show in the foreground and set the exit
 * status), before the outputs start and the capture opens. The pid file gets this JVM's pid, the
 * process that handles SIGTERM, SIGHUP and SIGUSR1, written as Falco writes it (the number, no
 * newline), before detaching, so a pid file that cannot be written ends the command in the
 * foreground. Then the JVM detaches ({@link ProcessControl#detach}) and {@code bin/lanner} returns
 * 0. As in Falco 0.30, {@code -P} without {@code -d} writes nothing, and the pid file stays when
 * the daemon exits.
 */
final class Daemonize implements Step {

    /** Where the pid goes when {@code -d} comes without {@code -P} (Falco's is /var/run/falco.pid). */
    static final String DEFAULT_PID_FILE = "/var/run/lanner.pid";

    @Override
    public int run(Invocation inv) throws Failure {
        Options o = inv.options;
        if (!o.daemon) {
            if (o.pidFile != null) {
                inv.console.info("-P/--pidfile is used only with -d/--daemon (as in Falco 0.30): no pid file is written");
            }
            return CONTINUE;
        }
        String pidFile = pidFile(o);
        if (pidFile.isEmpty()) {
            throw new Failure("Runtime error: If -d is provided, a pid file must also be provided. Exiting.");
        }
        if (inv.stopRequested()) {
            // interrupted while starting: end in the foreground, where the user is
            return CONTINUE;
        }
        ProcessControl process = inv.env.process();
        OptionalLong launcher = process.daemonLauncher();
        if (launcher.isEmpty()) {
            throw new Failure("Runtime error: -d/--daemon needs bin/lanner, which starts Lanner in the background"
                    + " (a JVM cannot fork); this JVM was started otherwise. Exiting.");
        }
        long pid = process.pid();
        try {
            Files.writeString(Path.of(pidFile), Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new Failure("Runtime error: Could not write pid to pid file " + pidFile + ": " + reason(e) + ". Exiting.");
        }
        inv.console.info("Running as a daemon with pid " + pid + " (pid file " + pidFile + ")");
        try {
            process.detach(launcher.getAsLong());
        } catch (IOException e) {
            throw new Failure("Runtime error: " + e.getMessage() + ". Exiting.");
        }
        return CONTINUE;
    }

    /** {@code -P}, else the default. */
    static String pidFile(Options o) {
        return o.pidFile != null ? o.pidFile : DEFAULT_PID_FILE;
    }

    private static String reason(Exception e) {
        return e instanceof IOException io ? OpenStatsFile.reason(io) : e.getMessage();
    }
}

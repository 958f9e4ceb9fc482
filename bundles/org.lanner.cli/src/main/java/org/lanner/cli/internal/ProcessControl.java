package org.lanner.cli.internal;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * What daemon mode ({@code -d}) needs of the operating system. Falco forks: its parent writes the
 * pid file and returns, its child calls {@code setsid}, sets the umask to 027 and puts
 * {@code /dev/null} on its standard input, output and error. A JVM cannot fork, so {@code bin/lanner}
 * starts it in the background and waits; the JVM does the child's part itself and then tells the
 * waiting launcher to return ({@link #detach}).
 */
interface ProcessControl {

    /** This process's id: what the pid file holds and where signals go. */
    long pid();

    /**
     * The process id of the {@code bin/lanner} that started this JVM in the background for
     * {@code -d} and waits for it to detach; empty when the JVM was not started so.
     */
    OptionalLong daemonLauncher();

    /**
     * A shell starts background commands with SIGINT ignored; a daemon handles it as Falco's does,
     * so it becomes a default signal again before the command installs its handlers.
     */
    void allowInterrupt();

    /**
     * Becomes a daemon: a session of its own, umask 027, standard input, output and error on
     * {@code /dev/null} (what was printed before stays where it went), then SIGUSR1 to
     * {@code launcher}, on which {@code bin/lanner} returns 0.
     *
     * @throws IOException when a step fails; the standard streams are then still the launcher's
     */
    void detach(long launcher) throws IOException;
}

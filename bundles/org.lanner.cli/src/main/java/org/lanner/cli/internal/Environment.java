package org.lanner.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.lanner.api.config.ConfigService;
import org.lanner.api.engine.FieldRegistry;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.run.Runs;

/** What the command needs from the running system; the DS component provides it, tests fake it. */
interface Environment {

    /** The installation folder ({@code etc/lanner.yaml} lives below it). */
    Path home();

    String lannerVersion();

    /** Our bundles and their versions, for {@code --version}. */
    List<String> bundleVersions();

    ConfigService config();

    RuleEngine engine();

    FieldRegistry fields();

    AlertPublisher publisher();

    Runs runs();

    /**
     * Waits until the engine and the outputs have received the configuration dispatched from
     * {@code file} (ConfigAdmin delivers it asynchronously).
     *
     * @return false when it did not arrive in time
     */
    boolean awaitConfiguration(Path file, Duration wait);

    /**
     * What components configured from {@code file} announced they could not start: the one-line
     * reasons they register as the service property {@value LannerCommand#START_FAILURE} (the gRPC
     * server does, for a socket in use or a key that does not match its certificate). Empty when none.
     */
    default List<String> startFailures(Path file) {
        return List.of();
    }

    /**
     * Whether the component configured from {@code file} under {@code pid} has either started (its
     * service is registered) or announced that it could not.
     */
    default boolean startedOrFailed(String pid, Path file) {
        return true;
    }

    /** What daemon mode ({@code -d}) needs of the operating system. */
    ProcessControl process();

    /** Installs handlers for INT/TERM (stop), HUP (reload) and USR1 (reopen outputs); returns a handle that restores them. */
    AutoCloseable onSignals(Runnable stop, Runnable reload, Runnable reopen);
}

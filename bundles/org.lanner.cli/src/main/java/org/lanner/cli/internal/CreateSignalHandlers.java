package org.lanner.cli.internal;

/**
 * Falco's first action: the signal handlers, before anything slow, so that a signal during start-up
 * is handled rather than killing the process. SIGINT and SIGTERM stop (the run in progress, or the one
 * about to start), SIGHUP reloads the configuration and the rules once they are loaded, SIGUSR1
 * reopens the outputs. The command restores the previous handlers when it ends.
 */
final class CreateSignalHandlers implements Step {

    @Override
    public int run(Invocation inv) {
        inv.signals = inv.env.onSignals(() -> {
            inv.console.info("SIGINT received, exiting...");
            inv.stop();
        }, () -> {
            if (inv.rules == null) {
                inv.console.info("SIGHUP received before the rules were loaded: nothing to reload yet");
                return;
            }
            ProcessEvents.reload(inv);
        }, () -> {
            inv.console.info("SIGUSR1 received, reopening outputs...");
            inv.env.publisher().reopen();
        });
        return CONTINUE;
    }
}

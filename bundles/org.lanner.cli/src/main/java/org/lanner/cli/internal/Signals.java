package org.lanner.cli.internal;

import java.util.ArrayList;
import java.util.List;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Process signals as Falco handles them: SIGINT and SIGTERM stop, SIGHUP reloads, SIGUSR1 reopens the
 * outputs. Java has no public API for this; {@code sun.misc.Signal} (module jdk.unsupported) is the
 * supported way, exported to bundles by the launcher.
 */
final class Signals implements AutoCloseable {

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final List<String> unavailable = new ArrayList<>();

    Signals(Runnable stop, Runnable reload, Runnable reopen) {
        install("INT", stop);
        install("TERM", stop);
        install("HUP", reload);
        install("USR1", reopen);
    }

    /** Signals that could not be handled in this JVM (reported, not fatal). */
    List<String> unavailable() {
        return unavailable;
    }

    private void install(String name, Runnable action) {
        try {
            Signal s = new Signal(name);
            previous.add(Signal.handle(s, sig -> action.run()));
            signals.add(s);
        } catch (IllegalArgumentException e) {
            unavailable.add("SIG" + name + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // nothing to restore
            }
        }
    }
}

package org.lanner.launcher;

/**
 * The {@code lanner} command: starts an embedded OSGi framework with the bundles of the
 * distribution and hands the command line to the bundle that implements it.
 *
 * <p>Contract with the bundles (the same as bnd's launcher): a service carrying the property
 * {@code launcher.arguments} (String[]) is registered before any bundle starts; the command-line
 * bundle registers a {@code java.util.concurrent.Callable<Integer>} (or a {@code Runnable}) with the
 * property {@code main.thread=true}; the launcher calls it on the main thread and exits with the
 * value it returns.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int rc = new Launcher(LauncherSettings.fromSystem(), System.err).run(args);
        System.exit(rc);
    }
}

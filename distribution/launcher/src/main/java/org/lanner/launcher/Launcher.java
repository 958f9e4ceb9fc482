package org.lanner.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/** Starts the framework, runs the main service, stops the framework. Plain Java, testable. */
final class Launcher {

    static final String ARGUMENTS = "launcher.arguments";
    static final String MAIN_THREAD = "main.thread";
    static final int EXIT_FAILURE = 1;

    private final LauncherSettings settings;
    private final PrintStream err;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** -Dlanner.launcher.trace=true: the time each start-up phase took, on stderr (diagnosing slow starts). */
    private final boolean trace = Boolean.getBoolean("lanner.launcher.trace");
    private final long t0 = System.nanoTime();

    private void trace(String phase) {
        if (trace) {
            err.printf("lanner: launcher: %-40s %5d ms%n", phase, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    Launcher(LauncherSettings settings, PrintStream err) {
        this.settings = settings;
        this.err = err;
    }

    int run(String[] args) {
        if (!settings.valid()) {
            err.println("lanner: no bundles folder at " + settings.bundles() + " (is lanner.home set?)");
            return EXIT_FAILURE;
        }
        List<Path> jars;
        Path storage;
        try {
            jars = bundleJars(settings.bundles());
            storage = Files.createTempDirectory("lanner-osgi-");
        } catch (IOException e) {
            err.println("lanner: " + e.getMessage());
            return EXIT_FAILURE;
        }
        if (jars.isEmpty()) {
            err.println("lanner: no bundles in " + settings.bundles());
            return EXIT_FAILURE;
        }
        Framework framework = newFramework(storage);
        Thread hook = new Thread(() -> stop(framework, storage), "lanner-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runFramework(framework, jars, args);
        } catch (BundleException | RuntimeException e) {
            err.println("lanner: cannot start: " + e.getMessage());
            return EXIT_FAILURE;
        } finally {
            trace("command finished");
            stop(framework, storage);
            trace("framework stopped");
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook does the same work
            }
        }
    }

    private int runFramework(Framework framework, List<Path> jars, String[] args) throws BundleException {
        trace("framework created");
        framework.init();
        trace("framework initialised");
        BundleContext context = framework.getBundleContext();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ARGUMENTS, args.clone());
        props.put("launcher.home", settings.home().toString());
        context.registerService(Object.class, new Object(), props);

        List<Bundle> bundles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path jar : jars) {
            try {
                bundles.add(context.installBundle("reference:" + jar.toUri()));
            } catch (BundleException e) {
                problems.add(jar.getFileName() + ": " + e.getMessage());
            }
        }
        trace(bundles.size() + " bundles installed");
        framework.start();
        trace("framework started");
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                long started = System.nanoTime();
                b.start();
                if (trace && System.nanoTime() - started > 20_000_000L) {
                    trace("  started " + b.getSymbolicName() + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
                }
            } catch (BundleException e) {
                problems.add(b.getSymbolicName() + " " + b.getVersion() + ": " + e.getMessage());
            }
        }
        trace("bundles started");
        if (!problems.isEmpty()) {
            for (String p : problems) {
                err.println("lanner: bundle cannot start: " + p);
            }
            return EXIT_FAILURE;
        }
        return callMain(context);
    }

    private int callMain(BundleContext context) {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(
                    "(&(|(objectClass=java.util.concurrent.Callable)(objectClass=java.lang.Runnable))(" + MAIN_THREAD + "=true))"), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open();
        try {
            Object main = tracker.waitForService(settings.startTimeout().toMillis());
            if (main == null) {
                err.println("lanner: the command line did not start within " + settings.startTimeout().toSeconds() + " s; bundles not active: "
                        + notActive(context));
                return EXIT_FAILURE;
            }
            trace("command line service found");
            if (main instanceof Callable<?> callable) {
                Object result = callable.call();
                return result instanceof Integer code ? code : 0;
            }
            ((Runnable) main).run();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILURE;
        } catch (Exception e) {
            err.println("lanner: " + e);
            return EXIT_FAILURE;
        } finally {
            tracker.close();
        }
    }

    private static String notActive(BundleContext context) {
        StringBuilder sb = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (b.getState() != Bundle.ACTIVE && !(fragment && b.getState() == Bundle.RESOLVED)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(b.getSymbolicName());
            }
        }
        return sb.length() == 0 ? "(none: a component of org.lanner.cli is not satisfied)" : sb.toString();
    }

    private Framework newFramework(Path storage) {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // sun.misc: signal handling in org.lanner.cli, and Netty inside the gRPC output.
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "sun.misc");
        config.put("lanner.home", settings.home().toString());
        // Lanner's version is the distribution's (this jar's), not that of a bundle: bundles are
        // versioned on their own. The bundles that print it read this property.
        String version = Launcher.class.getPackage().getImplementationVersion();
        if (version != null) {
            config.put("lanner.version", version);
        }
        // Felix itself: report errors only; SCR: warnings and errors.
        config.put("felix.log.level", "1");
        config.put("ds.loglevel", "warn");
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("lanner.") || key.startsWith("org.osgi.") || key.startsWith("felix.")) {
                config.put(key, System.getProperty(key));
            }
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        return factory.newFramework(config);
    }

    private void stop(Framework framework, Path storage) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
                framework.stop();
                FrameworkEvent event = framework.waitForStop(settings.stopTimeout().toMillis());
                if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    err.println("lanner: the framework did not stop within " + settings.stopTimeout().toSeconds() + " s");
                }
            }
        } catch (BundleException e) {
            err.println("lanner: stopping: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(storage);
        }
    }

    static List<Path> bundleJars(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            stream.forEach(jars::add);
        }
        jars.sort(Comparator.comparing(Path::getFileName));
        return jars;
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless; never fail the command for it
        }
    }
}

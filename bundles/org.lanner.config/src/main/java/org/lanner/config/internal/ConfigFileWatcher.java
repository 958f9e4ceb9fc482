package org.lanner.config.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.lanner.api.config.ConfigProblem;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Loads {@code lanner.yaml} when it appears and again whenever its content changes, applying it
 * through the {@link ConfigService}. An invalid file changes nothing: the previous configuration
 * stays and the problems are logged. Exists only when its configuration {@value #PID} does (the
 * Karaf distribution ships one); the standalone command loads the file itself.
 *
 * <p>The file is checked by content every {@code interval} milliseconds rather than through file
 * system events: a poll of a small file costs nothing and sees every way a file can change
 * (editors that rename, Kubernetes config maps that swap symbolic links, network file systems).
 */
@Component(configurationPid = ConfigFileWatcher.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ConfigFileWatcher.Config.class)
public final class ConfigFileWatcher {

    static final String PID = "org.lanner.config.watch";

    private static final Logger LOG = System.getLogger(ConfigFileWatcher.class.getName());
    private static final long STOP_WAIT_SECONDS = 5;
    /** A changed file is loaded when two reads this far apart agree. */
    private static final long SETTLE_MILLIS = 30;

    @ObjectClassDefinition(name = "Lanner configuration watcher",
            description = "Watches lanner.yaml and applies it whenever it changes.")
    public @interface Config {
        @AttributeDefinition(description = "Path of lanner.yaml. Empty: <karaf.etc>/lanner.yaml (the framework "
                + "property karaf.etc), or etc/lanner.yaml in the working directory without it. A relative path is "
                + "taken from karaf.base when that framework property is set.")
        String file() default "";

        @AttributeDefinition(description = "Overrides applied on every load, as -o key=value.")
        String[] overrides() default {};

        @AttributeDefinition(description = "Milliseconds between two checks of the file.", min = "50")
        long interval() default 2000;
    }

    private final ConfigService service;
    private final Path file;
    private final List<String> overrides;
    private final ScheduledExecutorService executor;
    private byte[] lastContent;
    private boolean seenOnce;

    @Activate
    public ConfigFileWatcher(@Reference ConfigService service, Config config, BundleContext context) {
        this(service, config, context::getProperty);
    }

    ConfigFileWatcher(ConfigService service, Config config, UnaryOperator<String> frameworkProperty) {
        this.service = service;
        this.file = resolve(config.file(), frameworkProperty);
        this.overrides = List.of(config.overrides());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lanner-config-watch");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(50, config.interval());
        LOG.log(Level.INFO, "watching {0} every {1} ms", file, String.valueOf(interval));
        executor.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    public void deactivate() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.log(Level.WARNING, "the watcher of {0} did not stop within {1} s", file, STOP_WAIT_SECONDS);
        }
    }

    /** True once deactivated and the thread has ended. */
    boolean stopped() {
        return executor.isTerminated();
    }

    /** The file this watcher reads. */
    Path file() {
        return file;
    }

    /** Where lanner.yaml is: the configured path, else {@code <karaf.etc>/lanner.yaml}, else {@code etc/lanner.yaml}. */
    static Path resolve(String configured, UnaryOperator<String> frameworkProperty) {
        if (configured == null || configured.isBlank()) {
            String etc = frameworkProperty.apply("karaf.etc");
            return etc != null && !etc.isBlank() ? Path.of(etc, "lanner.yaml") : Path.of("etc", "lanner.yaml");
        }
        Path p = Path.of(configured.trim());
        String base = frameworkProperty.apply("karaf.base");
        return p.isAbsolute() || base == null || base.isBlank() ? p : Path.of(base).resolve(p);
    }

    /** One check: loads the file when its content changed since the last check. Runs on the watcher's thread. */
    synchronized void check() {
        byte[] content = read();
        if (seenOnce && Arrays.equals(content, lastContent)) {
            return;
        }
        if (seenOnce && !Arrays.equals(content, settled(content))) {
            return; // still being written (an editor or `>` truncates first): the next check sees the whole file
        }
        seenOnce = true;
        lastContent = content;
        try {
            report(service.load(file, overrides, true));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot apply " + file, e);
        }
    }

    /** The content, or null when the file is missing or unreadable (the load says which, once, until it changes). */
    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** The content read again a moment after {@code first} was read. */
    private byte[] settled(byte[] first) {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return first;
        }
        return read();
    }

    private void report(ConfigResult result) {
        for (ConfigProblem w : result.warnings()) {
            LOG.log(Level.WARNING, w.toString());
        }
        if (result.ok()) {
            LOG.log(Level.INFO, "{0} applied; outputs: {1}", file, String.join(", ", result.outputs()));
            return;
        }
        for (ConfigProblem p : result.problems()) {
            LOG.log(Level.ERROR, p.toString());
        }
        LOG.log(Level.ERROR, "{0} has {1} problem(s); the previous configuration stays", file, result.problems().size());
    }
}

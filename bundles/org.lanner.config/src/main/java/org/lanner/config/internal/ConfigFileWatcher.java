package org.lanner.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.lanner.api.config.ConfigProblem;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.lanner.common.FileWatch;
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
 * <p>The file is checked by content every {@code interval} milliseconds, and a change is applied
 * once it has settled ({@link FileWatch}).
 */
@Component(configurationPid = ConfigFileWatcher.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ConfigFileWatcher.Config.class)
public final class ConfigFileWatcher {

    static final String PID = "org.lanner.config.watch";

    private static final Logger LOG = System.getLogger(ConfigFileWatcher.class.getName());

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
    private final FileWatch watch;

    @Activate
    public ConfigFileWatcher(@Reference ConfigService service, Config config, BundleContext context) {
        this(service, config, context::getProperty);
    }

    ConfigFileWatcher(ConfigService service, Config config, UnaryOperator<String> frameworkProperty) {
        this.service = service;
        this.file = resolve(config.file(), frameworkProperty);
        this.overrides = List.of(config.overrides());
        LOG.log(Level.INFO, "watching {0} every {1} ms", file, String.valueOf(Math.max(50, config.interval())));
        this.watch = new FileWatch("lanner-config-watch", config.interval(), () -> List.of(file), files -> apply());
    }

    @Deactivate
    public void deactivate() {
        watch.close();
    }

    /** True once deactivated and the thread has ended. */
    boolean stopped() {
        return watch.stopped();
    }

    /** The file this watcher reads. */
    Path file() {
        return file;
    }

    /** One check, as the watcher's thread runs it (tests). */
    void check() {
        watch.check();
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

    /** Applies the file (the watch calls it at the first check and whenever it changed). */
    private void apply() {
        try {
            report(service.load(file, overrides, true));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot apply " + file, e);
        }
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

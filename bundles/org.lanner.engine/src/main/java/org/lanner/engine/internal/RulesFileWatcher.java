package org.lanner.engine.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;

import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.Problem;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.engine.RulesRequest;
import org.lanner.common.FileWatch;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Loads the rules files of the configuration applied last ({@code rules_file} of lanner.yaml) into
 * the engine, and loads them again whenever one changes — the "changed file" reload of a long-running
 * Lanner in Karaf (the standalone command loads rules itself and reloads on SIGHUP). The engine
 * compiles off the event path and swaps atomically; when the new rules do not compile, the running
 * ones stay and the problems are logged. Exists only when its configuration does.
 */
@Component(configurationPid = RulesFileWatcher.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = RulesFileWatcher.Config.class)
public final class RulesFileWatcher {

    static final String PID = "org.lanner.rules.watch";
    private static final Logger LOG = System.getLogger(RulesFileWatcher.class.getName());

    @ObjectClassDefinition(name = "Lanner rules watcher", description = "Loads the rules files of lanner.yaml and reloads them when they change.")
    public @interface Config {
        @AttributeDefinition(description = "Milliseconds between two checks of the rules files.", min = "50")
        long interval() default 2000;
    }

    private final RuleEngine engine;
    private final FileWatch watch;

    @Activate
    public RulesFileWatcher(@Reference ConfigService config, @Reference RuleEngine engine, Config settings) {
        this.engine = engine;
        this.watch = new FileWatch("lanner-rules-watch", settings.interval(), () -> {
            ConfigResult current = config.current();
            return current == null ? null : current.rulesFiles();
        }, this::load);
    }

    @Deactivate
    void deactivate() {
        watch.close();
    }

    /** Loads the rules files (the watch calls it at the first check and whenever they changed). */
    private void load(List<Path> files) {
        LoadResult r = engine.load(RulesRequest.of(files));
        for (Problem p : r.problems()) {
            LOG.log(p.severity() == Problem.Severity.ERROR ? Level.ERROR : Level.WARNING, p.toString());
        }
        if (r.ok()) {
            LOG.log(Level.INFO, "rules loaded from " + files + ": " + r.enabledRules() + " rules enabled"
                    + (r.pendingRules().isEmpty() ? "" : ", " + r.pendingRules().size() + " pending"));
        } else {
            LOG.log(Level.ERROR, "rules from " + files + " not loaded: " + r.errors().size() + " error(s); the running rules stay");
        }
    }
}

package org.lanner.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lanner.api.config.ConfigProblem;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link ConfigService}: loads {@code lanner.yaml} with overrides, and when asked and valid,
 * dispatches it to ConfigAdmin. Loads are serialised, so the file watcher and the command line
 * cannot interleave two dispatches.
 */
@Component(service = ConfigService.class)
public final class YamlConfigService implements ConfigService {

    private static final Logger LOG = System.getLogger(YamlConfigService.class.getName());

    private final ConfigurationAdmin admin;
    private volatile ConfigResult current;

    @Activate
    public YamlConfigService(@Reference ConfigurationAdmin admin) {
        this.admin = admin;
    }

    @Override
    public synchronized ConfigResult load(Path file, List<String> overrides, boolean apply) {
        ConfigLoader.Loaded loaded = ConfigLoader.load(file, overrides == null ? List.of() : overrides);
        if (!apply || loaded.settings() == null) {
            return loaded.result();
        }
        Dispatcher.Outcome outcome = Dispatcher.apply(admin, DispatchPlan.of(loaded.settings()));
        LOG.log(Level.INFO, "{0}: dispatched to ConfigAdmin: {1} created, {2} updated, {3} unchanged, {4} deleted",
                file, outcome.created().size(), outcome.updated().size(), outcome.unchanged().size(),
                outcome.deleted().size());
        ConfigResult result = loaded.result();
        if (!outcome.failures().isEmpty()) {
            List<ConfigProblem> problems = new ArrayList<>();
            for (String f : outcome.failures()) {
                LOG.log(Level.ERROR, "{0}: {1}", file, f);
                problems.add(new ConfigProblem(file.toString(), 0, "", f));
            }
            result = new ConfigResult(result.file(), problems, result.rulesFiles(), result.outputs(), result.values(),
                    result.warnings());
        }
        current = result;
        return result;
    }

    @Override
    public ConfigResult current() {
        return current;
    }
}

package org.lanner.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.lanner.api.config.ConfigProblem;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.osgi.framework.BundleContext;
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
    private final Optional<Path> installEtc;
    private volatile ConfigResult current;

    @Activate
    public YamlConfigService(@Reference ConfigurationAdmin admin, BundleContext context) {
        this(admin, installEtc(context::getProperty));
    }

    /**
     * @param installEtc the installation's configuration folder, where a relative rules path missing next to a
     *     (copied) configuration file is looked for
     */
    YamlConfigService(ConfigurationAdmin admin, Optional<Path> installEtc) {
        this.admin = admin;
        this.installEtc = installEtc;
    }

    /** {@code karaf.etc} in Karaf, {@code ${lanner.home}/etc} in the standalone command, else none. */
    static Optional<Path> installEtc(UnaryOperator<String> frameworkProperty) {
        String karafEtc = frameworkProperty.apply("karaf.etc");
        if (karafEtc != null && !karafEtc.isBlank()) {
            return Optional.of(Path.of(karafEtc));
        }
        String home = frameworkProperty.apply("lanner.home");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, "etc"));
    }

    @Override
    public synchronized ConfigResult load(Path file, List<String> overrides, boolean apply) {
        ConfigLoader.Loaded loaded = ConfigLoader.load(file, overrides == null ? List.of() : overrides, installEtc);
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

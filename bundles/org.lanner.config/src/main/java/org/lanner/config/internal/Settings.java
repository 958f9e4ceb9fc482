package org.lanner.config.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lanner.api.config.ConfigResult.ConfigValue;

/**
 * A loaded and valid {@code lanner.yaml}: every key of the schema with its value (given or
 * default), the plugins, and the keys passed through. Immutable.
 */
final class Settings {
    private final Path file;
    private final Map<Setting<?>, Object> values;
    private final List<Path> rulesFiles;
    private final List<PluginSpec> plugins;
    private final Optional<List<String>> loadPlugins;
    private final List<PassThrough> extras;

    /**
     * @param file the absolute path of the file
     * @param values a value for every key of {@link Schema#SETTINGS}
     * @param rulesFiles {@code rules_file}, resolved
     * @param plugins every {@code plugins} entry
     * @param loadPlugins {@code load_plugins}, empty when the key is absent
     * @param extras unknown keys inside dispatched sections, with their full dotted key
     */
    Settings(Path file, Map<Setting<?>, Object> values, List<Path> rulesFiles, List<PluginSpec> plugins,
            Optional<List<String>> loadPlugins, List<PassThrough> extras) {
        for (Setting<?> s : Schema.SETTINGS) {
            if (values.get(s) == null) {
                throw new IllegalArgumentException("no value for " + s.key());
            }
        }
        this.file = file;
        this.values = Map.copyOf(new HashMap<>(values));
        this.rulesFiles = List.copyOf(rulesFiles);
        this.plugins = List.copyOf(plugins);
        this.loadPlugins = loadPlugins.map(List::copyOf);
        this.extras = List.copyOf(extras);
    }

    Path file() {
        return file;
    }

    @SuppressWarnings("unchecked")
    <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    List<Path> rulesFiles() {
        return rulesFiles;
    }

    List<PluginSpec> plugins() {
        return plugins;
    }

    Optional<List<String>> loadPlugins() {
        return loadPlugins;
    }

    /** The plugins {@code load_plugins} selects: all when it is absent. */
    List<PluginSpec> selectedPlugins() {
        return loadPlugins.map(names -> plugins.stream().filter(p -> names.contains(p.name())).toList())
                .orElse(plugins);
    }

    List<PassThrough> extras() {
        return extras;
    }

    /** The enabled outputs: stdout, file, syslog, program, http, grpc (gRPC needs grpc.enabled too). */
    List<String> outputs() {
        List<String> out = new ArrayList<>();
        Schema.OUTPUT_SWITCHES.forEach((name, enabled) -> {
            if (get(enabled) && (!name.equals("grpc") || get(Schema.GRPC_ENABLED))) {
                out.add(name);
            }
        });
        return List.copyOf(out);
    }

    /** Every key and value as text, flattened with dots, lists as {@code key[i]}. */
    List<ConfigValue> values() {
        List<ConfigValue> out = new ArrayList<>();
        for (Setting<?> s : Schema.SETTINGS) {
            addValue(s, out);
        }
        for (PassThrough p : extras) {
            p.values("", out);
        }
        loadPlugins.ifPresent(names -> {
            for (int i = 0; i < names.size(); i++) {
                out.add(new ConfigValue(Schema.LOAD_PLUGINS + "[" + i + "]", names.get(i)));
            }
        });
        for (int i = 0; i < plugins.size(); i++) {
            PluginSpec p = plugins.get(i);
            String prefix = Schema.PLUGINS + "[" + i + "].";
            out.add(new ConfigValue(prefix + "name", p.name()));
            out.add(new ConfigValue(prefix + "library_path", p.libraryPath()));
            out.add(new ConfigValue(prefix + "init_config", p.initConfig()));
            out.add(new ConfigValue(prefix + "open_params", p.openParams()));
            for (PassThrough e : p.extras()) {
                e.values(prefix, out);
            }
        }
        return out;
    }

    private <T> void addValue(Setting<T> s, List<ConfigValue> out) {
        T v = get(s);
        if (v instanceof List<?> list) {
            Object[] items = (Object[]) s.type().property(v);
            for (int i = 0; i < list.size(); i++) {
                out.add(new ConfigValue(s.key() + "[" + i + "]", String.valueOf(items[i])));
            }
        } else {
            out.add(new ConfigValue(s.key(), s.type().text(v)));
        }
    }
}

package org.lanner.config.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lanner.config.internal.Tree.Entry;
import org.lanner.config.internal.Tree.ListNode;
import org.lanner.config.internal.Tree.MapNode;
import org.lanner.config.internal.Tree.Node;
import org.lanner.config.internal.Tree.Origin;
import org.lanner.config.internal.Tree.Scalar;

/**
 * Reads a document tree through the {@link Schema} into {@link Settings}: types and ranges of
 * each key, then the checks Falco makes across keys. Reports every problem it finds, not only the
 * first.
 */
final class SettingsReader {

    private static final Map<String, Setting<?>> BY_KEY = byKey();
    private static final Set<String> SECTIONS = sections();

    private final Path file;
    private final Optional<Path> installEtc;
    private final String fileName;
    private final Problems problems;
    private final Map<Setting<?>, Object> values = new HashMap<>();
    private final Map<Setting<?>, Node> given = new HashMap<>();
    private final Set<Setting<?>> failed = new HashSet<>();
    private final List<PassThrough> extras = new ArrayList<>();
    private final List<PluginSpec> plugins = new ArrayList<>();
    private Optional<List<String>> loadPlugins = Optional.empty();
    private ListNode loadPluginsNode;

    private SettingsReader(Path file, String fileName, Optional<Path> installEtc, Problems problems) {
        this.file = file;
        this.installEtc = installEtc.map(p -> p.toAbsolutePath().normalize());
        this.fileName = fileName;
        this.problems = problems;
    }

    /**
     * Reads {@code root}; null when anything is wrong (all of it reported in {@code problems}).
     *
     * @param file the absolute path of the file, for resolving relative rules paths
     * @param fileName how messages name the file
     * @param installEtc the installation's configuration folder, the second place a relative rules path is looked for
     */
    static Settings read(MapNode root, Path file, String fileName, Optional<Path> installEtc, Problems problems) {
        SettingsReader r = new SettingsReader(file, fileName, installEtc, problems);
        for (Entry e : root.entries()) {
            r.readTop(e);
        }
        for (Setting<?> s : Schema.SETTINGS) {
            r.values.putIfAbsent(s, s.defaultValue());
        }
        r.crossCheck();
        List<Path> rules = r.rulesFiles();
        if (problems.hasErrors()) {
            return null;
        }
        return new Settings(file, r.values, rules, r.plugins, r.loadPlugins, r.extras);
    }

    private void readTop(Entry e) {
        String key = e.key();
        Setting<?> s = BY_KEY.get(key);
        if (s != null) {
            readSetting(s, e.value());
        } else if (SECTIONS.contains(key)) {
            readSection(key, e.value());
        } else if (key.equals(Schema.PLUGINS)) {
            readPlugins(e.value());
        } else if (key.equals(Schema.LOAD_PLUGINS)) {
            List<String> names = ValueType.list(ValueType.text()).read(e.value(), problems, key);
            if (names != null) {
                loadPlugins = Optional.of(names);
                loadPluginsNode = e.value() instanceof ListNode l ? l : null;
            }
        } else {
            problems.warning(e.keyOrigin(), key, "unknown key, ignored (Falco ignores keys it does not know)");
        }
    }

    private void readSetting(Setting<?> s, Node node) {
        Object v = s.type().read(node, problems, s.key());
        if (v == null) {
            failed.add(s);
        } else {
            values.put(s, v);
            given.put(s, node);
        }
    }

    private void readSection(String top, Node node) {
        if (node instanceof Scalar sc && sc.isNull()) {
            return;
        }
        if (!(node instanceof MapNode map)) {
            problems.error(node.origin(), top, "expected a section (a map of keys), found " + node.describe());
            for (Setting<?> s : Schema.SETTINGS) {
                if (s.top().equals(top)) {
                    failed.add(s);
                }
            }
            return;
        }
        for (Entry child : map.entries()) {
            String full = top + "." + child.key();
            Setting<?> s = BY_KEY.get(full);
            if (s != null) {
                readSetting(s, child.value());
                continue;
            }
            Optional<Schema.Route> route = Schema.route(top);
            if (route.isPresent()) {
                PassThrough.flatten(full, child.value(), extras);
                problems.warning(child.keyOrigin(), full, "unknown key, passed to " + route.get().target().pid()
                        + " as it is (Falco ignores keys it does not know)");
            } else {
                problems.warning(child.keyOrigin(), full, "unknown key, ignored (Falco ignores keys it does not know)");
            }
        }
    }

    // ---- plugins ---------------------------------------------------------------------------

    private void readPlugins(Node node) {
        if (node instanceof Scalar s && s.isNull()) {
            return;
        }
        if (!(node instanceof ListNode list)) {
            problems.error(node.origin(), Schema.PLUGINS, "expected a list of plugins, found " + node.describe());
            return;
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String key = Schema.PLUGINS + "[" + i + "]";
            if (!(item instanceof MapNode entry)) {
                problems.error(item.origin(), key,
                        "expected a plugin (a map with name, library_path, init_config, open_params), found " + item.describe());
                continue;
            }
            PluginSpec p = readPlugin(entry, key);
            if (p == null) {
                continue;
            }
            Integer earlier = names.putIfAbsent(p.name(), i);
            if (earlier != null) {
                problems.error(entry.get("name").value().origin(), key + ".name",
                        "duplicate plugin name '" + p.name() + "' (also " + Schema.PLUGINS + "[" + earlier + "])");
                continue;
            }
            plugins.add(p);
        }
    }

    private PluginSpec readPlugin(MapNode entry, String key) {
        String name = requiredText(entry, "name", key);
        String library = requiredText(entry, "library_path", key);
        String init = "";
        Node initNode = entry.value("init_config");
        boolean ok = name != null && library != null;
        if (initNode instanceof MapNode) {
            init = Scalars.json(initNode);
        } else if (initNode instanceof Scalar s) {
            init = s.isNull() ? "" : s.text();
        } else if (initNode != null) {
            problems.error(initNode.origin(), key + ".init_config", "expected text or a map, found " + initNode.describe());
            ok = false;
        }
        String open = "";
        Node openNode = entry.value("open_params");
        if (openNode != null && !(openNode instanceof Scalar s && s.isNull())) {
            open = ValueType.text().read(openNode, problems, key + ".open_params");
            ok &= open != null;
        }
        List<PassThrough> pluginExtras = new ArrayList<>();
        for (Entry e : entry.entries()) {
            if (Schema.PLUGIN_KEYS.stream().noneMatch(k -> k.key().equals(e.key()))) {
                PassThrough.flatten(e.key(), e.value(), pluginExtras);
                problems.warning(e.keyOrigin(), key + "." + e.key(),
                        "unknown key, passed to the plugin's configuration as it is (Falco ignores keys it does not know)");
            }
        }
        return ok ? new PluginSpec(name, library, init, open, pluginExtras) : null;
    }

    private String requiredText(MapNode entry, String child, String key) {
        Entry e = entry.get(child);
        if (e == null) {
            problems.error(entry.origin(), key + "." + child, "is required");
            return null;
        }
        String v = ValueType.text().read(e.value(), problems, key + "." + child);
        if (v != null && v.isBlank()) {
            problems.error(e.value().origin(), key + "." + child, "must not be empty");
            return null;
        }
        return v;
    }

    // ---- checks across keys ----------------------------------------------------------------

    private void crossCheck() {
        requireWhenEnabled(Schema.FILE_ENABLED, Schema.FILE_FILENAME, "the file output is enabled but has no filename");
        requireWhenEnabled(Schema.PROGRAM_ENABLED, Schema.PROGRAM_PROGRAM, "the program output is enabled but has no program");
        requireWhenEnabled(Schema.HTTP_ENABLED, Schema.HTTP_URL, "the HTTP output is enabled but has no url");

        if (!failed.contains(Schema.DROPS_ACTIONS)) {
            List<String> actions = get(Schema.DROPS_ACTIONS);
            if (actions.isEmpty()) {
                values.put(Schema.DROPS_ACTIONS, List.of("ignore"));
            } else if (actions.contains("ignore") && (actions.contains("log") || actions.contains("alert"))) {
                // Falco's words; it names the first action that clashes (and only when ignore comes first)
                String clash = actions.stream().filter(a -> a.equals("log") || a.equals("alert")).findFirst().orElseThrow();
                problems.error(origin(Schema.DROPS_ACTIONS), Schema.DROPS_ACTIONS.key(),
                        "syscall event drop action \"" + clash + "\" does not make sense with the \"ignore\" action");
            } else {
                values.put(Schema.DROPS_ACTIONS, List.copyOf(new LinkedHashSet<>(actions)));
            }
        }

        boolean anyOutputUnknown = Schema.OUTPUT_SWITCHES.values().stream().anyMatch(failed::contains)
                || failed.contains(Schema.GRPC_ENABLED);
        boolean anyOutput = Schema.OUTPUT_SWITCHES.entrySet().stream().anyMatch(
                e -> get(e.getValue()) && (!e.getKey().equals("grpc") || get(Schema.GRPC_ENABLED)));
        if (!anyOutput && !anyOutputUnknown) {
            problems.error(new Origin(fileName, 0), "", "no output is enabled: enable at least one of stdout_output, "
                    + "file_output, syslog_output, program_output, http_output, or grpc with grpc_output "
                    + "(Falco does not start without one)");
        }

        if (loadPluginsNode != null || loadPlugins.isPresent()) {
            List<String> names = loadPlugins.orElse(List.of());
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (plugins.stream().noneMatch(p -> p.name().equals(n))) {
                    Origin o = loadPluginsNode != null && i < loadPluginsNode.items().size()
                            ? loadPluginsNode.items().get(i).origin() : new Origin(fileName, 0);
                    problems.warning(o, Schema.LOAD_PLUGINS + "[" + i + "]",
                            "no plugin named '" + n + "' in plugins: nothing to load (Falco ignores it)");
                }
            }
        }
    }

    private void requireWhenEnabled(Setting<Boolean> enabled, Setting<String> required, String message) {
        if (failed.contains(enabled) || failed.contains(required) || !get(enabled)) {
            return;
        }
        if (get(required).isBlank()) {
            Setting<?> at = given.containsKey(required) ? required : enabled;
            problems.error(origin(at), required.key(), message);
        }
    }

    /**
     * {@code rules_file} resolved: {@code -o} entries against the working directory; file entries against the
     * file's folder, else (when missing there) against the installation's folder; a relative entry found in
     * neither is reported with both paths tried, and left pointing next to the file.
     */
    private List<Path> rulesFiles() {
        if (failed.contains(Schema.RULES_FILE)) {
            return List.of();
        }
        List<String> entries = get(Schema.RULES_FILE);
        Node node = given.get(Schema.RULES_FILE);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            Node itemNode = node instanceof ListNode l ? l.items().get(i) : node;
            Origin o = itemNode == null ? new Origin(fileName, 0) : itemNode.origin();
            if (entry.isBlank()) {
                problems.error(o, Schema.RULES_FILE.key() + "[" + i + "]", "empty path");
                continue;
            }
            Path p;
            try {
                p = Path.of(entry);
            } catch (InvalidPathException e) {
                problems.error(o, Schema.RULES_FILE.key() + "[" + i + "]", "not a valid path: " + e.getReason());
                continue;
            }
            out.add(resolveRulesPath(p, o, Schema.RULES_FILE.key() + "[" + i + "]"));
        }
        return out;
    }

    private Path resolveRulesPath(Path p, Origin o, String key) {
        if (o.fromOverride()) {
            return Path.of("").toAbsolutePath().resolve(p).normalize();
        }
        Path nextToFile = file.getParent().resolve(p).normalize();
        if (p.isAbsolute() || Files.exists(nextToFile) || installEtc.isEmpty()
                || installEtc.get().equals(file.getParent())) {
            return nextToFile;
        }
        Path installed = installEtc.get().resolve(p).normalize();
        if (Files.exists(installed)) {
            return installed;
        }
        problems.warning(o, key, "no such file or folder: tried " + nextToFile + " and " + installed);
        return nextToFile;
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Setting<T> s) {
        return (T) values.get(s);
    }

    private Origin origin(Setting<?> s) {
        Node n = given.get(s);
        return n != null ? n.origin() : new Origin(fileName, 0);
    }

    private static Map<String, Setting<?>> byKey() {
        Map<String, Setting<?>> m = new HashMap<>();
        Schema.SETTINGS.forEach(s -> m.put(s.key(), s));
        return Map.copyOf(m);
    }

    private static Set<String> sections() {
        Set<String> m = new HashSet<>();
        Schema.SETTINGS.stream().filter(Setting::nested).forEach(s -> m.add(s.top()));
        return Set.copyOf(m);
    }
}

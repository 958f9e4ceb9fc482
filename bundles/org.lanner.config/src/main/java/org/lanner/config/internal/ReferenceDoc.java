package org.lanner.config.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The generated part of {@code docs/config-reference.md}: every key with its type, both defaults,
 * its PID and meaning, and the dispatch table, all from the {@link Schema}. A unit test fails when
 * the document and this text differ.
 */
final class ReferenceDoc {

    static final String BEGIN = "<!-- BEGIN GENERATED from org.lanner.config's Schema: do not edit by hand -->";
    static final String END = "<!-- END GENERATED -->";
    static final String DEFAULT_FILE = "/org/lanner/config/lanner.yaml";

    private ReferenceDoc() {
    }

    /** The shipped lanner.yaml, as bytes. */
    static byte[] defaultFile() {
        try (InputStream in = ReferenceDoc.class.getResourceAsStream(DEFAULT_FILE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle has no " + DEFAULT_FILE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generated text, from {@link #BEGIN} to {@link #END} inclusive. */
    static String generate() {
        ConfigLoader.Loaded shipped = ConfigLoader.load(Path.of("lanner.yaml"), defaultFile(), List.of());
        if (shipped.settings() == null) {
            throw new IllegalStateException("the shipped lanner.yaml is invalid: " + shipped.result().problems());
        }
        Settings s = shipped.settings();
        StringBuilder sb = new StringBuilder();
        sb.append(BEGIN).append("\n\n");

        sb.append("### Keys\n\n");
        sb.append("\"Default\" is the value when the key is left out (Falco 0.30's built-in default); ")
                .append("\"shipped\" is the value in the `lanner.yaml` Lanner ships.\n\n");
        sb.append("| key | type | default | shipped | PID: property | what it does |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Setting<?> setting : Schema.SETTINGS) {
            row(sb, setting, s);
        }
        sb.append("| `").append(Schema.LOAD_PLUGINS).append("` | list of text | absent (all plugins) | `[]` | not dispatched | ")
                .append(cell(Schema.LOAD_PLUGINS_DESCRIPTION)).append(" |\n");
        for (Schema.PluginKey k : Schema.PLUGIN_KEYS) {
            sb.append("| `").append(Schema.PLUGINS).append("[].").append(k.key()).append("` | ").append(k.type())
                    .append(" | ").append(k.required() ? "required" : code(k.defaultText())).append(" | ")
                    .append(shippedPlugin(s, k.key())).append(" | `").append(Schema.PLUGIN_FACTORY_PID)
                    .append("~<name>`: `").append(k.key()).append("` | ").append(cell(k.description())).append(" |\n");
        }

        sb.append("\n### Dispatch table\n\n");
        sb.append("| PID | exists when | properties |\n|---|---|---|\n");
        for (Schema.Target t : Schema.TARGETS) {
            List<String> props = Schema.SETTINGS.stream()
                    .filter(x -> Schema.route(x.top()).map(r -> r.target().equals(t)).orElse(false))
                    .map(x -> "`" + Schema.route(x.top()).get().property(x.key()) + "`")
                    .collect(Collectors.toList());
            List<String> inner = Schema.ROUTES.stream()
                    .filter(r -> r.target().equals(t) && Schema.SETTINGS.stream().anyMatch(x -> x.nested() && x.top().equals(r.top())))
                    .map(r -> "`" + r.top() + ".*`" + (r.inner() ? "" : " (named `" + r.top() + ".<key>`)")).toList();
            sb.append("| `").append(t.pid()).append("` | ")
                    .append(t.when() == null ? "always" : "`" + t.when().key() + "` is true").append(" | ")
                    .append(String.join(", ", props));
            if (!inner.isEmpty()) {
                sb.append(", and any other key of ").append(String.join(", ", inner));
            }
            sb.append(" |\n");
        }
        sb.append("| `").append(Schema.PLUGIN_FACTORY_PID).append("~<name>` (factory `")
                .append(Schema.PLUGIN_FACTORY_PID).append("`, name = the plugin's name) | the entry is selected by `")
                .append(Schema.LOAD_PLUGINS).append("` | ")
                .append(Schema.PLUGIN_KEYS.stream().map(k -> "`" + k.key() + "`").collect(Collectors.joining(", ")))
                .append(", and any other key of the entry |\n");
        sb.append("\nEvery dispatched configuration also carries `").append(Schema.ORIGIN_PROPERTY)
                .append("` = the absolute path of the file it came from.\n\n");
        sb.append(END).append('\n');
        return sb.toString();
    }

    private static <T> void row(StringBuilder sb, Setting<T> setting, Settings shipped) {
        String target = Schema.route(setting.top())
                .map(r -> "`" + r.target().pid() + "`: `" + r.property(setting.key()) + "`")
                .orElse("not dispatched");
        sb.append("| `").append(setting.key()).append("` | ").append(cell(setting.type().describe())).append(" | ")
                .append(code(setting.defaultText())).append(" | ")
                .append(code(setting.type().text(shipped.get(setting)))).append(" | ")
                .append(target).append(" | ").append(cell(setting.description())).append(" |\n");
    }

    private static String shippedPlugin(Settings shipped, String key) {
        if (shipped.plugins().isEmpty()) {
            return "";
        }
        PluginSpec p = shipped.plugins().get(0);
        String v = switch (key) {
            case "name" -> p.name();
            case "library_path" -> p.libraryPath();
            case "init_config" -> p.initConfig();
            default -> p.openParams();
        };
        return code(v);
    }

    private static String code(String v) {
        return v.isEmpty() ? "`\"\"`" : "`" + cell(v) + "`";
    }

    private static String cell(String v) {
        return v.replace("|", "\\|").replace("\n", " ");
    }
}

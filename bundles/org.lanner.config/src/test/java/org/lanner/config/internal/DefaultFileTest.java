package org.lanner.config.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.config.internal.Tree.ListNode;
import org.lanner.config.internal.Tree.MapNode;
import org.lanner.config.internal.Tree.Node;

/** The lanner.yaml the distributions ship as etc/lanner.yaml. */
class DefaultFileTest {

    private static final Path AS_SHIPPED = Path.of("/opt/lanner/etc/lanner.yaml");

    private static ConfigLoader.Loaded loadShipped() {
        return ConfigLoader.load(AS_SHIPPED, ReferenceDoc.defaultFile(), List.of());
    }

    @Test
    void loadsWithNoProblemAndNoWarning() {
        ConfigLoader.Loaded l = loadShipped();
        assertThat(l.result().problems()).isEmpty();
        assertThat(l.result().warnings()).isEmpty();
    }

    @Test
    void writesOutEveryKey() {
        Problems problems = new Problems();
        MapNode root = YamlReader.readDocument(ReferenceDoc.defaultFile(), "lanner.yaml", problems);
        assertThat(problems.hasErrors()).isFalse();
        for (Setting<?> s : Schema.SETTINGS) {
            Node top = root.value(s.top());
            assertThat(top).as(s.key()).isNotNull();
            if (s.nested()) {
                assertThat(((MapNode) top).value(s.child())).as(s.key()).isNotNull();
            }
        }
        assertThat(root.value(Schema.LOAD_PLUGINS)).isNotNull();
        MapNode plugin = (MapNode) ((ListNode) root.value(Schema.PLUGINS)).items().get(0);
        for (Schema.PluginKey k : Schema.PLUGIN_KEYS) {
            assertThat(plugin.value(k.key())).as("plugins[0]." + k.key()).isNotNull();
        }
    }

    @Test
    void rulesAreFoundBesideTheFile() {
        Settings s = loadShipped().settings();
        assertThat(s.get(Schema.RULES_FILE)).containsExactly("rules/lanner_rules.yaml", "rules/lanner_rules.local.yaml", "rules.d");
        assertThat(s.rulesFiles()).containsExactly(Path.of("/opt/lanner/etc/rules/lanner_rules.yaml"),
                Path.of("/opt/lanner/etc/rules/lanner_rules.local.yaml"), Path.of("/opt/lanner/etc/rules.d"));
    }

    @Test
    void shipsFalcosOutputsAndServerAndNoPlugin() {
        Settings s = loadShipped().settings();
        assertThat(s.outputs()).containsExactly("stdout", "syslog");
        assertThat(DispatchPlan.of(s)).extracting(DispatchPlan.Item::pid).containsExactly("org.lanner.syscall",
                "org.lanner.engine", "org.lanner.output", "org.lanner.output.stdout", "org.lanner.output.syslog", "org.lanner.webserver",
                "org.lanner.log", "org.lanner.metadata");
    }

    @Test
    void namesNoFalcoPath() {
        assertThat(new String(ReferenceDoc.defaultFile(), UTF_8)).doesNotContain("/etc/falco").doesNotContain("falco.sock");
    }
}

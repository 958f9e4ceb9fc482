package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.rules.Fixture.errors;
import static org.lanner.rules.Fixture.load;
import static org.lanner.rules.Fixture.names;
import static org.lanner.rules.Fixture.select;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.output.Priority;

/** Minimum priority, -D, -T and -t, as Falco applies them. */
class SelectionTest {

    private static final String RULES = """
            - rule: Write below etc
              desc: d
              condition: evt.type = open
              output: o
              priority: ERROR
              tags: [filesystem, mitre_persistence]
            - rule: Read sensitive file
              desc: d
              condition: evt.type = open
              output: o
              priority: WARNING
              tags: [filesystem]
            - rule: Shell in container
              desc: d
              condition: evt.type = execve
              output: o
              priority: NOTICE
              tags: [shell, container]
            - rule: Debug noise
              desc: d
              condition: evt.type = close
              output: o
              priority: DEBUG
            - rule: Off by default
              desc: d
              condition: evt.type = close
              output: o
              priority: INFO
              enabled: false
              tags: [container]
            """;

    private static List<String> enabled(LoadedRuleset r) {
        return r.rules().stream().filter(CompiledRule::enabled).map(CompiledRule::name).toList();
    }

    @Test
    void everythingByDefault() {
        LoadedRuleset r = load(RULES);
        assertThat(errors(r)).isEmpty();
        assertThat(names(r)).hasSize(5);
        assertThat(enabled(r)).containsExactly("Write below etc", "Read sensitive file", "Shell in container", "Debug noise");
    }

    @Test
    void minimumPriorityDropsLessSevereRules() {
        LoadedRuleset r = load(select(Priority.WARNING, List.of(), List.of(), List.of()), RULES);
        assertThat(names(r)).containsExactly("Write below etc", "Read sensitive file");
        LoadedRuleset notice = load(select(Priority.NOTICE, List.of(), List.of(), List.of()), RULES);
        // Informational is below Notice since Falco 0.31 (0.30 treated it as Notice)
        assertThat(names(notice)).containsExactly("Write below etc", "Read sensitive file", "Shell in container");
    }

    @Test
    void overridesOfRulesBelowTheMinimumAreFine() {
        LoadedRuleset r = load(select(Priority.ERROR, List.of(), List.of(), List.of()), RULES + """
                - rule: Debug noise
                  append: true
                  condition: and proc.name = x
                - rule: Debug noise
                  enabled: true
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(names(r)).containsExactly("Write below etc");
    }

    @Test
    void disabledNameSubstrings() {
        LoadedRuleset r = load(select(null, List.of("sensitive", "Shell"), List.of(), List.of()), RULES);
        assertThat(enabled(r)).containsExactly("Write below etc", "Debug noise");
        LoadedRuleset all = load(select(null, List.of(""), List.of(), List.of()), RULES);
        assertThat(enabled(all)).isEmpty();
    }

    @Test
    void disabledTags() {
        LoadedRuleset r = load(select(null, List.of(), List.of("filesystem"), List.of()), RULES);
        assertThat(enabled(r)).containsExactly("Shell in container", "Debug noise");
    }

    @Test
    void enabledTagsEnableExactlyTheTaggedRules() {
        LoadedRuleset r = load(select(null, List.of(), List.of(), List.of("container", "mitre_persistence")), RULES);
        // like Falco, -t also enables a tagged rule the file disabled
        assertThat(enabled(r)).containsExactly("Write below etc", "Shell in container", "Off by default");
        assertThat(names(r)).hasSize(5);
    }
}

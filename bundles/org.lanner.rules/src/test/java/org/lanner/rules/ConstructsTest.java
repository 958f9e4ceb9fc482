package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.rules.Fixture.errors;
import static org.lanner.rules.Fixture.load;
import static org.lanner.rules.Fixture.matching;
import static org.lanner.rules.Fixture.names;
import static org.lanner.rules.Fixture.rule;
import static org.lanner.rules.Fixture.warnings;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.output.Priority;
import org.lanner.filter.testing.TestEvent;
import org.lanner.filter.testing.TestFields;

class ConstructsTest {

    @Test
    void loadsRulesMacrosAndListsWithTheirKeys() {
        LoadedRuleset r = load("""
                - list: shell_binaries
                  items: [bash, sh, zsh]
                - macro: spawned_process
                  condition: evt.type = execve
                - rule: Shell spawned
                  desc: a shell was started
                  condition: spawned_process and proc.name in (shell_binaries)
                  output: "Shell %proc.name (pid=%proc.pid)"
                  priority: WARNING
                  tags: [shell, mitre_execution]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(warnings(r)).isEmpty();
        assertThat(r.macros()).isEqualTo(1);
        assertThat(r.lists()).isEqualTo(1);
        CompiledRule rule = rule(r, "Shell spawned");
        assertThat(rule.description()).isEqualTo("a shell was started");
        assertThat(rule.priority()).isEqualTo(Priority.WARNING);
        assertThat(rule.tags()).containsExactly("shell", "mitre_execution");
        assertThat(rule.source()).isEqualTo("syscall");
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.file()).isEqualTo("rules1.yaml");
        assertThat(rule.line()).isEqualTo(5);
        assertThat(rule.conditionText()).isEqualTo("spawned_process and proc.name in (shell_binaries)");
        assertThat(rule.eventTypes()).isEqualTo(TestFields.typesOf("execve"));
        assertThat(matching(r, TestEvent.of("execve").procName("zsh"))).containsExactly("Shell spawned");
        assertThat(matching(r, TestEvent.of("execve").procName("vim"))).isEmpty();
        assertThat(matching(r, TestEvent.of("open").procName("bash"))).isEmpty();
    }

    @Test
    void acceptsEveryPriorityNameAndCase() {
        String[][] cases = {
            {"Emergency", "EMERGENCY"}, {"emergency", "EMERGENCY"}, {"ALERT", "ALERT"}, {"Critical", "CRITICAL"},
            {"error", "ERROR"}, {"Warning", "WARNING"}, {"NOTICE", "NOTICE"}, {"Informational", "INFORMATIONAL"},
            {"INFORMATIONAL", "INFORMATIONAL"}, {"info", "INFORMATIONAL"}, {"INFO", "INFORMATIONAL"}, {"Info", "INFORMATIONAL"},
            {"debug", "DEBUG"}, {"Debug", "DEBUG"}};
        for (String[] c : cases) {
            LoadedRuleset r = load("""
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: o
                      priority: %s
                    """.formatted(c[0]));
            assertThat(errors(r)).as(c[0]).isEmpty();
            assertThat(rule(r, "r").priority()).as(c[0]).isEqualTo(Priority.valueOf(c[1]));
        }
    }

    @Test
    void severalDocumentsAndFilesShareDefinitions() {
        LoadedRuleset r = load("""
                - list: files
                  items: [/etc/shadow]
                ---
                - macro: open_read
                  condition: evt.type in (open, openat)
                """, """
                # comments and blank documents are fine
                ---
                ---
                - rule: Read sensitive
                  desc: d
                  condition: open_read and fd.name in (files)
                  output: "%fd.name"
                  priority: ERROR
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(rule(r, "Read sensitive").file()).isEqualTo("rules2.yaml");
        assertThat(rule(r, "Read sensitive").line()).isEqualTo(4);
        assertThat(matching(r, TestEvent.of("openat").fdName("/etc/shadow"))).containsExactly("Read sensitive");
    }

    @Test
    void emptyFilesAndDocumentsLoadNothing() {
        LoadedRuleset r = load("", "# only a comment\n", "---\n...\n", "[]");
        assertThat(r.problems()).isEmpty();
        assertThat(r.rules()).isEmpty();
    }

    @Test
    void listsNestAndAppendAndRedefine() {
        LoadedRuleset r = load("""
                - list: base
                  items: [a, b]
                - list: more
                  items: [base, c, "d e"]
                - list: base
                  append: true
                  items: [z]
                - list: other
                  items: [x]
                - list: other
                  items: [y]
                - list: empty
                  items: []
                - rule: r
                  desc: d
                  condition: evt.type = open and proc.sname in (more, other, empty)
                  output: o
                  priority: INFO
                """);
        assertThat(errors(r)).isEmpty();
        for (String name : List.of("a", "b", "c", "d e", "y", "z")) {
            assertThat(matching(r, TestEvent.of("open").procName(name))).as(name).containsExactly("r");
        }
        assertThat(matching(r, TestEvent.of("open").procName("x"))).isEmpty();
        assertThat(matching(r, TestEvent.of("open").procName("d"))).isEmpty();
    }

    @Test
    void listsReferToListsDefinedBeforeTheirLastDefinitionOnly() {
        LoadedRuleset r = load("""
                - list: early
                  items: [late_list]
                - list: late_list
                  items: [x]
                - rule: r
                  desc: d
                  condition: evt.type = open and proc.sname in (early)
                  output: o
                  priority: INFO
                """);
        assertThat(errors(r)).isEmpty();
        // 'late_list' is not visible from 'early', so it stays a plain value
        assertThat(matching(r, TestEvent.of("open").procName("late_list"))).containsExactly("r");
        assertThat(matching(r, TestEvent.of("open").procName("x"))).isEmpty();
    }

    @Test
    void macrosNestDeeplyAppendAndRedefine() {
        StringBuilder yaml = new StringBuilder("""
                - macro: m0
                  condition: evt.type = open
                """);
        for (int i = 1; i <= 40; i++) {
            yaml.append("- macro: m").append(i).append("\n  condition: (m").append(i - 1).append(" and proc.pid > ")
                    .append(i).append(")\n");
        }
        yaml.append("""
                - macro: m0
                  append: true
                  condition: or evt.type = close
                - macro: picky
                  condition: proc.name = never
                - macro: picky
                  condition: proc.name = bash
                - rule: deep
                  desc: d
                  condition: m40 and picky
                  output: o
                  priority: INFO
                """);
        LoadedRuleset r = load(yaml.toString());
        assertThat(errors(r)).isEmpty();
        assertThat(rule(r, "deep").eventTypes()).isEqualTo(TestFields.typesOf("open", "close"));
        assertThat(matching(r, TestEvent.of("close").procName("bash").pid(100))).containsExactly("deep");
        assertThat(matching(r, TestEvent.of("close").procName("bash").pid(40))).isEmpty();
        assertThat(matching(r, TestEvent.of("close").procName("never").pid(100))).isEmpty();
    }

    @Test
    void redefinitionKeepsTheFirstPosition() {
        LoadedRuleset r = load("""
                - rule: first
                  desc: d
                  condition: evt.type = open and proc.name = a
                  output: o
                  priority: INFO
                - rule: second
                  desc: d
                  condition: evt.type = open
                  output: o
                  priority: INFO
                - rule: first
                  desc: redefined
                  condition: evt.type = open and proc.name = b
                  output: o2
                  priority: ERROR
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(names(r)).containsExactly("first", "second");
        CompiledRule first = rule(r, "first");
        assertThat(first.description()).isEqualTo("redefined");
        assertThat(first.priority()).isEqualTo(Priority.ERROR);
        assertThat(first.line()).isEqualTo(11);
        assertThat(matching(r, TestEvent.of("open").procName("b"))).containsExactly("first", "second");
        assertThat(matching(r, TestEvent.of("open").procName("a"))).containsExactly("second");
    }

    @Test
    void appendedConditionsAreJoinedWithASpace() {
        LoadedRuleset r = load("""
                - rule: r
                  desc: d
                  condition: evt.type = open and (proc.name = a
                  output: o
                  priority: INFO
                - rule: r
                  append: true
                  condition: or proc.name = b)
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(rule(r, "r").conditionText()).isEqualTo("evt.type = open and (proc.name = a or proc.name = b)");
        assertThat(matching(r, TestEvent.of("open").procName("b"))).containsExactly("r");
    }

    @Test
    void enabledOnlyItemsOverrideAndRulesCanBeDisabled() {
        LoadedRuleset r = load("""
                - rule: on_by_default
                  desc: d
                  condition: evt.type = open
                  output: o
                  priority: INFO
                - rule: off_in_file
                  desc: d
                  condition: evt.type = open
                  output: o
                  priority: INFO
                  enabled: false
                - rule: on_by_default
                  enabled: false
                - rule: off_in_file
                  enabled: true
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(rule(r, "on_by_default").enabled()).isFalse();
        assertThat(rule(r, "off_in_file").enabled()).isTrue();
        assertThat(names(r)).containsExactly("on_by_default", "off_in_file");
        assertThat(matching(r, TestEvent.of("open"))).containsExactly("off_in_file");
    }

    @Test
    void sourcesAndPendingRules() {
        LoadedRuleset r = load(LoadOptions.of(11, new Fixture.Resolver("syscall")), """
                - rule: audit
                  desc: d
                  condition: ka.images intersects (nginx)
                  output: "%ka.images"
                  priority: INFO
                  source: k8s_audit
                - rule: sys
                  desc: d
                  condition: evt.type = open
                  output: o
                  priority: INFO
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(names(r)).containsExactly("sys");
        assertThat(r.pending()).containsExactly("audit");
        assertThat(warnings(r)).containsExactly("1:3 rule 'audit' (unknown-source) unknown source k8s_audit: the rule is pending until a source of that name is present");
    }

    @Test
    void skipIfUnknownFilterMakesTheRulePending() {
        LoadedRuleset r = load("""
                - rule: future
                  desc: d
                  condition: evt.type = open and future.field = x
                  output: o
                  priority: INFO
                  skip-if-unknown-filter: true
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(r.rules()).isEmpty();
        assertThat(r.pending()).containsExactly("future");
        assertThat(warnings(r)).containsExactly(
                "3:34 rule 'future' (unknown-field) unknown field 'future.field': the rule is skipped (skip-if-unknown-filter) and pending");
    }

    @Test
    void warnEvttypesFalseSilencesTheEventTypeWarning() {
        LoadedRuleset r = load("""
                - rule: broad
                  desc: d
                  condition: proc.name = bash
                  output: o
                  priority: INFO
                  warn_evttypes: false
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(rule(r, "broad").eventTypes()).isNull();
    }

    @Test
    void foldedAndLiteralBlockScalarsWork() {
        LoadedRuleset r = load("""
                - rule: r
                  desc: >
                    a long
                    description
                  condition: >
                    evt.type = open
                    and proc.name = bash
                  output: >
                    Opened %fd.name
                    by %proc.name
                  priority: INFO
                - rule: lit
                  desc: d
                  condition: |
                    evt.type = open
                      and proc.name = sh
                  output: |
                    x
                  priority: INFO
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(rule(r, "r").description()).isEqualTo("a long description\n");
        assertThat(rule(r, "r").outputText()).isEqualTo("Opened %fd.name by %proc.name");
        assertThat(rule(r, "lit").outputText()).isEqualTo("x");
        assertThat(matching(r, TestEvent.of("open").procName("sh"))).containsExactly("lit");
    }

    @Test
    void errorsInAppendedTextPointIntoTheFileThatAppended() {
        LoadedRuleset r = load("""
                - rule: r
                  desc: d
                  condition: evt.type = open
                  output: o
                  priority: INFO
                """, """
                # local overrides
                - rule: r
                  append: true
                  condition: |
                    and proc.name = bash
                      and proc.bogus = 1
                """);
        assertThat(errors(r)).containsExactly("rules2.yaml:6:11 rule 'r' unknown field 'proc.bogus'");
    }

    @Test
    void aLoaderCanBeReusedAndFilesLoadedFromDisk(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("b.yaml"), """
                - rule: from_b
                  desc: d
                  condition: evt.type = open and my_macro
                  output: o
                  priority: INFO
                """);
        java.nio.file.Files.writeString(dir.resolve("a.yml"), """
                - macro: my_macro
                  condition: proc.name = bash
                """);
        java.nio.file.Files.writeString(dir.resolve("ignored.txt"), "not rules");
        RulesLoader loader = new RulesLoader(LoadOptions.of(11, new Fixture.Resolver()));
        LoadedRuleset r1 = loader.load(List.of(dir));
        LoadedRuleset r2 = loader.load(List.of(dir.resolve("a.yml"), dir.resolve("b.yaml")));
        assertThat(errors(r1)).isEmpty();
        assertThat(names(r1)).containsExactly("from_b");
        assertThat(names(r2)).containsExactly("from_b");
        LoadedRuleset missing = loader.load(List.of(dir.resolve("nope.yaml")));
        assertThat(missing.ok()).isFalse();
        assertThat(missing.errors().get(0).message()).startsWith("cannot read rules file");
    }
}

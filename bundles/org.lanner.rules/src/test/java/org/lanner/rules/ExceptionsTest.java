package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.rules.Fixture.errors;
import static org.lanner.rules.Fixture.load;
import static org.lanner.rules.Fixture.matching;

import org.junit.jupiter.api.Test;
import org.lanner.filter.testing.TestEvent;

/** Exceptions: the rule does not fire when one of its exception items matches. */
class ExceptionsTest {

    private static final String BASE = """
            - list: trusted_names
              items: [apt, "yum install", dnf]
            - rule: r
              desc: d
              condition: evt.type = open and fd.name startswith /etc
              output: o
              priority: WARNING
            """;

    private static TestEvent open(String proc, String file) {
        return TestEvent.of("open").procName(proc).fdName(file);
    }

    @Test
    void singleFieldExceptionsUseInByDefault() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: by_name
                      fields: proc.sname
                      values: [vim, "my editor"]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("vim", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("my editor", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("nano", "/etc/hosts"))).containsExactly("r");
    }

    @Test
    void singleFieldExceptionWithAnOperatorAndAListReference() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: by_prefix
                      fields: [fd.name]
                      comps: [startswith]
                      values: [[/etc/ssl/]]
                    - name: trusted
                      fields: proc.sname
                      values: [trusted_names]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("nano", "/etc/ssl/cert.pem"))).isEmpty();
        assertThat(matching(r, open("dnf", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("yum install", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("yum", "/etc/hosts"))).containsExactly("r");
    }

    @Test
    void singleFieldExceptionsNeedAListOperatorAsInFalco() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: by_prefix
                      fields: fd.name
                      comps: startswith
                      values: [/etc/ssl/]
                """);
        assertThat(errors(r)).containsExactly("9:7 rule 'r' exception by_prefix: cannot compile \"(fd.name startswith (/etc/ssl/))\": "
                + "operator 'startswith' takes one value, not a list");
    }

    @Test
    void tuplesMatchOnlyTogether() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: proc_file
                      fields: [proc.sname, fd.name]
                      comps: [=, startswith]
                      values:
                        - [vim, /etc/vim]
                        - [sshd, /etc/ssh/]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("vim", "/etc/vimrc"))).isEmpty();
        assertThat(matching(r, open("sshd", "/etc/ssh/sshd_config"))).isEmpty();
        assertThat(matching(r, open("vim", "/etc/ssh/sshd_config"))).containsExactly("r");
        assertThat(matching(r, open("sshd", "/etc/vimrc"))).containsExactly("r");
    }

    @Test
    void tupleValuesMayBeInlineListsOrListReferencesForListOperators() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: managers
                      fields: [proc.sname, fd.name]
                      comps: [in, pmatch]
                      values:
                        - [trusted_names, [/etc/apt, /etc/yum.repos.d]]
                        - [[rpm, "dpkg x"], /etc/dpkg]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("apt", "/etc/apt/sources.list"))).isEmpty();
        assertThat(matching(r, open("dnf", "/etc/yum.repos.d/x.repo"))).isEmpty();
        assertThat(matching(r, open("dpkg x", "/etc/dpkg/dpkg.cfg"))).isEmpty();
        assertThat(matching(r, open("rpm", "/etc/apt/x"))).containsExactly("r");
        assertThat(matching(r, open("apt", "/etc/passwd"))).containsExactly("r");
    }

    @Test
    void defaultCompsAreEqualsForTuples() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: exact
                      fields: [proc.sname, fd.name]
                      values:
                        - [cat, /etc/hosts]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("cat", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("cat", "/etc/hostsx"))).containsExactly("r");
    }

    @Test
    void valuesAreLiteralEvenWithQuotesAndBackslashes() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: odd
                      fields: [proc.sname]
                      values:
                        - ['C:\\Program Files\\x']
                        - ['"quoted by the author"']
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("C:\\Program Files\\x", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("quoted by the author", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("other", "/etc/hosts"))).containsExactly("r");
    }

    @Test
    void anExceptionWithoutValuesExcludesNothing() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: none_yet
                      fields: [proc.sname, fd.name]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("vim", "/etc/hosts"))).containsExactly("r");
    }

    @Test
    void appendingAddsValuesToExistingItemsAndNewItems() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: by_name
                      fields: proc.sname
                      values: [vim]
                """, """
                - rule: r
                  append: true
                  exceptions:
                    - name: by_name
                      values: [emacs]
                    - name: by_file
                      fields: [fd.name]
                      comps: [endswith]
                      values: [[.bak]]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("vim", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("emacs", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("nano", "/etc/hosts.bak"))).isEmpty();
        assertThat(matching(r, open("nano", "/etc/hosts"))).containsExactly("r");
    }

    @Test
    void appendingConditionAndExceptionsTogether() {
        LoadedRuleset r = load(BASE + """
                - rule: r
                  append: true
                  condition: and proc.sname != root_tool
                  exceptions:
                    - name: late
                      fields: proc.sname
                      values: [vim]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(matching(r, open("root_tool", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("vim", "/etc/hosts"))).isEmpty();
        assertThat(matching(r, open("nano", "/etc/hosts"))).containsExactly("r");
    }

    @Test
    void exceptionsKeepTheRulesEventTypes() {
        LoadedRuleset r = load(BASE + """
                  exceptions:
                    - name: by_name
                      fields: proc.sname
                      values: [vim]
                """);
        assertThat(Fixture.rule(r, "r").eventTypes()).isEqualTo(org.lanner.filter.testing.TestFields.typesOf("open"));
    }
}

package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.rules.Fixture.errors;
import static org.lanner.rules.Fixture.load;
import static org.lanner.rules.Fixture.warnings;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every warning Falco gives, with where it is given. A warning never prevents loading. */
class WarningsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of("no event type restriction", """
                    - rule: r
                      desc: d
                      condition: proc.name = bash
                      output: o
                      priority: INFO
                    """, "1:3 rule 'r' (no-evttype) the condition does not restrict evt.type"),
            Arguments.of("negative event type match", """
                    - rule: r
                      desc: d
                      condition: evt.type != open and proc.name = bash
                      output: o
                      priority: INFO
                    """, "1:3 rule 'r' (trailing-evttype) an evt.type comparison follows a negation"),
            Arguments.of("negated event type list", """
                    - rule: r
                      desc: d
                      condition: not evt.type in (open, close) and proc.name = bash
                      output: o
                      priority: INFO
                    """, "1:3 rule 'r' (trailing-evttype) an evt.type comparison follows a negation"),
            Arguments.of("event type after a negation", """
                    - rule: r
                      desc: d
                      condition: not proc.name = bash and evt.type = open
                      output: o
                      priority: INFO
                    """, "1:3 rule 'r' (trailing-evttype) an evt.type comparison follows a negation"),
            Arguments.of("contradictory event types", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and evt.type = close
                      output: o
                      priority: INFO
                    """, "1:3 rule 'r' (never-matches) the condition matches no event type: the rule can never trigger"),
            Arguments.of("item is a list", """
                    - [a, b]
                    """, "1:3 unknown top level object (a list): ignored"),
            Arguments.of("appending values to an exception the rule does not have", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: o
                      priority: INFO
                    - rule: r
                      append: true
                      exceptions:
                        - name: new
                          values: [[x]]
                    """, "9:7 rule 'r' rule exception item new appended without fields matches no exception of the rule"),
            Arguments.of("unused macro", """
                    - macro: lonely
                      condition: proc.name = x
                    """, "1:3 macro 'lonely' (unused-macro) macro lonely not referred to by any rule or macro"),
            Arguments.of("unused list", """
                    - list: lonely
                      items: [a]
                    """, "1:3 list 'lonely' (unused-list) list lonely not referred to by any rule, macro or list"),
            Arguments.of("unknown top level object", """
                    - something: else
                      with: keys
                    """, "1:3 unknown top level object with keys [something, with]: ignored"),
            Arguments.of("unknown source", """
                    - rule: r
                      desc: d
                      condition: x.y = 1
                      output: o
                      priority: INFO
                      source: aws_cloudtrail
                    """, "1:3 rule 'r' (unknown-source) unknown source aws_cloudtrail: the rule is pending"),
            Arguments.of("unknown field with skip-if-unknown-filter", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and some.new_field = 1
                      output: o
                      priority: INFO
                      skip-if-unknown-filter: true
                    """, "3:34 rule 'r' (unknown-field) unknown field 'some.new_field': the rule is skipped"),
            Arguments.of("unknown exception field with skip-if-unknown-filter", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: o
                      priority: INFO
                      skip-if-unknown-filter: true
                      exceptions:
                        - name: e
                          fields: some.new_field
                          values: [x]
                    """, "8:7 rule 'r' (unknown-field) unknown field 'some.new_field': the rule is skipped"),
            Arguments.of("comparison with <NA> on audit fields", """
                    - rule: r
                      desc: d
                      condition: ka.images = <NA>
                      output: o
                      priority: INFO
                      source: k8s_audit
                    """, "3:14 rule 'r' (unsafe-na-check) comparing a field value with <NA> is unsafe"));
    }

    /**
     * Falco 0.30 read event types from the shape of the condition: an evt.type comparison with no negation
     * before it is a restriction, even under an "or". It gave no warning here (and ran the rule for open
     * events only); Lanner gives none either, and evaluates the whole condition on every event.
     */
    @org.junit.jupiter.api.Test
    void anEventTypeUnderAnOrIsNoWarning() {
        LoadedRuleset r = load("""
                - rule: r
                  desc: d
                  condition: evt.type = open or proc.name = bash
                  output: o
                  priority: INFO
                """);
        assertThat(r.ok()).isTrue();
        assertThat(warnings(r)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void warnsWhereFalcoWarns(String name, String yaml, String expected) {
        LoadedRuleset r = load(yaml);
        assertThat(errors(r)).as(name).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(warnings(r)).as(name).hasSize(1);
        assertThat(warnings(r).get(0)).as(name).startsWith(expected);
    }
}

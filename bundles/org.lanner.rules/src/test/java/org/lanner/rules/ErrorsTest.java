package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.rules.Fixture.errors;
import static org.lanner.rules.Fixture.load;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error the loader reports, with where it reports it: "line:column kind 'name' message". */
class ErrorsTest {

    private static final String RULE = """
            - rule: r
              desc: d
              condition: evt.type = open
              output: o
              priority: INFO
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
            // YAML and shape
            Arguments.of("yaml syntax", """
                    - rule: r
                      desc: [unclosed
                    - rule: s
                    """, "3:7 YAML syntax error: expected ',' or ']', but got : (while parsing a flow sequence)"),
            Arguments.of("top level map", """
                    rule: r
                    desc: d
                    """, "1:1 rules content is not a YAML list of objects"),
            Arguments.of("top level scalar", "just some text\n", "1:1 rules content is not YAML"),
            Arguments.of("item not a map", """
                    - just a string
                    """, "1:3 unexpected element of type scalar: each element should be a YAML map"),
            // missing keys
            Arguments.of("rule without condition", """
                    - rule: r
                      desc: d
                      output: o
                      priority: INFO
                    """, "1:3 rule 'r' rule must have property condition"),
            Arguments.of("rule without output", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      priority: INFO
                    """, "1:3 rule 'r' rule must have property output"),
            Arguments.of("rule without desc", """
                    - rule: r
                      condition: evt.type = open
                      output: o
                      priority: INFO
                    """, "1:3 rule 'r' rule must have property desc"),
            Arguments.of("rule without priority", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: o
                    """, "1:3 rule 'r' rule must have property priority"),
            Arguments.of("rule with empty name", """
                    - rule: ""
                      desc: d
                    """, "1:3 rule rule name is empty"),
            Arguments.of("invalid priority", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: o
                      priority: SEVERE
                    """, "5:13 rule 'r' invalid priority 'SEVERE'"),
            Arguments.of("enabled not a boolean", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: o
                      priority: INFO
                      enabled: maybe
                    """, "6:12 rule 'r' expected true or false, found 'maybe'"),
            Arguments.of("tags not a list", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: o
                      priority: INFO
                      tags: shell
                    """, "6:9 rule 'r' tags must be a list of strings"),
            Arguments.of("macro without condition", """
                    - macro: m
                    """, "1:3 macro 'm' macro must have property condition"),
            Arguments.of("macro with empty name", """
                    - macro:
                      condition: x.y = 1
                    """, "1:3 macro macro name is empty"),
            Arguments.of("list without items", """
                    - list: l
                    """, "1:3 list 'l' list must have property items"),
            Arguments.of("list items not a list", """
                    - list: l
                      items: a
                    """, "2:10 list 'l' list must have property items"),
            Arguments.of("list item not a string", """
                    - list: l
                      items: [a, {b: c}]
                    """, "2:14 list 'l' list items must be strings, found map"),
            // append and override without a definition
            Arguments.of("append to undefined rule", """
                    - rule: ghost
                      append: true
                      condition: and proc.name = x
                    """, "1:3 rule 'ghost' rule ghost has 'append' key but no rule by that name already exists"),
            Arguments.of("append to undefined macro", """
                    - macro: ghost
                      append: true
                      condition: or x.y = 1
                    """, "1:3 macro 'ghost' macro ghost has 'append' key but no macro by that name already exists"),
            Arguments.of("append to undefined list", """
                    - list: ghost
                      append: true
                      items: [x]
                    """, "1:3 list 'ghost' list ghost has 'append' key but no list by that name already exists"),
            Arguments.of("enabled only for undefined rule", """
                    - rule: ghost
                      enabled: false
                    """, "1:3 rule 'ghost' rule ghost has 'enabled' key only, but no rule by that name already exists"),
            Arguments.of("appended rule with nothing to append", RULE + """
                    - rule: r
                      append: true
                    """, "6:3 rule 'r' appended rule must have exceptions or condition property"),
            // conditions
            Arguments.of("syntax error in a rule", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and (proc.name = bash
                      output: o
                      priority: INFO
                    """, "3:34 rule 'r' syntax error in condition \"evt.type = open and (proc.name = bash\": missing ')'"),
            Arguments.of("syntax error in a folded condition", """
                    - rule: r
                      desc: d
                      condition: >
                        evt.type = open
                        and proc.name bogus x
                      output: o
                      priority: INFO
                    """, "5:19 rule 'r' syntax error in condition"),
            Arguments.of("syntax error in a quoted condition", """
                    - rule: r
                      desc: d
                      condition: "evt.type = open and proc.name == \\"a\\" and"
                      output: o
                      priority: INFO
                    """, "3:57 rule 'r' syntax error in condition \"evt.type = open and proc.name == \"a\" and\": unexpected end of the condition"),
            Arguments.of("syntax error in an appended condition", RULE + """
                    - rule: r
                      append: true
                      condition: and proc.name in (a
                    """, "8:31 rule 'r' syntax error in condition \"evt.type = open and proc.name in (a\": missing ')'"),
            Arguments.of("syntax error in a macro", """
                    - macro: m
                      condition: proc.name = = x
                    """, "2:26 macro 'm' syntax error in condition"),
            Arguments.of("undefined macro in a rule", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and not_defined
                      output: o
                      priority: INFO
                    """, "3:34 rule 'r' undefined macro 'not_defined' used in filter"),
            Arguments.of("undefined macro in a macro", """
                    - macro: m
                      condition: other_macro or x.y = 1
                    """, "2:14 macro 'm' undefined macro 'other_macro' used in filter"),
            Arguments.of("macro defined after its user", """
                    - macro: m
                      condition: later
                    - macro: later
                      condition: proc.name = x
                    """, "2:14 macro 'm' undefined macro 'later' used in filter (it is defined after this macro)"),
            Arguments.of("unknown field", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and proc.nmae = bash
                      output: o
                      priority: INFO
                    """, "3:34 rule 'r' unknown field 'proc.nmae'"),
            Arguments.of("unknown field inside a macro", """
                    - macro: bad
                      condition: proc.bogus = 1
                    - rule: r
                      desc: d
                      condition: evt.type = open and bad
                      output: o
                      priority: INFO
                    """, "2:14 rule 'r' unknown field 'proc.bogus' (in macro bad)"),
            Arguments.of("field argument rejected", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and proc.aname = x
                      output: o
                      priority: INFO
                    """, "3:34 rule 'r' field 'proc.aname': field proc.aname requires an argument"),
            Arguments.of("unknown operator", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and proc.name like bash
                      output: o
                      priority: INFO
                    """, "3:44 rule 'r' syntax error in condition \"evt.type = open and proc.name like bash\": unknown operator 'like'"),
            Arguments.of("value not of the field's type", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and proc.pid > lots
                      output: o
                      priority: INFO
                    """, "3:45 rule 'r' 'lots' is not an integer (for field 'proc.pid')"),
            Arguments.of("operator not for the field's type", """
                    - rule: r
                      desc: d
                      condition: evt.type = open and proc.pid contains 4
                      output: o
                      priority: INFO
                    """, "3:34 rule 'r' operator 'contains' cannot be used with field 'proc.pid' of type INT64"),
            Arguments.of("macro cycle through a redefinition", """
                    - macro: a
                      condition: proc.name = x
                    - macro: b
                      condition: a
                    - macro: a
                      condition: b
                    - rule: r
                      desc: d
                      condition: evt.type = open and a
                      output: o
                      priority: INFO
                    """, "4:14 rule 'r' macro 'a' refers to itself through a -> b -> a"),
            // outputs
            Arguments.of("unknown field in the output", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: "File %fd.name opened by %proc.bogus"
                      priority: INFO
                    """, "4:36 rule 'r' invalid output format 'File %fd.name opened by %proc.bogus': invalid formatting token '%proc.bogus'"),
            Arguments.of("bad percent in the output", """
                    - rule: r
                      desc: d
                      condition: evt.type = open
                      output: 50% done
                      priority: INFO
                    """, "4:13 rule 'r' invalid output format '50% done'"),
            // exceptions
            Arguments.of("exception without name", RULE + """
                      exceptions:
                        - fields: [proc.name]
                    """, "7:7 rule 'r' rule exception item must have name property"),
            Arguments.of("exception without fields", RULE + """
                      exceptions:
                        - name: e
                          values: [a]
                    """, "7:7 rule 'r' rule exception item e: must have fields property with a list of fields"),
            Arguments.of("exception fields and comps of different lengths", RULE + """
                      exceptions:
                        - name: e
                          fields: [proc.name, fd.name]
                          comps: [=]
                    """, "7:7 rule 'r' rule exception item e: fields and comps lists must have equal length"),
            Arguments.of("exception with an unknown operator", RULE + """
                      exceptions:
                        - name: e
                          fields: [proc.name]
                          comps: [like]
                    """, "7:7 rule 'r' rule exception item e: comparison operator like is not a supported comparison operator"),
            Arguments.of("exception single field with comps list", RULE + """
                      exceptions:
                        - name: e
                          fields: proc.name
                          comps: [=]
                    """, "7:7 rule 'r' rule exception item e: fields and comps must both be strings"),
            Arguments.of("exception with an unknown field", RULE + """
                      exceptions:
                        - name: e
                          fields: [proc.name, proc.nope]
                          values: [[a, b]]
                    """, "7:7 rule 'r' rule exception item e: field name proc.nope is not a supported filter field"),
            Arguments.of("exception values of the wrong length", RULE + """
                      exceptions:
                        - name: e
                          fields: [proc.name, fd.name]
                          values:
                            - [bash]
                    """, "7:7 rule 'r' exception item e: fields and values lists must have equal length"),
            Arguments.of("exception single field with a list value", RULE + """
                      exceptions:
                        - name: e
                          fields: proc.name
                          values: [[a, b]]
                    """, "7:7 rule 'r' expected values array for item e to contain a list of strings"),
            Arguments.of("exceptions not a list", RULE + """
                      exceptions: {name: e}
                    """, "6:15 rule 'r' rule exceptions must be a list"),
            Arguments.of("appending exception fields", RULE + """
                      exceptions:
                        - name: e
                          fields: [proc.name]
                    - rule: r
                      append: true
                      exceptions:
                        - name: e
                          fields: [fd.name]
                    """, "12:7 rule 'r' can not append exception fields to existing rule, only values"),
            Arguments.of("appending exception comps", RULE + """
                      exceptions:
                        - name: e
                          fields: [proc.name]
                    - rule: r
                      append: true
                      exceptions:
                        - name: e
                          comps: [=]
                    """, "12:7 rule 'r' can not append exception comps to existing rule, only values"),
            Arguments.of("appending a new exception without values", RULE + """
                    - rule: r
                      append: true
                      exceptions:
                        - name: new
                          fields: [fd.name]
                    """, "9:7 rule 'r' rule exception new item new: must have values property with a list of values"),
            // versions
            Arguments.of("engine too old", """
                    - required_engine_version: 12
                    """ + RULE, "1:28 required_engine_version rules require engine version 12, but engine version is 11"),
            Arguments.of("engine version not a number", """
                    - required_engine_version: latest
                    """, "1:28 required_engine_version value of required_engine_version must be a number"),
            Arguments.of("plugin version without name", """
                    - required_plugin_versions:
                        - version: 0.1.0
                    """, "2:7 required_plugin_versions required_plugin_versions item must have name property"),
            Arguments.of("plugin version without version", """
                    - required_plugin_versions:
                        - name: k8saudit
                    """, "2:7 required_plugin_versions 'k8saudit' required_plugin_versions item must have version property"),
            Arguments.of("plugin version invalid", """
                    - required_plugin_versions:
                        - name: k8saudit
                          version: latest
                    """, "3:16 required_plugin_versions 'k8saudit' invalid required version 'latest' for plugin 'k8saudit'"),
            Arguments.of("plugin missing", """
                    - required_plugin_versions:
                        - name: json
                          version: 0.2.0
                    """, "3:16 required_plugin_versions 'json' plugin 'json' is required by the rules (version 0.2.0) but is not loaded"),
            Arguments.of("plugin too old", """
                    - required_plugin_versions:
                        - name: cloudtrail
                          version: 0.3.0
                    """, "3:16 required_plugin_versions 'cloudtrail' plugin 'cloudtrail' version 0.2.5 is not compatible with the required version 0.3.0"),
            Arguments.of("plugin of another major version", """
                    - required_plugin_versions:
                        - name: cloudtrail
                          version: 1.0.0
                    """, "3:16 required_plugin_versions 'cloudtrail' plugin 'cloudtrail' version 0.2.5 is not compatible"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheErrorWhereItIs(String name, String yaml, String expected) {
        LoadedRuleset r = load(LoadOptions.of(Fixture.ENGINE_VERSION, new Fixture.Resolver().plugin("cloudtrail", "0.2.5")), yaml);
        assertThat(r.ok()).as("ok").isFalse();
        assertThat(r.rules()).isEmpty();
        assertThat(errors(r)).as(name).isNotEmpty();
        assertThat(errors(r).get(0)).as(name).startsWith(expected);
    }
}

package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.rules.Fixture.load;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.api.engine.Problem;
import org.lanner.rules.internal.FalcoGrammar;
import org.lanner.rules.internal.FalcoText;

/**
 * Falco 0.30's words for each problem, and the YAML item it quoted with it ({@link Problem#falcoBlock()}),
 * next to Lanner's own message. The expected texts follow Falco 0.30's rule loader (rule_loader.lua,
 * compiler.lua, parser.lua at tag 0.30.0); the syntax error messages were checked against Falco's own
 * parser.lua run by Lua 5.1 with LPeg 1.0.
 */
class FalcoTextTest {

    private static final String RULE = """
            - rule: r
              desc: d
              condition: evt.type = open
              output: o
              priority: INFO
            """;

    private static Problem firstError(String... yamls) {
        LoadedRuleset r = load(yamls);
        assertThat(r.errors()).as("errors of %s", List.of(yamls)).isNotEmpty();
        return r.errors().get(0);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
            Arguments.of("not yaml", "It is prose\n", "Rules content is not yaml\n---\nIt is prose\n---"),
            Arguments.of("a map", "one: two\n", "Rules content is not yaml array of objects\n---\none: two\n---"),
            Arguments.of("yaml syntax", "- rule: a : b : c\n", "mapping values are not allowed in this context\n---\n- rule: a : b : c\n---"),
            Arguments.of("scalar item", "- lonely words\n",
                    "Unexpected element of type string. Each element should be a yaml associative array.\n---\n- lonely words\n---"),
            Arguments.of("numeric item", "- 42\n",
                    "Unexpected element of type number. Each element should be a yaml associative array.\n---\n- 42\n---"),
            Arguments.of("engine version not a number", "- required_engine_version: soon\n",
                    "Value of required_engine_version must be a number\n---\n- required_engine_version: soon\n---"),
            Arguments.of("engine version too high", "- required_engine_version: 5000\n",
                    "Rules require engine version 5000, but engine version is 11\n---\n- required_engine_version: 5000\n---"),
            Arguments.of("list without items", "- list: l\n  members: [a]\n",
                    "List must have property items\n---\n- list: l\n  members: [a]\n---"),
            Arguments.of("unnamed macro", "- macro:\n  condition: evt.type = open\n",
                    "Macro name is empty\n---\n- macro:\n  condition: evt.type = open\n---"),
            Arguments.of("rule without output", "- rule: r\n  desc: d\n  condition: evt.type = open\n  priority: INFO\n",
                    "Rule must have property output\n---\n- rule: r\n  desc: d\n  condition: evt.type = open\n  priority: INFO\n---"),
            Arguments.of("append without condition", RULE + "- rule: r\n  append: true\n",
                    "Rule must have exceptions or condition property\n---\n- rule: r\n  append: true\n---"),
            Arguments.of("dangling list append", "- list: l\n  items: [a]\n  append: true\n",
                    "List l has 'append' key but no list by that name already exists\n---\n- list: l\n  items: [a]\n  append: true\n---"),
            Arguments.of("dangling rule append", "- rule: nope\n  condition: and proc.name = x\n  append: true\n",
                    "Rule nope has 'append' key but no rule by that name already exists\n---\n"
                            + "- rule: nope\n  condition: and proc.name = x\n  append: true\n---"),
            Arguments.of("undefined macro as the condition", "- rule: r\n  desc: d\n  condition: missing_macro\n  output: o\n  priority: INFO\n",
                    "Undefined macro 'missing_macro' used in filter.\n---\n"
                            + "- rule: r\n  desc: d\n  condition: missing_macro\n  output: o\n  priority: INFO\n---"),
            Arguments.of("undefined macro on the right", "- rule: r\n  desc: d\n  condition: evt.type = open and later\n  output: o\n  priority: INFO\n",
                    "Undefined macro later used in filter.\n---\n"
                            + "- rule: r\n  desc: d\n  condition: evt.type = open and later\n  output: o\n  priority: INFO\n---"),
            Arguments.of("syntax error in a rule", "- rule: r\n  desc: d\n  condition: evt.type = open proc\n  output: o\n  priority: INFO\n",
                    "Compilation error when compiling \"evt.type = open proc\": 17: syntax error, unexpected 'proc', expecting 'or', 'and'\n---\n"
                            + "- rule: r\n  desc: d\n  condition: evt.type = open proc\n  output: o\n  priority: INFO\n---"),
            Arguments.of("unknown output field", "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: seen %no.such_field here\n  priority: INFO\n",
                    "Invalid output format 'seen %no.such_field here': 'invalid formatting token no.such_field here'\n---\n"
                            + "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: seen %no.such_field here\n  priority: INFO\n---"),
            Arguments.of("unknown field", "- rule: Odd One\n  desc: d\n  condition: evt.type = open and proc.nothing = 1\n  output: o\n  priority: INFO\n",
                    "rule \"Odd One\": contains unknown filter proc.nothing\n---\n"
                            + "- rule: Odd One\n  desc: d\n  condition: evt.type = open and proc.nothing = 1\n  output: o\n  priority: INFO\n---"),
            Arguments.of("exception without name", "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n"
                    + "  exceptions:\n    - fields: [proc.name]\n",
                    "Rule exception item must have name property\n---\n- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n"
                            + "  priority: INFO\n  exceptions:\n    - fields: [proc.name]\n---"),
            Arguments.of("exception comps of another length", "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n"
                    + "  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      comps: [=]\n",
                    "Rule exception item e: fields and comps lists must have equal length\n---\n- rule: r\n  desc: d\n"
                            + "  condition: evt.type = open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n"
                            + "      fields: [proc.name, fd.name]\n      comps: [=]\n---"),
            Arguments.of("exception values of another length", "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n"
                    + "  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      values: [[bash]]\n",
                    "Exception item e: fields and values lists must have equal length\n---\n- rule: r\n  desc: d\n"
                            + "  condition: evt.type = open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n"
                            + "      fields: [proc.name, fd.name]\n      values: [[bash]]\n---"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorsAreWordedAsFalcoWordedThem(String name, String yaml, String falco) {
        assertThat(firstError(yaml).falcoBlock()).isEqualTo(falco);
    }

    @Test
    void anAppendedMacroIsQuotedWithItsDefinitionAndTheAppendCompiledTogether() {
        Problem p = firstError("- macro: m\n  condition: evt.type = open\n\n- macro: m\n  condition: extra\n  append: true\n"
                + "- rule: r\n  desc: d\n  condition: m\n  output: o\n  priority: INFO\n");
        assertThat(p.falcoBlock()).isEqualTo("Compilation error when compiling \"evt.type = open extra\": 17: syntax error, "
                + "unexpected 'extra', expecting 'or', 'and'\n---\n- macro: m\n  condition: evt.type = open\n\n"
                + "- macro: m\n  condition: extra\n  append: true\n---");
        assertThat(p.message()).as("Lanner's own words and position stay").startsWith("syntax error in condition");
        assertThat(p.line()).isEqualTo(5);
    }

    @Test
    void listsAreExpandedInTheQuotedConditionAsFalcoDid() {
        Problem p = firstError("- list: shells\n  items: [bash, \"my shell\"]\n"
                + "- rule: r\n  desc: d\n  condition: proc.name in (shells) and\n  output: o\n  priority: INFO\n");
        assertThat(p.falcoText()).isEqualTo("Compilation error when compiling \"proc.name in (bash, \"my shell\") and\": "
                + "36: syntax error, unexpected 'EOF', expecting '(', 'Macro', 'FieldName', 'not'");
    }

    @Test
    void warningsAreWordedAsFalcoWordedThem() {
        LoadedRuleset r = load("""
                - list: spare
                  items: [x]
                - macro: idle
                  condition: proc.name = x
                - rule: Anything
                  desc: d
                  condition: proc.name = bash
                  output: o
                  priority: INFO
                - rule: Negated
                  desc: d
                  condition: evt.type != open
                  output: o
                  priority: INFO
                - rule: Silent
                  desc: d
                  condition: proc.name = zsh
                  output: o
                  priority: INFO
                  warn_evttypes: false
                - something: odd
                """);
        assertThat(r.ok()).isTrue();
        assertThat(r.warnings()).extracting(Problem::code, Problem::falcoBlock).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("", "Unknown top level object: {something=\"odd\",context=\"- something: odd\\n\"}\n"
                        + "---\n- something: odd\n---"),
                org.assertj.core.groups.Tuple.tuple("no-evttype", "Rule Anything: warning (no-evttype):\nproc.name = bash\n"
                        + "         did not contain any evt.type restriction, meaning it will run for all event types.\n"
                        + "         This has a significant performance penalty. Consider adding an evt.type restriction if possible."),
                org.assertj.core.groups.Tuple.tuple("trailing-evttype", "Rule Negated: warning (trailing-evttype):\nevt.type != open\n"
                        + "         does not have all evt.type restrictions at the beginning of the condition,\n"
                        + "         or uses a negative match (i.e. \"not\"/\"!=\") for some evt.type restriction.\n"
                        + "         This has a performance penalty, as the rule can not be limited to specific event types.\n"
                        + "         Consider moving all evt.type restrictions to the beginning of the rule and/or\n"
                        + "         replacing negative matches with positive matches if possible."),
                org.assertj.core.groups.Tuple.tuple("unused-macro", "macro idle not refered to by any rule/macro"),
                org.assertj.core.groups.Tuple.tuple("unused-list", "list spare not refered to by any rule/macro/list"));
    }

    @Test
    void aSkippedRuleAndAnAppendToNoExceptionAreFalcosWarnings() {
        LoadedRuleset r = load("""
                - rule: Maybe
                  desc: d
                  condition: evt.type = open and proc.nobody = cat
                  output: o
                  priority: INFO
                  skip-if-unknown-filter: true
                - rule: With Exception
                  desc: d
                  condition: evt.type = open
                  output: o
                  priority: INFO
                  exceptions:
                    - name: known
                      fields: [proc.name]
                - rule: With Exception
                  append: true
                  exceptions:
                    - name: unknown
                      values: [[bash]]
                """);
        assertThat(r.ok()).isTrue();
        assertThat(r.warnings()).extracting(Problem::code, Problem::falcoText).containsExactly(
                org.assertj.core.groups.Tuple.tuple("", "Rule With Exception with append=true: no set of fields matching name unknown"),
                org.assertj.core.groups.Tuple.tuple("unknown-filter-skipped", "rule \"Maybe\": contains unknown filter proc.nobody"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "evt.type=execve foo|17: syntax error, unexpected 'foo', expecting 'or', 'and'",
        "proc.name == cat|12: syntax error, unexpected '=', expecting 'BareString', 'String', 'Number'",
        "evt.type=|10: syntax error, unexpected 'EOF', expecting 'BareString', 'String', 'Number'",
        "evt.type in (open, close|25: syntax error, unexpected 'EOF', expecting ')', ',', 'BareString', 'String', 'Number'",
        "(a and b|9: syntax error, unexpected 'EOF', expecting ')', 'or', 'and'",
        "a.b exists and|15: syntax error, unexpected 'EOF', expecting '(', 'Macro', 'FieldName', 'not'",
        "fd.name[1.2]=x|8: syntax error, unexpected '[', expecting 'pmatch', 'intersects', 'in', 'endswith', 'startswith', 'glob', "
                + "'icontains', 'contains', '>', '<', '>=', '<=', '!=', '==', '=', 'exists'"})
    void syntaxErrorsAreFalcosParsersWords(String condition, String falco) {
        assertThat(FalcoGrammar.syntaxError(condition)).contains(falco);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"not", "evt.type = open and and", "proc.name=\"x", "# a comment", "''"})
    void whatFalcosGrammarAcceptsHasNoSyntaxError(String condition) {
        assertThat(FalcoGrammar.syntaxError(condition.equals("''") ? "" : condition)).isEmpty();
    }

    @Test
    void aDeeplyNestedConditionIsNotWordedRatherThanOverflowing() {
        String deep = "(".repeat(100_000) + "a.b = 1";
        assertThat(FalcoGrammar.syntaxError(deep)).isEmpty();
    }

    @Test
    void itemsAreQuotedByTheirLinesAsFalcoSplitThem() {
        FalcoText t = FalcoText.of("# header\n- list: a\n  items: [x]\n\n# about b\n- macro: b\n  condition: c\n---\n- rule: z\nx");
        assertThat(t.item(1)).isEqualTo("- list: a\n  items: [x]\n# about b\n");
        assertThat(t.item(2)).isEqualTo("- macro: b\n  condition: c\n");
        assertThat(t.item(3)).as("a last line of one character is dropped, as Falco did").isEqualTo("- rule: z\n");
        assertThat(t.item(4)).isEmpty();
        assertThat(t.lines(2, 3)).isEqualTo("- list: a\n  items: [x]\n# about b\n");
    }
}

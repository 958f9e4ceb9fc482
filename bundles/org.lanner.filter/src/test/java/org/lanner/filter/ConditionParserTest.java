package org.lanner.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConditionParserTest {

    private static String render(String condition) throws FilterException {
        return Nodes.render(ConditionParser.parse(condition));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "evt.type=open                                  | evt.type = open",
        "evt.type == open                               | evt.type == open",
        "proc.name!=bash                                | proc.name != bash",
        "proc.pid<=5 and proc.pid>=1 and proc.pid<9     | (proc.pid <= 5 and proc.pid >= 1 and proc.pid < 9)",
        "a or b and c                                   | (a or (b and c))",
        "(a or b) and c                                 | ((a or b) and c)",
        "not a and b                                    | (not a and b)",
        "not not a                                      | not not a",
        "not(a)                                         | not a",
        "a and(b)                                       | (a and b)",
        "fd.name contains /etc                          | fd.name contains /etc",
        "fd.name icontains ETC                          | fd.name icontains ETC",
        "fd.name startswith '/var/lib'                  | fd.name startswith \"/var/lib\"",
        "fd.name endswith .log                          | fd.name endswith .log",
        "fd.name glob '/tmp/*.sh'                       | fd.name glob \"/tmp/*.sh\"",
        "fd.name pmatch (/etc, /usr/bin)                | fd.name pmatch (/etc, /usr/bin)",
        "proc.name in (bash, 'sh', \"zsh\")             | proc.name in (bash, \"sh\", \"zsh\")",
        "proc.name in ()                                | proc.name in ()",
        "proc.name in (a,,b,)                           | proc.name in (a, b)",
        "ka.images intersects (nginx)                   | ka.images intersects (nginx)",
        "fd.name exists                                 | fd.name exists",
        "proc.aname[2]=sshd                             | proc.aname[2] = sshd",
        "json.value[/a/b] = x                           | json.value[/a/b] = x",
        "ka.req.pod.containers.image[0] startswith k8s  | ka.req.pod.containers.image[0] startswith k8s",
        "evt.arg.fd < 0                                 | evt.arg.fd < 0",
        "fd.name = <NA>                                 | fd.name = <NA>",
        "proc.cmdline contains \"-c 'x'\"               | proc.cmdline contains \"-c 'x'\"",
        "andy and orange or notice                      | ((andy and orange) or notice)",
    })
    void parsesConstructs(String condition, String expected) throws FilterException {
        assertThat(render(condition)).isEqualTo(expected.strip());
    }

    @Test
    void acceptsBlanksAndNewlinesAnywhere() throws FilterException {
        assertThat(render("  \n evt.type\t=\topen \r\n and\nproc.name in (\n a,\n b\n)\n"))
                .isEqualTo("(evt.type = open and proc.name in (a, b))");
    }

    @Test
    void decodesEscapesAsLibsinsp() throws FilterException {
        Map<String, String> cases = Map.of(
                "proc.name = \"a\\\"b\"", "a\"b",
                "proc.name = 'a\\'b'", "a'b",
                "proc.name = \"tab\\there\"", "tab\there",
                "proc.name = \"x\\\\y\"", "x\\y",
                "proc.name = \"\\x41\\x42\"", "AB",
                "proc.name = \"a\\ b\"", "a\\b",
                "proc.name = 'a \"quoted\" word'", "a \"quoted\" word",
                "proc.name = \"with (parens), commas = and spaces\"", "with (parens), commas = and spaces");
        for (var e : cases.entrySet()) {
            Node.Check c = (Node.Check) ConditionParser.parse(e.getKey());
            assertThat(c.values().get(0).text()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(c.values().get(0).quoted()).isTrue();
        }
    }

    @Test
    void keepsPositionsRelativeToTheText() throws FilterException {
        Node n = ConditionParser.parse("evt.type = open\n  and proc.name in (bash, sh)", "origin", ListLookup.NONE);
        Node.And and = (Node.And) n;
        Node.Check second = (Node.Check) and.children().get(1);
        assertThat(second.position().line()).isEqualTo(2);
        assertThat(second.position().column()).isEqualTo(7);
        assertThat(second.position().offset()).isEqualTo(22);
        assertThat(second.position().origin()).isEqualTo("origin");
        assertThat(second.values().get(1).position().column()).isEqualTo(27);
        assertThat(second.field().position()).isEqualTo(second.position());
    }

    @Test
    void expandsListsNamedByBareValues() throws FilterException {
        Map<String, List<String>> lists = Map.of(
                "shells", List.of("bash", "sh"),
                "spaced", List.of("a b", "\"quoted, with comma\"", "'single'"),
                "empty", List.of(),
                "multi", List.of("x,y"),
                "one", List.of("only"));
        ListLookup lookup = lists::get;
        Node n = ConditionParser.parse("proc.name in (shells, zsh, \"shells\", empty) or proc.name = one or proc.name in shells",
                null, lookup);
        assertThat(Nodes.render(n)).isEqualTo(
                "(proc.name in (bash, sh, zsh, \"shells\") or proc.name = only or proc.name in (bash, sh))");
        Node.Check spaced = (Node.Check) ConditionParser.parse("proc.name in (spaced, multi)", null, lookup);
        assertThat(spaced.values()).extracting(Value::text).containsExactly("a b", "quoted, with comma", "single", "x", "y");
        // values from a list are placed where the list is named
        assertThat(spaced.values().get(0).position().column()).isEqualTo(15);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                                 | 1 | 1  | empty",
        "evt.type =                         | 1 | 11 | expected a value after '='",
        "evt.type = open and                | 1 | 20 | unexpected end of the condition",
        "(evt.type = open                   | 1 | 1  | missing ')'",
        "evt.type = open)                   | 1 | 16 | unexpected ')'",
        "proc.name bogus x                  | 1 | 11 | unknown operator 'bogus'",
        "proc.name                          | 1 | 10 | expected an operator after field 'proc.name'",
        "proc.name = \"abc                  | 1 | 13 | unterminated string",
        "proc.name = \"a\\qb\"              | 1 | 15 | unsupported escape sequence \\q",
        "proc.name = 'a\\\"b'               | 1 | 15 | invalid escape",
        "proc.name in (a, b                 | 1 | 14 | missing ')' to close the list",
        "proc.name in (a b)                 | 1 | 17 | expecting ',' or ')'",
        "proc.name = (a, b)                 | 1 | 13 | takes one value, not a list",
        "proc = bash                        | 1 | 1  | is not a field name",
        "evt.type = open or and x           | 1 | 20 | unexpected 'and'",
        "proc.aname[2 = x                   | 1 | 11 | missing ']'",
        "evt.type = open\\nand ( proc.name  | 2 | 16 | expected an operator",
    })
    void reportsErrorsWithPositions(String condition, int line, int column, String message) {
        String text = condition.replace("\\n", "\n");
        assertThatThrownBy(() -> ConditionParser.parse(text))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.position().line()).as("line").isEqualTo(line);
                    assertThat(e.position().column()).as("column").isEqualTo(column);
                });
    }

    @Test
    void singleValueOperatorRejectsAListOfSeveralItems() {
        ListLookup lookup = name -> name.equals("shells") ? List.of("bash", "sh") : null;
        assertThatThrownBy(() -> ConditionParser.parse("proc.name = shells", null, lookup))
                .isInstanceOf(FilterException.class).hasMessageContaining("has 2 items");
    }

    @Test
    void badListItemIsReportedAtTheListReference() {
        ListLookup lookup = name -> name.equals("bad") ? List.of("require(x)") : null;
        assertThatThrownBy(() -> ConditionParser.parse("proc.name in (bad)", null, lookup))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.getMessage()).contains("item 'require(x)' of list 'bad'");
                    assertThat(e.position().column()).isEqualTo(15);
                });
    }

    @Test
    void acceptsDeepNestingUpToTheLimit() throws FilterException {
        String deep = "(".repeat(ConditionParser.MAX_DEPTH - 1) + "evt.type = open" + ")".repeat(ConditionParser.MAX_DEPTH - 1);
        assertThat(render(deep)).isEqualTo("evt.type = open");
        String tooDeep = "not ".repeat(ConditionParser.MAX_DEPTH + 5) + "a";
        assertThatThrownBy(() -> ConditionParser.parse(tooDeep)).hasMessageContaining("nested too deeply");
        // issue 12: 1,000 parentheses overflowed the stack of the passes after the parser
        String parens = "(".repeat(1000) + "evt.type = open" + ")".repeat(1000);
        assertThatThrownBy(() -> ConditionParser.parse(parens)).isInstanceOf(FilterException.class)
                .hasMessage("the condition is nested too deeply (more than " + ConditionParser.MAX_DEPTH + " levels)");
    }

    @Test
    void listsExpandedIntoAConditionAreBounded() {
        java.util.List<String> half = java.util.Collections.nCopies(ConditionParser.MAX_VALUES / 2 + 1, "x");
        ListLookup lists = name -> name.equals("big") ? half : null;
        assertThatThrownBy(() -> ConditionParser.parse("proc.name in (big) or proc.name in (big)", null, lists))
                .isInstanceOf(FilterException.class)
                .hasMessage("the condition holds more than " + ConditionParser.MAX_VALUES + " values once its lists are expanded");
    }

    @Test
    void macroReferencesAreIdentifiersWithoutDots() throws FilterException {
        Node n = ConditionParser.parse("spawned_process and not user_known_x and (open_write or _x1)");
        assertThat(Nodes.macroRefs(n)).extracting(Node.MacroRef::name)
                .containsExactly("spawned_process", "user_known_x", "open_write", "_x1");
    }
}

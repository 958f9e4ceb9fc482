package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.engine.Problem;

/**
 * Rules files built to exhaust the loader (issue 12): each ends in one error naming the file, line
 * and item, within a few seconds, on a thread with a small stack, never in an
 * {@code OutOfMemoryError} or a {@code StackOverflowError}.
 */
class HostileRulesTest {

    /** Loads run on threads with this stack: the limits must hold well below the JVM's 1 MiB default. */
    private static final long STACK = 512 * 1024;

    @TempDir
    Path dir;

    /** Runs a load on a small-stack thread with a deadline; an Error thrown there fails the test. */
    private static LoadedRuleset bounded(Supplier<LoadedRuleset> load) throws Exception {
        CompletableFuture<LoadedRuleset> f = new CompletableFuture<>();
        Thread t = new Thread(null, () -> {
            try {
                f.complete(load.get());
            } catch (Throwable e) { // the test reports what escaped, it carries nothing on
                f.completeExceptionally(e);
            }
        }, "hostile-load", STACK);
        t.setDaemon(true);
        t.start();
        return f.get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
    }

    private static LoadedRuleset text(String yaml) throws Exception {
        return bounded(() -> Fixture.load(yaml));
    }

    private LoadedRuleset file(Path p) throws Exception {
        return bounded(() -> new RulesLoader(LoadOptions.of(Fixture.ENGINE_VERSION, new Fixture.Resolver())).load(List.of(p)));
    }

    private static Problem onlyError(LoadedRuleset r) {
        assertThat(r.errors()).as("errors of %s", r.problems()).hasSize(1);
        assertThat(r.rules()).isEmpty();
        return r.errors().get(0);
    }

    private static final String RULE_HEAD = """
            - rule: r
              desc: d
              output: o
              priority: INFO
            """;

    @Test
    void aliasBombUnderExceptionValuesIsRefused() throws Exception {
        // 670 bytes standing for 9^9 values: the billion laughs of the issue, under exceptions' values
        StringBuilder sb = new StringBuilder("- list: bomb\n  items:\n");
        sb.append("  - &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            sb.append("  - &a").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        sb.append(RULE_HEAD).append("  condition: evt.type = open\n  exceptions:\n  - name: e\n    fields: [proc.name]\n"
                + "    values: [*a8]\n");
        assertThat(sb.length()).isLessThan(700);
        Problem p = onlyError(text(sb.toString()));
        assertThat(p.message()).contains("more than 300000 YAML values once aliases are expanded (alias *a");
        assertThat(p.line()).isBetween(4, 10);
        assertThat(p.toString()).startsWith("rules1.yaml:");
    }

    @Test
    void tooManyValuesWithoutAliasesAreRefusedBeforeTheyAreBuilt() throws Exception {
        // 2 bytes a value: a 2 MB file of 990,000 values filled the 192 MiB heap of bin/lanner once composed
        String yaml = "- list: l\n  items: [" + String.join(",", java.util.Collections.nCopies(300_010, "a")) + "]\n";
        Problem p = onlyError(text(yaml));
        assertThat(p.message()).isEqualTo("the rules hold more than 300000 YAML values");
        assertThat(p.line()).isEqualTo(2);
    }

    @Test
    void aliasToItsOwnCollectionIsRefused() throws Exception {
        Problem p = onlyError(text(RULE_HEAD + "  condition: evt.type = open\n  exceptions:\n  - name: e\n    fields: [proc.name]\n"
                + "    values: &v [a, *v]\n"));
        assertThat(p.message()).isEqualTo("YAML alias *v refers to a collection that contains it");
        assertThat(p.line()).isEqualTo(9);
    }

    @Test
    void deepYamlNestingIsRefused() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        Problem p = onlyError(text(RULE_HEAD + "  condition: evt.type = open\n  tags: " + deep + "\n"));
        assertThat(p.message()).startsWith("YAML nests deeper than 64 levels");
        assertThat(p.line()).isEqualTo(6);
    }

    @Test
    void aliasesCannotNestDeeperThanTheLimit() throws Exception {
        StringBuilder sb = new StringBuilder("- list: l\n  items:\n  - &d0 [[[[[[[[[[x]]]]]]]]]]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("  - &d").append(i).append(" [[[[[[[[[*d").append(i - 1).append("]]]]]]]]]\n");
        }
        Problem p = onlyError(text(sb.toString()));
        assertThat(p.message()).isEqualTo("YAML nests deeper than 64 levels (counting what aliases refer to)");
    }

    @Test
    void tooLargeFileIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("big.yaml");
        String item = "- list: l%d\n  items: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w]\n";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() <= RulesLoader.MAX_FILE_BYTES; i++) {
            sb.append(String.format(item, i));
        }
        Files.writeString(big, sb);
        Problem p = onlyError(file(big));
        assertThat(p.toString()).isEqualTo(big + ": cannot read rules file: is larger than 8 MiB, the limit for a rules file");
    }

    @Test
    void devZeroIsRefusedBeforeItIsRead() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        Problem p = onlyError(file(zero));
        assertThat(p.toString()).isEqualTo("/dev/zero: cannot read rules file: is larger than 8 MiB, the limit for a rules file");
    }

    @Test
    void filesTogetherMayNotExceedTheTotal() throws Exception {
        byte[] chunk = ("# " + "x".repeat(1021) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] seven = new byte[7 * 1024 * 1024];
        for (int i = 0; i < seven.length; i += chunk.length) {
            System.arraycopy(chunk, 0, seven, i, chunk.length);
        }
        Path a = Files.write(dir.resolve("a.yaml"), seven);
        Path b = Files.write(dir.resolve("b.yaml"), seven);
        Path c = Files.write(dir.resolve("c.yaml"), seven);
        LoadedRuleset r = bounded(() -> new RulesLoader(LoadOptions.of(Fixture.ENGINE_VERSION, new Fixture.Resolver()))
                .load(List.of(a, b, c)));
        assertThat(r.errors()).singleElement().hasToString(c + ": cannot read rules file: is larger than the 2 MiB left of the "
                + "16 MiB all rules files of a load may hold together");
    }

    @Test
    void notUtf8NamesLineColumnAndByte() throws Exception {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "- rule: r\n  desc: caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        Problem p = onlyError(file(f));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(12);
        assertThat(p.toString()).isEqualTo(f + ":2:12: cannot read rules file: is not valid UTF-8: byte 0xE9 at byte offset 21 "
                + "(line 2, column 12) cannot be decoded; save the file as UTF-8");
    }

    @Test
    void missingFileSaysSo() throws Exception {
        Path f = dir.resolve("nope.yaml");
        assertThat(onlyError(file(f))).hasToString(f + ": cannot read rules file: No such file or directory");
    }

    @Test
    void unreadableFileSaysSo() throws Exception {
        Path f = Files.writeString(dir.resolve("secret.yaml"), "[]\n");
        assumeTrue(f.toFile().setReadable(false, false) && !Files.isReadable(f), "running as root: every file is readable");
        assertThat(onlyError(file(f))).hasToString(f + ": cannot read rules file: Permission denied");
    }

    @Test
    void thousandNestedParenthesesIsAnError() throws Exception {
        String cond = "(".repeat(1000) + "evt.type = open" + ")".repeat(1000);
        Problem p = onlyError(text(RULE_HEAD + "  condition: " + cond + "\n"));
        assertThat(Fixture.describe(p)).startsWith("5:" + (13 + ConditionParser_MAX) + " rule 'r' syntax error in condition "
                + "\"((((((((((").endsWith("(2015 characters)\": the condition is nested too deeply (more than " + ConditionParser_MAX
                        + " levels)");
    }

    private static final int ConditionParser_MAX = org.lanner.filter.ConditionParser.MAX_DEPTH;

    @Test
    void thousandNestedNotsIsAnError() throws Exception {
        String cond = "not ".repeat(1000) + "evt.type = open";
        Problem p = onlyError(text(RULE_HEAD + "  condition: " + cond + "\n"));
        assertThat(p.message()).contains("the condition is nested too deeply");
        assertThat(p.line()).isEqualTo(5);
    }

    @Test
    void deepMacroChainIsAnError() throws Exception {
        StringBuilder sb = new StringBuilder("- macro: m0\n  condition: evt.type = open\n");
        for (int i = 1; i < 5000; i++) {
            sb.append("- macro: m").append(i).append("\n  condition: m").append(i - 1).append("\n");
        }
        sb.append(RULE_HEAD).append("  condition: m4999\n");
        LoadedRuleset r = text(sb.toString());
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.itemName()).isEqualTo("r");
            assertThat(p.line()).isEqualTo(10005);
            assertThat(p.message()).startsWith("macros nest deeper than " + RulesLoader.MAX_MACRO_DEPTH
                    + " levels: m4999 -> m4998 -> m4997");
        });
    }

    @Test
    void deepNestingThroughMacrosIsAnError() throws Exception {
        // each macro nests 100 levels, within the parser's limit; together they are far deeper
        String nots = "not ".repeat(100);
        StringBuilder sb = new StringBuilder("- macro: m0\n  condition: evt.type = open\n");
        for (int i = 1; i < 20; i++) {
            sb.append("- macro: m").append(i).append("\n  condition: ").append(nots).append("m").append(i - 1).append("\n");
        }
        sb.append(RULE_HEAD).append("  condition: m19\n");
        LoadedRuleset r = text(sb.toString());
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(45);
            assertThat(p.column()).isEqualTo(14);
            assertThat(p.message()).startsWith("the condition nests deeper than " + RulesLoader.MAX_CONDITION_DEPTH
                    + " levels once its macros are expanded (in macro m");
        });
    }

    @Test
    void macrosThatDoubleAtEachLevelAreAnError() throws Exception {
        StringBuilder sb = new StringBuilder("- macro: m0\n  condition: evt.type = open\n");
        for (int i = 1; i <= 60; i++) {
            sb.append("- macro: m").append(i).append("\n  condition: m").append(i - 1).append(" and m").append(i - 1).append("\n");
        }
        sb.append(RULE_HEAD).append("  condition: m60\n");
        LoadedRuleset r = text(sb.toString());
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("the condition is larger than " + RulesLoader.MAX_CONDITION_NODES + " comparisons once its macros are expanded"));
    }

    @Test
    void deepListChainLoads() throws Exception {
        // lists name only lists defined before them, each expanded once: a long chain costs no depth
        StringBuilder sb = new StringBuilder("- list: l0\n  items: [open]\n");
        for (int i = 1; i < 5000; i++) {
            sb.append("- list: l").append(i).append("\n  items: [l").append(i - 1).append("]\n");
        }
        sb.append(RULE_HEAD).append("  condition: evt.type in (l4999)\n");
        LoadedRuleset r = text(sb.toString());
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(1);
    }

    @Test
    void listsThatDoubleAtEachLevelAreAnError() throws Exception {
        StringBuilder sb = new StringBuilder("- list: l0\n  items: [open, close]\n");
        for (int i = 1; i <= 60; i++) {
            sb.append("- list: l").append(i).append("\n  items: [l").append(i - 1).append(", l").append(i - 1).append("]\n");
        }
        sb.append(RULE_HEAD).append("  condition: evt.type in (l60)\n");
        LoadedRuleset r = text(sb.toString());
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).isNotEmpty().allSatisfy(p -> assertThat(p.message())
                .startsWith("list has more than " + RulesLoader.MAX_LIST_ITEMS + " items once the lists it names are expanded"));
    }

    @Test
    void longFlatConditionsStillLoad() throws Exception {
        // breadth is not depth: 20,000 comparisons joined by 'and'/'or' load (Falco's shape is read without recursion)
        String cond = "evt.type = open and (" + String.join(" or ", java.util.Collections.nCopies(20_000, "proc.name = x")) + ")";
        LoadedRuleset r = text(RULE_HEAD + "  condition: " + cond + "\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(1);
    }

    @Test
    void aSyntaxErrorInAConditionNamingABigListManyTimesIsReportedQuickly() throws Exception {
        // Falco's message shows the condition with its lists expanded: 5,000 names of a 1,000-item list
        // made a 30 MB text, rebuilt at each name
        String items = String.join(", ", java.util.Collections.nCopies(1000, "some_item"));
        String cond = "evt.type = open and (" + String.join(" or ", java.util.Collections.nCopies(5000, "proc.name in (big)")) + " or";
        long start = System.nanoTime();
        LoadedRuleset r = text("- list: big\n  items: [" + items + "]\n" + RULE_HEAD + "  condition: " + cond + "\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        Problem p = onlyError(r);
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.message()).startsWith("syntax error in condition \"evt.type = open and (proc.name in (big)");
    }

    @Test
    void aHugeOutputTokenIsReportedQuickly() throws Exception {
        // every prefix of a 200 KB dotted name was tried as a field: 200,000 lookups of up to 200,000 characters
        String out = "%proc." + "x".repeat(200_000);
        LoadedRuleset r = text("- rule: r\n  desc: d\n  condition: evt.type = open\n  priority: INFO\n  output: \"" + out + "\"\n");
        Problem p = onlyError(r);
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.message()).startsWith("invalid output format '%proc.xxxx").contains("... (200006 characters)': invalid formatting "
                + "token '%proc.xxx").endsWith("... (200005 characters)': no such field");
    }

    @Test
    void anOutputWidthThatWouldPadEveryAlertToGigabytesIsAnError() throws Exception {
        LoadedRuleset r = text(RULE_HEAD.replace("output: o", "output: \"%2000000000proc.name\"") + "  condition: evt.type = open\n");
        assertThat(onlyError(r).message()).endsWith("the width of '%2000000000proc.name…' is larger than " + OutputTemplate.MAX_WIDTH);
    }

    @Test
    void limitsAreGenerousForRealRules() throws IOException {
        Path falco = Path.of("../../../shared/falco-0.30.0-suite/rules/falco_rules.yaml");
        assumeTrue(Files.isRegularFile(falco), "../shared is absent: Falco's rules are not here to compare with");
        assertThat(Files.size(falco)).isLessThan(RulesLoader.MAX_FILE_BYTES / 40);
    }
}

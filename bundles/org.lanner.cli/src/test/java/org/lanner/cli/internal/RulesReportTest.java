package org.lanner.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.Problem;
import org.lanner.api.engine.Problem.Severity;

/** Falco 0.30's text of a rules load, and where Lanner's positions go. */
class RulesReportTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    private static final Problem MISSING_OUTPUT = new Problem(Severity.ERROR, "/r/a.yaml", 3, 3, "rule", "r",
            "rule must have property output", "", "Rule must have property output", "- rule: r\n  desc: d\n");
    private static final Problem LANNER_ONLY_ERROR = new Problem(Severity.ERROR, "/r/a.yaml", 9, 5, "rule", "q",
            "field 'fd.num': expects a number");
    private static final Problem UNUSED = new Problem(Severity.WARNING, "/r/a.yaml", 1, 3, "macro", "m",
            "(unused-macro) macro m not referred to", "unused-macro", "macro m not refered to by any rule/macro", "");
    private static final Problem UNKNOWN_OBJECT = new Problem(Severity.WARNING, "/r/a.yaml", 7, 3, "", "",
            "unknown top level object", "", "Unknown top level object: {x=1}", "- x: 1\n");
    private static final Problem NO_EVTTYPE = new Problem(Severity.WARNING, "/r/a.yaml", 5, 3, "rule", "r",
            "(no-evttype) ...", "no-evttype", "Rule r: warning (no-evttype):\nproc.name = x\n         did not contain...", "");
    private static final Problem SKIPPED = new Problem(Severity.WARNING, "/r/a.yaml", 5, 3, "rule", "s",
            "(unknown-field) ...", "unknown-filter-skipped", "rule \"s\": contains unknown filter proc.nobody", "");
    private static final Problem NA_CHECK = new Problem(Severity.WARNING, "/r/a.yaml", 11, 14, "rule", "k",
            "(unsafe-na-check) comparing with <NA> is unsafe");

    private static LoadResult result(Problem... problems) {
        return new LoadResult(List.of(problems), 1, 1, 1, 0, List.of());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFailureIsFalcosErrorsBlockThenTheWarningsFoundBeforeIt() {
        LoadResult r = result(UNKNOWN_OBJECT, UNUSED, NO_EVTTYPE, MISSING_OUTPUT, LANNER_ONLY_ERROR);
        assertThat(RulesReport.failure(r)).isEqualTo("""
                1 errors:
                Rule must have property output
                ---
                - rule: r
                  desc: d
                ---
                1 warnings:
                Unknown top level object: {x=1}
                ---
                - x: 1
                ---
                """);
        assertThat(RulesReport.failedFile(r, "?")).isEqualTo("/r/a.yaml");
    }

    @Test
    void errorsFalcoHadNoWordsForAreShownInLannersWords() {
        assertThat(RulesReport.failure(result(LANNER_ONLY_ERROR))).isEqualTo("1 errors:\nfield 'fd.num': expects a number\n");
    }

    @Test
    void aLoadPrintsWhatFalcoPrintedAndLannersPositions() {
        RulesReport report = new RulesReport(console, false);
        report.loaded(result(UNUSED, UNKNOWN_OBJECT, NO_EVTTYPE, SKIPPED, NA_CHECK, LANNER_ONLY_ERROR));
        assertThat(out()).isEqualTo("Skipping rule \"s\": contains unknown filter proc.nobody\n");
        assertThat(err()).contains("Rule r: warning (no-evttype):\nproc.name = x\n")
                .contains(": warning: /r/a.yaml:11:14: rule 'k': (unsafe-na-check) comparing with <NA> is unsafe\n")
                .contains(": error: /r/a.yaml:9:5: rule 'q': field 'fd.num': expects a number\n")
                .doesNotContain("not refered").doesNotContain("Unknown top level object").doesNotContain("When reading");

        // the same warnings from a load of more files are not printed again
        err.reset();
        out.reset();
        report.loaded(result(NO_EVTTYPE, SKIPPED));
        assertThat(out()).isEmpty();
        assertThat(err()).isEmpty();
    }

    @Test
    void verboseShowsFalcosWarningsBlockAfterASuccessfulLoad() {
        new RulesReport(console, true).loaded(result(UNUSED, UNKNOWN_OBJECT, NO_EVTTYPE));
        assertThat(err()).contains("When reading rules content: 2 warnings:\nmacro m not refered to by any rule/macro\n"
                + "Unknown top level object: {x=1}\n---\n- x: 1\n---\n");
    }
}

package org.lanner.defaultrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.test.Corpus;
import org.lanner.test.SharedData;

/**
 * The golden load test: the default rules files, as shipped, load in bin/lanner with zero errors and
 * zero warnings; so do they with each opt-in file of the corpus (what a user would put in a local
 * file); and `lanner -L` lists every rule the file defines.
 */
class DefaultRulesLoadDistIT {

    private static final Path ROOT = SharedData.repositoryRoot();
    private static final Path RULES = ROOT.resolve("rules/lanner_rules.yaml");
    private static final Path LOCAL = ROOT.resolve("rules/lanner_rules.local.yaml");

    @Test
    void theDefaultRulesValidateWithoutErrorsOrWarnings() throws Exception {
        Lanner.Result r = Lanner.distribution().command("-V", RULES.toString());
        assertClean(r);
        assertThat(r.stdout()).as(r.describe()).contains("Ok");
    }

    /** With the local file after them, as the default configuration loads them. */
    @Test
    void theDefaultRulesAndTheLocalFileLoadWithoutErrorsOrWarnings() throws Exception {
        assertClean(load(LOCAL));
    }

    static Stream<Path> optInFiles() throws Exception {
        try (Stream<Path> s = Files.list(ROOT.resolve("rules/tests/opt-in"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("optInFiles")
    void theDefaultRulesLoadWithEachOptInFile(Path optIn) throws Exception {
        assertClean(load(optIn));
    }

    /**
     * Loads the default rules and then another file into one engine, as -r does (-V validates each
     * file on its own), and lists the rules.
     */
    private static Lanner.Result load(Path after) throws Exception {
        return Lanner.distribution().command("-L", "-r", RULES.toString(), "-r", after.toString(),
                "-o", "syslog_output.enabled=false");
    }

    @Test
    void lanner_L_listsEveryRuleOfTheFile() throws Exception {
        List<String> names = Corpus.ruleNames(RULES);
        assertThat(names).hasSizeGreaterThan(60).doesNotHaveDuplicates();
        Lanner.Result r = Lanner.distribution().command("-L", "-r", RULES.toString(), "-o", "syslog_output.enabled=false");
        assertThat(r.exit()).as(r.describe()).isZero();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!r.stdout().contains(n)) {
                missing.add(n);
            }
        }
        assertThat(missing).as("rules missing from lanner -L\n%s", r.stdout()).isEmpty();
    }

    private static void assertClean(Lanner.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
        String all = r.stdout() + "\n" + r.stderr();
        List<String> problems = all.lines()
                .filter(l -> l.toLowerCase().startsWith("warning") || l.toLowerCase().startsWith("error")
                        || l.contains("warning:") || l.contains("error:"))
                .toList();
        assertThat(problems).as(r.describe()).isEmpty();
    }
}

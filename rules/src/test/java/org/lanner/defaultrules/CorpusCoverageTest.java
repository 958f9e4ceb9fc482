package org.lanner.defaultrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lanner.test.Corpus;
import org.lanner.test.SharedData;

/**
 * The corpus of the default rules (rules/tests) covers them: every rule of lanner_rules.yaml has a
 * case that triggers it and a near miss that does not, unless rules/tests/uncovered.txt says why not,
 * and the cases name only rules that exist. The captures themselves are replayed through the run
 * service by itests/corpus.tests.
 */
class CorpusCoverageTest {

    private static Corpus corpus() throws Exception {
        return Corpus.load(SharedData.repositoryRoot());
    }

    @Test
    void everyRuleHasATriggerAndANearMiss() throws Exception {
        Map<String, String> uncovered = uncovered(SharedData.repositoryRoot().resolve("rules/tests/uncovered.txt"));
        Set<String> triggered = new LinkedHashSet<>();
        Set<String> missed = new LinkedHashSet<>();
        for (Corpus.Case c : corpus().cases()) {
            triggered.addAll(c.expect());
            triggered.addAll(c.expectWith());
            missed.addAll(c.nearMiss());
        }
        List<String> problems = new ArrayList<>();
        for (String rule : corpus().ruleNames()) {
            if (uncovered.containsKey(rule)) {
                if (triggered.contains(rule)) {
                    problems.add(rule + ": listed in uncovered.txt but a case triggers it");
                }
                continue;
            }
            if (!triggered.contains(rule)) {
                problems.add(rule + ": no case triggers it");
            }
            if (!missed.contains(rule)) {
                problems.add(rule + ": no case is a near miss of it");
            }
        }
        Set<String> known = new LinkedHashSet<>(corpus().ruleNames());
        for (String r : triggered) {
            if (!known.contains(r)) {
                problems.add(r + ": expected by a case but not a rule of lanner_rules.yaml");
            }
        }
        for (String r : missed) {
            if (!known.contains(r)) {
                problems.add(r + ": near miss of a case but not a rule of lanner_rules.yaml");
            }
        }
        for (String r : uncovered.keySet()) {
            if (!known.contains(r)) {
                problems.add(r + ": in uncovered.txt but not a rule of lanner_rules.yaml");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** "Rule name: reason" lines; # starts a comment. */
    static Map<String, String> uncovered(Path file) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return m;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                throw new IllegalStateException(file + ": not 'Rule: reason': " + line);
            }
            m.put(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
        }
        return m;
    }
}

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lanner.test.SharedData;

/**
 * Replays every capture of the corpus (rules/tests) through bin/lanner with the default rules, and
 * checks the exact set of rules it triggers against the expectations in the case's script; a case
 * with an opt-in file is replayed once more with it. Every rule of lanner_rules.yaml must have a
 * case that triggers it and a near miss that does not, unless rules/tests/uncovered.txt says why not.
 */
class CorpusDistIT {

    private static Corpus corpus;
    private static ExecutorService pool;
    private static final Map<String, Future<Lanner.Result>> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void replayEverything() throws Exception {
        Path root = SharedData.repositoryRoot();
        corpus = Corpus.load(root);
        Lanner lanner = Lanner.distribution();
        Path rules = root.resolve("rules/lanner_rules.yaml");
        // two at a time: each run is a JVM that starts, replays a small capture and stops
        pool = Executors.newFixedThreadPool(2);
        for (Corpus.Case c : corpus.cases()) {
            RUNS.put(c.name(), pool.submit(() -> lanner.replay(c.capture(), List.of(rules))));
            if (c.with() != null) {
                RUNS.put(c.name() + " with " + c.with().getFileName(),
                        pool.submit(() -> lanner.replay(c.capture(), List.of(rules, c.with()))));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachCaptureTriggersExactlyItsRules() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Corpus.Case c : corpus.cases()) {
            tests.add(DynamicTest.dynamicTest(c.name(), c.script().toUri(), () -> {
                assertThat(c.capture()).as("capture of %s (record it with rules/tests/record.sh %s)", c.name(), c.name())
                        .exists();
                Lanner.Result r = RUNS.get(c.name()).get();
                assertThat(r.exit()).as(r.describe()).isZero();
                assertThat(r.rules()).as("rules triggered by %s with the default rules\n%s", c.name(), r.stdout())
                        .containsExactlyInAnyOrderElementsOf(c.expect());
                if (!c.nearMiss().isEmpty()) {
                    assertThat(r.rules()).as("near misses of %s", c.name()).doesNotContainAnyElementsOf(c.nearMiss());
                }
            }));
            if (c.with() != null) {
                tests.add(DynamicTest.dynamicTest(c.name() + " with " + c.with().getFileName(), c.script().toUri(), () -> {
                    Lanner.Result r = RUNS.get(c.name() + " with " + c.with().getFileName()).get();
                    assertThat(r.exit()).as(r.describe()).isZero();
                    assertThat(r.rules()).as("rules triggered by %s with %s\n%s", c.name(), c.with(), r.stdout())
                            .containsExactlyInAnyOrderElementsOf(c.expectWith());
                    if (!c.nearMiss().isEmpty()) {
                        assertThat(r.rules()).as("near misses of %s", c.name()).doesNotContainAnyElementsOf(c.nearMiss());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyRuleHasATriggerAndANearMiss() throws Exception {
        Map<String, String> uncovered = uncovered(SharedData.repositoryRoot().resolve("rules/tests/uncovered.txt"));
        Set<String> triggered = new LinkedHashSet<>();
        Set<String> missed = new LinkedHashSet<>();
        for (Corpus.Case c : corpus.cases()) {
            triggered.addAll(c.expect());
            triggered.addAll(c.expectWith());
            missed.addAll(c.nearMiss());
        }
        List<String> problems = new ArrayList<>();
        for (String rule : corpus.ruleNames()) {
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
        Set<String> known = new LinkedHashSet<>(corpus.ruleNames());
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

package org.lanner.defaultrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lanner.test.SharedData;

/**
 * Falco 0.30.0's regression captures (shared data, skipped when absent) replayed through bin/lanner
 * with the default rules: the rules each triggers are those listed in rules/tests/falco-traces.txt
 * (among them the privilege rule on psp/privileged.scap, whose container metadata marks it
 * privileged), and every capture is listed there.
 */
class FalcoTracesDistIT {

    private static final Path EXPECTED = SharedData.repositoryRoot().resolve("rules/tests/falco-traces.txt");

    @TestFactory
    Stream<DynamicTest> eachTraceTriggersTheListedRules() throws Exception {
        Path traces = SharedData.require("traces/falco-0.30.0");
        Path rules = SharedData.repositoryRoot().resolve("rules/lanner_rules.yaml");
        Lanner lanner = Lanner.distribution();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : expected().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Lanner.Result r = lanner.replay(traces.resolve(e.getKey()), List.of(rules));
                assertThat(r.rules()).as("%s\n%s", e.getKey(), r.describe()).containsExactlyInAnyOrderElementsOf(e.getValue());
            }));
        }
        return tests.stream();
    }

    @Test
    void everyTraceIsListed() throws Exception {
        Path traces = SharedData.require("traces/falco-0.30.0");
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.walk(traces)) {
            s.filter(p -> p.toString().endsWith(".scap")).forEach(p -> present.add(traces.relativize(p).toString()));
        }
        assertThat(expected().keySet()).containsExactlyInAnyOrderElementsOf(present);
    }

    static Map<String, Set<String>> expected() throws Exception {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(EXPECTED)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            Set<String> rules = new TreeSet<>();
            for (String r : line.substring(colon + 2).split(";")) {
                if (!r.isBlank() && !r.trim().equals("nothing")) {
                    rules.add(r.trim());
                }
            }
            m.put(line.substring(0, colon).trim(), rules);
        }
        return m;
    }
}

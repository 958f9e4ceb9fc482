package org.lanner.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lanner.api.engine.RuleInfo;
import org.lanner.api.output.Priority;
import org.lanner.api.run.RunState;
import org.lanner.api.run.RunSummary;

/** Falco's summary counts detections under each rule's priority as the rule spelled it. */
class SummaryTest {

    private static RuleInfo rule(String name, Priority p, String text) {
        return new RuleInfo(name, "d", "c", "o", p, List.of(), "syscall", true, "f.yaml", 1, text);
    }

    private static RunSummary fired(Map<String, Long> byRule, Map<Priority, Long> byPriority) {
        long total = byRule.values().stream().mapToLong(Long::longValue).sum();
        return new RunSummary("1", RunState.DONE, 100, total, byPriority, byRule, List.of(), List.of(), 0, 1, null);
    }

    @Test
    void prioritiesAreNamedAsTheRulesSpelledThemMostSevereFirst() {
        Map<String, Long> byRule = new LinkedHashMap<>();
        byRule.put("info one", 2L);
        byRule.put("warn", 3L);
        byRule.put("info two", 1L);
        byRule.put("other warn", 4L);
        Map<String, RuleInfo> rules = Map.of("info one", rule("info one", Priority.INFORMATIONAL, "INFO"),
                "info two", rule("info two", Priority.INFORMATIONAL, "INFO"),
                "warn", rule("warn", Priority.WARNING, "WARNING"),
                "other warn", rule("other warn", Priority.WARNING, "Warning"));
        RunSummary s = fired(byRule, Map.of(Priority.INFORMATIONAL, 3L, Priority.WARNING, 7L));

        assertThat(Summary.severities(s, rules)).containsExactly(Map.entry("WARNING", 3L), Map.entry("Warning", 4L),
                Map.entry("INFO", 3L));
    }

    @Test
    void aRuleNoLongerLoadedFallsBackToThePrioritysName() {
        RunSummary s = fired(Map.of("gone", 2L), Map.of(Priority.NOTICE, 2L));
        assertThat(Summary.severities(s, Map.of())).containsExactly(Map.entry("NOTICE", 2L));
    }
}

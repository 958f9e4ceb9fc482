package org.lanner.api.engine;

import java.util.List;

/**
 * The outcome of loading rules.
 *
 * @param problems every error and warning, in the order found
 * @param rules rules defined
 * @param enabledRules rules enabled after the selection
 * @param macros macros defined
 * @param lists lists defined
 * @param pendingRules rules waiting for a source, field or plugin that is not present yet
 */
public record LoadResult(List<Problem> problems, int rules, int enabledRules, int macros, int lists, List<String> pendingRules) {

    public LoadResult {
        problems = List.copyOf(problems);
        pendingRules = pendingRules == null ? List.of() : List.copyOf(pendingRules);
    }

    /** True when there is no error (warnings are fine). */
    public boolean ok() {
        return problems.stream().noneMatch(p -> p.severity() == Problem.Severity.ERROR);
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
    }
}

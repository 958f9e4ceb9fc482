package org.lanner.rules;

import java.util.List;
import java.util.Map;

import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.Problem;
import org.lanner.filter.EvalContext;
import org.lanner.filter.FieldSlots;

/** The result of loading rules files. Immutable. */
public final class LoadedRuleset {

    private final List<CompiledRule> rules;
    private final List<Problem> problems;
    private final int macros;
    private final int lists;
    private final List<String> pending;
    private final Map<String, List<String>> requiredPluginVersions;
    private final FieldSlots slots;

    LoadedRuleset(List<CompiledRule> rules, List<Problem> problems, int macros, int lists, List<String> pending,
            Map<String, List<String>> requiredPluginVersions, FieldSlots slots) {
        this.rules = List.copyOf(rules);
        this.problems = List.copyOf(problems);
        this.macros = macros;
        this.lists = lists;
        this.pending = List.copyOf(pending);
        this.requiredPluginVersions = Map.copyOf(requiredPluginVersions);
        this.slots = slots;
    }

    /**
     * The rules in load order (the position of each rule's first definition), disabled ones included.
     * Rules below the minimum priority, of an unknown source, or skipped for an unknown field
     * (skip-if-unknown-filter) are not here. Empty when there are errors.
     */
    public List<CompiledRule> rules() {
        return rules;
    }

    /** Errors and warnings in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
    }

    /** True when there is no error. */
    public boolean ok() {
        return problems.stream().noneMatch(p -> p.severity() == Problem.Severity.ERROR);
    }

    /** Number of macros defined. */
    public int macros() {
        return macros;
    }

    /** Number of lists defined. */
    public int lists() {
        return lists;
    }

    /** Names of the rules waiting for a source or a field that is not present yet. */
    public List<String> pending() {
        return pending;
    }

    /** The plugin versions the files require, by plugin name. */
    public Map<String, List<String>> requiredPluginVersions() {
        return requiredPluginVersions;
    }

    /** A context for one evaluating thread (lane). */
    public EvalContext newContext() {
        return slots.newContext();
    }

    /** The load as the engine API reports it. */
    public LoadResult result() {
        int enabled = (int) rules.stream().filter(CompiledRule::enabled).count();
        return new LoadResult(problems, rules.size(), enabled, macros, lists, pending);
    }
}

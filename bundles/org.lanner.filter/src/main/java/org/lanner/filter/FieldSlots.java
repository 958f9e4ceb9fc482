package org.lanner.filter;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Numbers the distinct field references of a ruleset, so that every {@link EvalContext} caches one
 * value per field and per event however many comparisons and rules use it. One instance per
 * compiled ruleset: bind every field first, then create the contexts.
 */
public final class FieldSlots {

    private final Map<Object, Integer> slots = new HashMap<>();
    private final Map<Object, Object> checks = new HashMap<>();

    /** The slot of the field identified by {@code key} (equal keys share a slot). */
    public synchronized int slot(Object key) {
        return slots.computeIfAbsent(key, k -> slots.size());
    }

    /** Number of slots handed out. */
    public synchronized int size() {
        return slots.size();
    }

    /**
     * The evaluator shared by every identical comparison of the ruleset, created by
     * {@code create} (given the comparison's result-cache index) on first use; its result is then
     * computed once per event whatever the number of rules containing it.
     */
    public synchronized Object sharedCheck(Object key, IntFunction<Object> create) {
        Object existing = checks.get(key);
        if (existing == null) {
            existing = create.apply(checks.size());
            checks.put(key, existing);
        }
        return existing;
    }

    /** Number of distinct shared comparisons. */
    public synchronized int checks() {
        return checks.size();
    }

    /** A context for one evaluating thread, with room for every slot and comparison handed out so far. */
    public EvalContext newContext() {
        return new EvalContext(size(), checks());
    }
}

package org.lanner.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the distinct field references of a ruleset, so that every {@link EvalContext} caches one
 * value per field and per event however many comparisons and rules use it. One instance per
 * compiled ruleset: bind every field first, then create the contexts.
 */
public final class FieldSlots {

    private final Map<Object, Integer> slots = new HashMap<>();

    /** The slot of the field identified by {@code key} (equal keys share a slot). */
    public synchronized int slot(Object key) {
        return slots.computeIfAbsent(key, k -> slots.size());
    }

    /** Number of slots handed out. */
    public synchronized int size() {
        return slots.size();
    }

    /** A context for one evaluating thread, with room for every slot handed out so far. */
    public EvalContext newContext() {
        return new EvalContext(size());
    }
}

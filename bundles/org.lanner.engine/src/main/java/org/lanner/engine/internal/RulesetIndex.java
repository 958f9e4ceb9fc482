package org.lanner.engine.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lanner.api.engine.RuleInfo;
import org.lanner.rules.CompiledRule;
import org.lanner.filter.EvalContext;
import org.lanner.filter.Filter;
import org.lanner.rules.LoadedRuleset;

/**
 * A compiled ruleset indexed by source and event type: for every (source, type) the enabled rules
 * that can match it, in load order. Immutable; the engine swaps whole indexes.
 */
final class RulesetIndex {

    /** Index keys: event types, and for system calls the keys of generic events (IndexKeys). */
    static final int TYPES = Filter.UNIVERSE;
    private static final CompiledRule[] NONE = new CompiledRule[0];

    private final LoadedRuleset ruleset;
    private final Map<String, CompiledRule[][]> bySource = new HashMap<>();
    private final Map<String, BitSet> typesBySource = new HashMap<>();
    private final Map<String, Boolean> anyTypeBySource = new HashMap<>();
    private final List<RuleInfo> infos;
    private final int enabled;

    RulesetIndex(LoadedRuleset ruleset) {
        this.ruleset = ruleset;
        Map<String, List<CompiledRule>> perSource = new HashMap<>();
        List<RuleInfo> list = new ArrayList<>();
        int on = 0;
        for (CompiledRule r : ruleset.rules()) {
            list.add(new RuleInfo(r.name(), r.description(), r.conditionText(), r.outputText(), r.priority(), r.tags(), r.source(),
                    r.enabled(), r.file(), r.line()));
            if (r.enabled()) {
                on++;
                perSource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r);
            }
        }
        this.infos = List.copyOf(list);
        this.enabled = on;
        for (Map.Entry<String, List<CompiledRule>> e : perSource.entrySet()) {
            CompiledRule[][] table = new CompiledRule[TYPES][];
            BitSet types = new BitSet(TYPES);
            boolean any = false;
            List<List<CompiledRule>> lists = new ArrayList<>(TYPES);
            for (int t = 0; t < TYPES; t++) {
                lists.add(null);
            }
            for (CompiledRule r : e.getValue()) {
                BitSet rt = r.eventTypes();
                if (rt == null) {
                    any = true;
                }
                for (int t = 0; t < TYPES; t++) {
                    if (rt == null || rt.get(t)) {
                        if (lists.get(t) == null) {
                            lists.set(t, new ArrayList<>());
                        }
                        lists.get(t).add(r);
                        types.set(t);
                    }
                }
            }
            for (int t = 0; t < TYPES; t++) {
                table[t] = lists.get(t) == null ? NONE : lists.get(t).toArray(NONE);
            }
            bySource.put(e.getKey(), table);
            typesBySource.put(e.getKey(), types);
            anyTypeBySource.put(e.getKey(), any);
        }
    }

    /** The rules that can match an event of index key {@code type} from {@code source}, in load order. */
    CompiledRule[] candidates(String source, int type) {
        CompiledRule[][] table = bySource.get(source);
        if (table == null || type < 0 || type >= TYPES) {
            return NONE;
        }
        return table[type];
    }

    /** A per-lane evaluation context for this ruleset. */
    EvalContext newContext() {
        return ruleset.newContext();
    }

    /** The index keys some enabled rule of {@code source} can match, or null when a rule matches any. */
    BitSet eventTypes(String source) {
        if (Boolean.TRUE.equals(anyTypeBySource.get(source))) {
            return null;
        }
        BitSet t = typesBySource.get(source);
        return t == null ? new BitSet() : (BitSet) t.clone();
    }

    List<RuleInfo> infos() {
        return infos;
    }

    int enabled() {
        return enabled;
    }

    LoadedRuleset ruleset() {
        return ruleset;
    }
}

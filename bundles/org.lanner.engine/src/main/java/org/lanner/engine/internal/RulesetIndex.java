package org.lanner.engine.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lanner.api.engine.RuleInfo;
import org.lanner.api.source.SourcePolicy;
import org.lanner.filter.EvalContext;
import org.lanner.rules.CompiledRule;
import org.lanner.rules.LoadedRuleset;

/**
 * A compiled ruleset indexed by source and index key: for every (source, key) the enabled rules that
 * can match it, in load order. Each source's table spans its policy's key space. Immutable; whole
 * indexes are swapped.
 */
final class RulesetIndex {

    private static final CompiledRule[] NONE = new CompiledRule[0];

    /** The rules of one source by key, and the keys some rule needs. */
    private record SourceTable(CompiledRule[][] byKey, BitSet keys, boolean anyKey) {
    }

    private final LoadedRuleset ruleset;
    private final Map<String, SourceTable> bySource = new HashMap<>();
    private final List<RuleInfo> infos;
    private final int enabled;

    /**
     * @param policies the policies the rules were compiled with (their key spaces)
     */
    RulesetIndex(LoadedRuleset ruleset, java.util.function.Function<String, SourcePolicy> policies) {
        this.ruleset = ruleset;
        Map<String, List<CompiledRule>> perSource = new HashMap<>();
        List<RuleInfo> list = new ArrayList<>();
        int on = 0;
        for (CompiledRule r : ruleset.rules()) {
            list.add(r.info());
            if (r.enabled()) {
                on++;
                perSource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r);
            }
        }
        this.infos = List.copyOf(list);
        this.enabled = on;
        for (Map.Entry<String, List<CompiledRule>> e : perSource.entrySet()) {
            bySource.put(e.getKey(), table(e.getValue(), policies.apply(e.getKey()).keySpace()));
        }
    }

    private static SourceTable table(List<CompiledRule> rules, int keySpace) {
        List<List<CompiledRule>> lists = new ArrayList<>(keySpace);
        for (int k = 0; k < keySpace; k++) {
            lists.add(null);
        }
        BitSet keys = new BitSet(keySpace);
        boolean any = false;
        for (CompiledRule r : rules) {
            BitSet rk = r.eventTypes();
            if (rk == null) {
                any = true;
            }
            for (int k = 0; k < keySpace; k++) {
                if (rk == null || rk.get(k)) {
                    if (lists.get(k) == null) {
                        lists.set(k, new ArrayList<>());
                    }
                    lists.get(k).add(r);
                    keys.set(k);
                }
            }
        }
        CompiledRule[][] byKey = new CompiledRule[keySpace][];
        for (int k = 0; k < keySpace; k++) {
            byKey[k] = lists.get(k) == null ? NONE : lists.get(k).toArray(NONE);
        }
        return new SourceTable(byKey, keys, any);
    }

    /** The rules table of {@code source} by key (shared, never modify it), or null when it has no enabled rule. */
    CompiledRule[][] table(String source) {
        SourceTable t = bySource.get(source);
        return t == null ? null : t.byKey();
    }

    /** The rules that can match an event of key {@code key} from {@code source}, in load order. */
    CompiledRule[] candidates(String source, int key) {
        SourceTable t = bySource.get(source);
        if (t == null || key < 0 || key >= t.byKey().length) {
            return NONE;
        }
        return t.byKey()[key];
    }

    /** A per-lane evaluation context for this ruleset. */
    EvalContext newContext() {
        return ruleset.newContext();
    }

    /** The keys some enabled rule of {@code source} can match (a copy), or null when a rule matches any. */
    BitSet keys(String source) {
        SourceTable t = bySource.get(source);
        if (t == null) {
            return new BitSet();
        }
        return t.anyKey() ? null : (BitSet) t.keys().clone();
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

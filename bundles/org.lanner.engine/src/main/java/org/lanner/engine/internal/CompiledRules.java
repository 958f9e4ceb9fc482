package org.lanner.engine.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lanner.api.engine.RulesRequest;

/**
 * The ruleset compiled from one rules request, swapped whole when the request is loaded again or when
 * fields and sources come or go (late binding). The engine has one that {@code lanner -r} and the
 * rules watcher load into; a run that asks for rules of its own has another. Those who evaluate read
 * {@link #current()} once per batch; those who must follow a swap (live inputs selecting event types)
 * register a listener.
 */
final class CompiledRules {

    private volatile RulesetIndex current;
    private volatile RulesRequest request;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    CompiledRules() {
    }

    CompiledRules(RulesRequest request, RulesetIndex index) {
        this.request = request;
        this.current = index;
    }

    /** The ruleset now, or null before anything was loaded. */
    RulesetIndex current() {
        return current;
    }

    /** The request the ruleset was compiled from, or null. */
    RulesRequest request() {
        return request;
    }

    /** Swaps in a ruleset compiled from {@code from}, then tells the listeners. */
    void swap(RulesRequest from, RulesetIndex index) {
        this.request = from;
        this.current = index;
        for (Runnable l : listeners) {
            l.run();
        }
    }

    void listen(Runnable listener) {
        listeners.add(listener);
    }

    void unlisten(Runnable listener) {
        listeners.remove(listener);
    }
}

package org.lanner.filter;

import java.util.BitSet;

import org.lanner.api.event.Event;
import org.lanner.filter.internal.Eval;

/** A compiled condition. Immutable and thread-safe; evaluate with one {@link EvalContext} per thread. */
public final class Filter {

    private final Eval root;
    private final BitSet eventTypes;

    Filter(Eval root, BitSet eventTypes) {
        this.root = root;
        this.eventTypes = eventTypes;
    }

    /** Whether the event satisfies the condition. Allocates nothing (extractors permitting). */
    public boolean matches(Event event, EvalContext ctx) {
        ctx.begin(event);
        return root.eval(event, ctx);
    }

    /**
     * The event types (the source's index keys, below the key space it was compiled for) this condition
     * can be true for, or null when it can be true for any type. The returned set is a copy.
     */
    public BitSet eventTypes() {
        return eventTypes == null ? null : (BitSet) eventTypes.clone();
    }
}

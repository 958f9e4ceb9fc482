package org.lanner.filter.internal;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.EvalContext;

/** A comparison on one field: fetches the field's value through the context's slot cache. */
public abstract class FieldEval extends Eval {

    protected final FieldAccessor accessor;
    protected final int slot;

    protected FieldEval(FieldAccessor accessor, int slot) {
        this.accessor = accessor;
        this.slot = slot;
    }

    protected final ValueHolder fetch(Event event, EvalContext ctx) {
        return ctx.value(slot, accessor, event);
    }

    /** {@code field exists}. */
    public static final class Exists extends FieldEval {
        public Exists(FieldAccessor accessor, int slot) {
            super(accessor, slot);
        }

        @Override
        public boolean eval(Event event, EvalContext ctx) {
            return fetch(event, ctx) != null;
        }
    }
}

package org.lanner.filter.internal;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.EvalContext;

/** A comparison on one field: fetches the field's value through the context's slot cache. */
public abstract class FieldEval extends Eval {

    protected final FieldAccessor accessor;
    protected final int slot;
    private final FieldAccessor.Multiplicity multiplicity;

    protected FieldEval(FieldAccessor accessor, int slot) {
        this.accessor = accessor;
        this.slot = slot;
        this.multiplicity = accessor.multiplicity();
    }

    /**
     * Whether a list value is a set matched through its members ({@code fd.ip}, {@code proc.aname})
     * rather than a list compared as a whole (the list fields of Kubernetes audit events).
     */
    protected final boolean isSet(ValueHolder h) {
        return h.kind() == ValueHolder.LIST && multiplicity != FieldAccessor.Multiplicity.SINGLE;
    }

    /**
     * A comparison on a set-valued field: true when it holds for some member; for {@code !=} on a
     * field whose multiplicity is {@link FieldAccessor.Multiplicity#ANY_NOT_EQUAL_NONE}, only when
     * no member is equal. No member: false.
     */
    protected final boolean evalSet(ValueHolder h, EvalContext ctx, boolean notEqual) {
        int n = h.count();
        if (n == 0) {
            return false;
        }
        if (notEqual && multiplicity == FieldAccessor.Multiplicity.ANY_NOT_EQUAL_NONE) {
            for (int i = 0; i < n; i++) {
                if (!testItem(h.item(i), ctx)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < n; i++) {
            if (testItem(h.item(i), ctx)) {
                return true;
            }
        }
        return false;
    }

    /** The comparison on one member of a set, given as text. */
    protected boolean testItem(String item, EvalContext ctx) {
        return false;
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

package org.lanner.filter.internal;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.EvalContext;
import org.lanner.filter.Operator;

/** Floating-point comparisons. */
public final class DoubleEval extends FieldEval {

    private final Operator op;
    private final double[] constants;

    public DoubleEval(FieldAccessor accessor, int slot, Operator op, double[] constants) {
        super(accessor, slot);
        this.op = op;
        this.constants = constants;
    }

    @Override
    public boolean eval(Event event, EvalContext ctx) {
        ValueHolder h = fetch(event, ctx);
        if (h == null) {
            return false;
        }
        double v;
        if (h.kind() == ValueHolder.DOUBLE) {
            v = h.doubleValue();
        } else if (h.kind() == ValueHolder.LONG) {
            v = h.longValue();
        } else {
            return false;
        }
        double c = constants.length > 0 ? constants[0] : 0;
        switch (op) {
            case EQ:
            case EQEQ:
                return v == c;
            case NE:
                return v != c;
            case LT:
                return v < c;
            case LE:
                return v <= c;
            case GT:
                return v > c;
            case GE:
                return v >= c;
            case IN:
            case INTERSECTS:
                for (double k : constants) {
                    if (v == k) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }
}

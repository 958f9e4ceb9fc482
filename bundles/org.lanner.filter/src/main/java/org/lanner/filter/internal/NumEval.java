package org.lanner.filter.internal;

import java.util.Arrays;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.EvalContext;
import org.lanner.filter.Operator;

/** Integer comparisons, signed or unsigned 64-bit; booleans are integers 0/1 here. */
public final class NumEval extends FieldEval {

    private final Operator op;
    private final boolean unsigned;
    private final long constant;
    private final long[] sorted;

    /** @param constants the right-hand values (one for single-value operators) */
    public NumEval(FieldAccessor accessor, int slot, Operator op, boolean unsigned, long[] constants) {
        super(accessor, slot);
        this.op = op;
        this.unsigned = unsigned;
        this.constant = constants.length > 0 ? constants[0] : 0;
        long[] s = constants.clone();
        Arrays.sort(s);
        this.sorted = s;
    }

    @Override
    public boolean eval(Event event, EvalContext ctx) {
        ValueHolder h = fetch(event, ctx);
        if (h == null) {
            return false;
        }
        switch (h.kind()) {
            case ValueHolder.LONG:
                return test(h.longValue());
            case ValueHolder.DOUBLE:
                return test((long) h.doubleValue());
            case ValueHolder.LIST:
                return isSet(h) ? evalSet(h, ctx, op == Operator.NE) : evalList(h);
            default:
                return false;
        }
    }

    private boolean evalList(ValueHolder h) {
        int n = h.count();
        if (op == Operator.IN || op == Operator.INTERSECTS) {
            boolean any = false;
            for (int i = 0; i < n; i++) {
                boolean hit = parseAndTest(h.item(i));
                if (op == Operator.IN && !hit) {
                    return false;
                }
                any |= hit;
            }
            return op == Operator.IN || any;
        }
        if (op == Operator.EQ || op == Operator.EQEQ || op == Operator.NE) {
            boolean equal = n > 0;
            for (int i = 0; i < n && equal; i++) {
                equal = parseAndTest(h.item(i)) == (op != Operator.NE);
            }
            return op == Operator.NE ? !equal : equal;
        }
        return n == 1 && parseAndTest(h.item(0));
    }

    @Override
    protected boolean testItem(String item, EvalContext ctx) {
        return parseAndTest(item);
    }

    private boolean parseAndTest(String s) {
        try {
            return test(unsigned ? Long.parseUnsignedLong(s) : Long.parseLong(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean test(long v) {
        switch (op) {
            case EQ:
            case EQEQ:
                return v == constant;
            case NE:
                return v != constant;
            case LT:
                return cmp(v, constant) < 0;
            case LE:
                return cmp(v, constant) <= 0;
            case GT:
                return cmp(v, constant) > 0;
            case GE:
                return cmp(v, constant) >= 0;
            case IN:
            case INTERSECTS:
                return Arrays.binarySearch(sorted, v) >= 0;
            default:
                return false;
        }
    }

    private int cmp(long a, long b) {
        return unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }
}

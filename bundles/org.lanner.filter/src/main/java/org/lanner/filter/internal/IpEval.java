package org.lanner.filter.internal;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.EvalContext;
import org.lanner.filter.Operator;

/**
 * Address comparisons. The event value is an address (4 or 16 bytes); each constant is an address
 * (a network of full length) or a network, and a value "equals" a constant when it lies in it.
 * Addresses of different families never match.
 */
public final class IpEval extends FieldEval {

    private final Operator op;
    private final Ip.Net[] nets;

    public IpEval(FieldAccessor accessor, int slot, Operator op, Ip.Net[] nets) {
        super(accessor, slot);
        this.op = op;
        this.nets = nets;
    }

    @Override
    public boolean eval(Event event, EvalContext ctx) {
        ValueHolder h = fetch(event, ctx);
        if (h == null) {
            return false;
        }
        if (isSet(h)) {
            return evalSet(h, ctx, op == Operator.NE);
        }
        byte[] a;
        int off;
        int len;
        if (h.kind() == ValueHolder.BYTES) {
            a = h.bytes();
            off = h.offset();
            len = h.length();
        } else if (h.kind() == ValueHolder.STRING) {
            a = Ip.parseAddress(h.string());
            if (a == null) {
                return false;
            }
            off = 0;
            len = a.length;
        } else {
            return false;
        }
        return test(a, off, len);
    }

    @Override
    protected boolean testItem(String item, EvalContext ctx) {
        byte[] a = Ip.parseAddress(item);
        return a != null && test(a, 0, a.length);
    }

    private boolean test(byte[] a, int off, int len) {
        boolean in = false;
        for (Ip.Net n : nets) {
            if (n.contains(a, off, len)) {
                in = true;
                break;
            }
        }
        return op == Operator.NE ? !in : in;
    }
}

package org.lanner.filter.internal;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.common.Glob;
import org.lanner.filter.EvalContext;
import org.lanner.filter.Operator;

/**
 * Text and byte-buffer comparisons on UTF-8 bytes (strings held as Java strings are encoded once per
 * event by the context). Multi-valued fields compare as Falco's JSON fields do: {@code =} is set
 * equality, {@code in} needs every value in the set, {@code intersects} one, {@code pmatch} every
 * value, the other operators need exactly one value.
 */
public final class TextEval extends FieldEval {

    private static final byte[] NA = {'<', 'N', 'A', '>'};

    private final Operator op;
    private final byte[] constant;
    private final BytesTable set;
    private final byte[][] small;
    private final PathSet paths;
    private final Glob glob;
    private final boolean trimNul;

    /**
     * @param constants the right-hand values as UTF-8 (one for single-value operators)
     * @param trimNul drop trailing NUL bytes of byte values (C strings read from events)
     */
    public TextEval(FieldAccessor accessor, int slot, Operator op, byte[][] constants, boolean trimNul) {
        super(accessor, slot);
        this.op = op;
        this.trimNul = trimNul;
        byte[] c = constants.length > 0 ? constants[0] : new byte[0];
        if (op == Operator.ICONTAINS) {
            c = c.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] = Bytes.lower(c[i]);
            }
        }
        this.constant = c;
        if (op == Operator.IN || op == Operator.INTERSECTS) {
            if (constants.length <= 4) {
                small = constants;
                set = null;
            } else {
                small = null;
                set = new BytesTable(constants.length);
                for (byte[] k : constants) {
                    set.put(k, 1);
                }
            }
        } else {
            small = null;
            set = null;
        }
        if (op == Operator.PMATCH) {
            paths = new PathSet();
            for (byte[] k : constants) {
                paths.add(new String(k, java.nio.charset.StandardCharsets.UTF_8));
            }
        } else {
            paths = null;
        }
        glob = op == Operator.GLOB ? new Glob(new String(c, java.nio.charset.StandardCharsets.UTF_8)) : null;
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
        if (h.kind() == ValueHolder.LIST) {
            return evalList(h, ctx);
        }
        if (!ctx.text(slot, h)) {
            return false;
        }
        int len = ctx.textLength;
        if (trimNul && h.kind() == ValueHolder.BYTES) {
            while (len > 0 && ctx.textArray[ctx.textOffset + len - 1] == 0) {
                len--;
            }
        }
        return test(ctx.textArray, ctx.textOffset, len);
    }

    @Override
    protected boolean testItem(String item, EvalContext ctx) {
        ctx.encode(item);
        return test(ctx.textArray, 0, ctx.textLength);
    }

    private boolean evalList(ValueHolder h, EvalContext ctx) {
        int n = h.count();
        switch (op) {
            case EQ, EQEQ, NE: {
                boolean equal = n > 0;
                for (int i = 0; i < n && equal; i++) {
                    ctx.encode(h.item(i));
                    equal = Bytes.equals(ctx.textArray, 0, ctx.textLength, constant);
                }
                return op == Operator.NE ? !equal : equal;
            }
            case IN, PMATCH: {
                for (int i = 0; i < n; i++) {
                    ctx.encode(h.item(i));
                    if (op == Operator.PMATCH && Bytes.equals(ctx.textArray, 0, ctx.textLength, NA)) {
                        continue;
                    }
                    if (!test(ctx.textArray, 0, ctx.textLength)) {
                        return false;
                    }
                }
                return true;
            }
            case INTERSECTS: {
                for (int i = 0; i < n; i++) {
                    ctx.encode(h.item(i));
                    if (test(ctx.textArray, 0, ctx.textLength)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                if (n != 1) {
                    return false;
                }
                ctx.encode(h.item(0));
                return test(ctx.textArray, 0, ctx.textLength);
        }
    }

    private boolean test(byte[] a, int off, int len) {
        switch (op) {
            case EQ:
            case EQEQ:
                return Bytes.equals(a, off, len, constant);
            case NE:
                return !Bytes.equals(a, off, len, constant);
            case LT:
                return Bytes.compare(a, off, len, constant) < 0;
            case LE:
                return Bytes.compare(a, off, len, constant) <= 0;
            case GT:
                return Bytes.compare(a, off, len, constant) > 0;
            case GE:
                return Bytes.compare(a, off, len, constant) >= 0;
            case CONTAINS:
                return Bytes.indexOf(a, off, len, constant) >= 0;
            case ICONTAINS:
                return Bytes.containsIgnoreCase(a, off, len, constant);
            case STARTSWITH:
                return Bytes.startsWith(a, off, len, constant);
            case ENDSWITH:
                return Bytes.endsWith(a, off, len, constant);
            case GLOB:
                return glob.matches(a, off, len);
            case PMATCH:
                return paths.matches(a, off, len);
            case IN:
            case INTERSECTS:
                if (set != null) {
                    return set.get(a, off, len) >= 0;
                }
                for (byte[] k : small) {
                    if (Bytes.equals(a, off, len, k)) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }
}

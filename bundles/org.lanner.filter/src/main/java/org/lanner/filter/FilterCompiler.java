package org.lanner.filter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldType;
import org.lanner.filter.internal.DoubleEval;
import org.lanner.filter.internal.Eval;
import org.lanner.filter.internal.FieldEval;
import org.lanner.filter.internal.Ip;
import org.lanner.filter.internal.IpEval;
import org.lanner.filter.internal.NumEval;
import org.lanner.filter.internal.Services;
import org.lanner.filter.internal.TextEval;

/**
 * Compiles a macro-free condition into a {@link Filter}: fields are bound once, constants are parsed
 * for the field's type ({@link FieldType.Comparison}), and the event types the condition can match
 * are computed as Falco's event-type resolver does: {@code and} intersects its children's sets,
 * {@code or} unites them, and a negation is pushed down to the comparisons (De Morgan), where it
 * complements a comparison's set over the source's index keys, {@code 0..keySpace-1} (event types,
 * unless the source's policy refines them); a comparison whose field does not restrict event types
 * (null from {@link FieldAccessor#eventTypes}) stands for any type, negated or not.
 */
public final class FilterCompiler {

    /** The key space of a source without a policy of its own: event types below 1024. */
    public static final int DEFAULT_KEY_SPACE = 1024;

    private final FieldBinder binder;
    private final FieldSlots shared;
    private final int keySpace;
    private final Map<Node.Check, FieldAccessor> accessors = new IdentityHashMap<>();

    private FilterCompiler(FieldBinder binder, FieldSlots shared, int keySpace) {
        this.binder = binder;
        this.shared = shared;
        this.keySpace = keySpace;
    }

    /**
     * Compiles {@code condition}.
     *
     * @throws FilterException for a macro reference, an unknown field (from the binder), an operator
     *     the field's type does not support, or a value that does not parse as the field's type
     */
    public static Filter compile(Node condition, FieldBinder binder) throws FilterException {
        return compile(condition, binder, null);
    }

    /**
     * Compiles {@code condition}, sharing identical comparisons with the other conditions compiled
     * with the same {@code slots}: each is then evaluated at most once per event and context. The
     * contexts must come from {@code slots} after every condition is compiled.
     */
    public static Filter compile(Node condition, FieldBinder binder, FieldSlots slots) throws FilterException {
        return compile(condition, binder, slots, DEFAULT_KEY_SPACE);
    }

    /**
     * As {@link #compile(Node, FieldBinder, FieldSlots)}, for a source whose events are indexed by keys
     * {@code 0..keySpace-1} (its {@code SourcePolicy}): the event types computed range over them.
     */
    public static Filter compile(Node condition, FieldBinder binder, FieldSlots slots, int keySpace) throws FilterException {
        if (keySpace < 1) {
            throw new IllegalArgumentException("key space must be positive: " + keySpace);
        }
        FilterCompiler c = new FilterCompiler(binder, slots, keySpace);
        Eval root = c.compileNode(condition);
        BitSet types = c.eventTypes(condition, false);
        return new Filter(root, types);
    }

    private Eval compileNode(Node node) throws FilterException {
        if (node instanceof Node.And a) {
            List<Eval> kids = new ArrayList<>();
            for (Node c : a.children()) {
                kids.add(compileNode(c));
            }
            return new Eval.And(kids.toArray(new Eval[0]));
        }
        if (node instanceof Node.Or o) {
            List<Eval> kids = new ArrayList<>();
            for (Node c : o.children()) {
                kids.add(compileNode(c));
            }
            return new Eval.Or(kids.toArray(new Eval[0]));
        }
        if (node instanceof Node.Not x) {
            return new Eval.Not(compileNode(x.child()));
        }
        if (node instanceof Node.MacroRef m) {
            throw new FilterException(m.position(), "undefined macro '" + m.name() + "'");
        }
        return compileCheck((Node.Check) node);
    }

    /** What makes two comparisons identical: the field's slot, the operator and the values. */
    private record CheckKey(int slot, Operator operator, List<String> values) {
    }

    private Eval compileCheck(Node.Check check) throws FilterException {
        FieldBinding b = binder.bind(check.field());
        Eval e = compileComparison(check, b);
        if (shared == null || check.operator() == Operator.EXISTS) {
            return e;
        }
        Operator op = check.operator() == Operator.EQEQ ? Operator.EQ : check.operator();
        List<String> values = new ArrayList<>();
        for (Value v : check.values()) {
            values.add(v.text());
        }
        if (op.takesList()) {
            values = new ArrayList<>(new java.util.TreeSet<>(values));
        }
        return (Eval) shared.sharedCheck(new CheckKey(b.slot(), op, List.copyOf(values)), index -> new Eval.Shared(e, index));
    }

    private Eval compileComparison(Node.Check check, FieldBinding b) throws FilterException {
        FieldAccessor acc = b.accessor();
        accessors.put(check, acc);
        Operator op = check.operator();
        FieldType type = acc.type();
        if (op == Operator.EXISTS) {
            return new FieldEval.Exists(acc, b.slot());
        }
        FieldType.Comparison cmp = type.comparison();
        if (!supports(cmp, op)) {
            throw new FilterException(check.position(), "operator '" + op.symbol() + "' cannot be used with field '"
                    + check.field().text() + "' of type " + type.name());
        }
        List<Value> values = check.values();
        switch (cmp) {
            case STRING:
            case BYTES: {
                byte[][] k = new byte[values.size()][];
                for (int i = 0; i < k.length; i++) {
                    k[i] = values.get(i).text().getBytes(StandardCharsets.UTF_8);
                }
                return new TextEval(acc, b.slot(), op, k, cmp == FieldType.Comparison.STRING);
            }
            case SIGNED:
            case UNSIGNED:
            case BOOL: {
                long[] k = new long[values.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = parseInteger(values.get(i), type, check.field());
                }
                return new NumEval(acc, b.slot(), op, cmp == FieldType.Comparison.UNSIGNED, k);
            }
            case DOUBLE: {
                double[] k = new double[values.size()];
                for (int i = 0; i < k.length; i++) {
                    try {
                        k[i] = Double.parseDouble(values.get(i).text().strip());
                    } catch (NumberFormatException e) {
                        throw bad(values.get(i), check.field(), "a number");
                    }
                }
                return new DoubleEval(acc, b.slot(), op, k);
            }
            case IPADDR:
            case IPNET: {
                Ip.Net[] k = new Ip.Net[values.size()];
                for (int i = 0; i < k.length; i++) {
                    String t = values.get(i).text().strip();
                    if (cmp == FieldType.Comparison.IPADDR) {
                        byte[] a = Ip.parseAddress(t);
                        k[i] = a == null ? null : new Ip.Net(a, a.length * 8);
                    } else {
                        k[i] = Ip.parseNet(t);
                    }
                    if (k[i] == null) {
                        throw bad(values.get(i), check.field(), cmp == FieldType.Comparison.IPADDR ? "an IP address" : "an IP network");
                    }
                }
                return new IpEval(acc, b.slot(), op, k);
            }
            default:
                throw new FilterException(check.position(), "unsupported field type " + type);
        }
    }

    private static FilterException bad(Value v, FieldRef field, String what) {
        return new FilterException(v.position(), "'" + v.text() + "' is not " + what + " (for field '" + field.text() + "')");
    }

    private static long parseInteger(Value v, FieldType type, FieldRef field) throws FilterException {
        String t = v.text().strip();
        if (type == FieldType.BOOL) {
            if (t.equals("true")) {
                return 1;
            }
            if (t.equals("false")) {
                return 0;
            }
            throw bad(v, field, "a boolean (true or false)");
        }
        try {
            boolean neg = t.startsWith("-");
            String digits = neg || t.startsWith("+") ? t.substring(1) : t;
            long r;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                r = Long.parseUnsignedLong(digits.substring(2), 16);
            } else {
                if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new NumberFormatException();
                }
                r = Long.parseUnsignedLong(digits);
            }
            return neg ? -r : r;
        } catch (NumberFormatException e) {
            if (type == FieldType.PORT) {
                int port = Services.port(t);
                if (port >= 0) {
                    return port;
                }
                throw bad(v, field, "a port number or a known service name");
            }
            throw bad(v, field, "an integer");
        }
    }

    private static boolean supports(FieldType.Comparison cmp, Operator op) {
        switch (cmp) {
            case STRING:
                return true;
            case BYTES:
                return switch (op) {
                    case EQ, EQEQ, NE, CONTAINS, STARTSWITH, ENDSWITH, IN, INTERSECTS, PMATCH -> true;
                    default -> false;
                };
            case SIGNED:
            case UNSIGNED:
            case DOUBLE:
                return switch (op) {
                    case EQ, EQEQ, NE, LT, LE, GT, GE, IN, INTERSECTS -> true;
                    default -> false;
                };
            case BOOL:
                return switch (op) {
                    case EQ, EQEQ, NE, IN, INTERSECTS -> true;
                    default -> false;
                };
            case IPADDR:
            case IPNET:
                return switch (op) {
                    case EQ, EQEQ, NE, IN, INTERSECTS, PMATCH -> true;
                    default -> false;
                };
            default:
                return false;
        }
    }

    /** The event types of {@code node}, with a pending negation pushed down; null = any. */
    private BitSet eventTypes(Node node, boolean negated) {
        if (node instanceof Node.Not x) {
            return eventTypes(x.child(), !negated);
        }
        if (node instanceof Node.And a) {
            return negated ? union(a.children(), true) : intersection(a.children(), false);
        }
        if (node instanceof Node.Or o) {
            return negated ? intersection(o.children(), true) : union(o.children(), false);
        }
        if (node instanceof Node.Check c) {
            FieldAccessor acc = accessors.get(c);
            List<String> values = new ArrayList<>(c.values().size());
            for (Value v : c.values()) {
                values.add(v.text());
            }
            BitSet s = acc.eventTypes(c.operator().symbol(), values);
            if (s == null) {
                return null;
            }
            BitSet copy = (BitSet) s.clone();
            if (copy.length() > keySpace) {
                copy.clear(keySpace, copy.length());
            }
            if (negated) {
                copy.flip(0, keySpace);
            }
            return copy;
        }
        return null;
    }

    private BitSet intersection(List<Node> children, boolean negated) {
        BitSet acc = null;
        for (Node c : children) {
            BitSet s = eventTypes(c, negated);
            if (s == null) {
                continue;
            }
            if (acc == null) {
                acc = s;
            } else {
                acc.and(s);
            }
        }
        return acc;
    }

    private BitSet union(List<Node> children, boolean negated) {
        BitSet acc = new BitSet();
        for (Node c : children) {
            BitSet s = eventTypes(c, negated);
            if (s == null) {
                return null;
            }
            acc.or(s);
        }
        return acc;
    }
}

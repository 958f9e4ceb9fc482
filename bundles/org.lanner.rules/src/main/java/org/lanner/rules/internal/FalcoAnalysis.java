package org.lanner.rules.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

import org.lanner.filter.Node;
import org.lanner.filter.Operator;
import org.lanner.filter.Value;

/**
 * What Falco 0.30's Lua loader concluded from the shape of a condition, so Lanner can say the same:
 * the event type warnings ({@code no-evttype}, {@code trailing-evttype}) and which undefined macro it
 * names first, and how. Falco parsed {@code a and b and c} as {@code ((a and b) and c)}; these methods
 * read Lanner's n-ary trees in that shape.
 */
final class FalcoAnalysis {

    private FalcoAnalysis() {
    }

    /**
     * Falco's reading of the event types of a condition (macros expanded): whether it compares
     * {@code evt.type}, whether one such comparison comes after a {@code not} or {@code !=} (in the order the
     * condition is written), and the event names it compared with.
     */
    record EventTypes(boolean found, boolean afterNot, SortedSet<String> names) {

        /** The names Falco printed with {@code -v}: {@code all} when the rule runs for every event. */
        String printed() {
            return !found || afterNot || names.isEmpty() ? "all" : String.join(",", names);
        }
    }

    static EventTypes eventTypes(Node condition) {
        boolean[] state = new boolean[3]; // found, foundNot, afterNot
        SortedSet<String> names = new TreeSet<>();
        visit(condition, state, names);
        return new EventTypes(state[0], state[2], names);
    }

    private static void visit(Node n, boolean[] st, SortedSet<String> names) {
        if (n instanceof Node.And a) {
            a.children().forEach(c -> visit(c, st, names));
        } else if (n instanceof Node.Or o) {
            o.children().forEach(c -> visit(c, st, names));
        } else if (n instanceof Node.Not x) {
            st[1] = true;
            visit(x.child(), st, names);
        } else if (n instanceof Node.Check c && c.operator() != Operator.EXISTS) {
            if (c.operator() == Operator.NE) {
                st[1] = true;
            }
            if (c.field().name().equals("evt.type") && c.field().argument() == null) {
                st[0] = true;
                if (st[1]) {
                    st[2] = true;
                }
                for (Value v : c.values()) {
                    if (!v.quoted()) {
                        names.add(v.text());
                    }
                }
            }
        }
    }

    /** Falco's warning for a rule whose condition does not compare {@code evt.type}. */
    static String noEvttype(String rule, String condition) {
        return "Rule " + rule + ": warning (no-evttype):\n" + condition + "\n"
                + "         did not contain any evt.type restriction, meaning it will run for all event types.\n"
                + "         This has a significant performance penalty. Consider adding an evt.type restriction if possible.";
    }

    /** Falco's warning for a rule that compares {@code evt.type} after a negation. */
    static String trailingEvttype(String rule, String condition) {
        return "Rule " + rule + ": warning (trailing-evttype):\n" + condition + "\n"
                + "         does not have all evt.type restrictions at the beginning of the condition,\n"
                + "         or uses a negative match (i.e. \"not\"/\"!=\") for some evt.type restriction.\n"
                + "         This has a performance penalty, as the rule can not be limited to specific event types.\n"
                + "         Consider moving all evt.type restrictions to the beginning of the rule and/or\n"
                + "         replacing negative matches with positive matches if possible.";
    }

    /**
     * Falco's message for the first undefined macro it meets expanding a condition, or empty when every
     * macro is defined. Falco quoted the name when the macro was the whole condition or the left operand of
     * {@code and}/{@code or}, and not otherwise ({@code Undefined macro 'a' used in filter.} /
     * {@code Undefined macro b used in filter.}), and looked at the right operand before descending into
     * the left one.
     *
     * @param body a defined macro's condition, or null when the macro is undefined
     */
    static Optional<String> undefinedMacro(Node condition, Function<String, Node> body) {
        return at(condition, Place.WHOLE, body, new ArrayDeque<>(), new HashSet<>());
    }

    /** Where a node stands in Falco's tree, which decides how an undefined macro there is worded. */
    private enum Place {
        WHOLE, LEFT, RIGHT, NEGATED;

        String undefined(String name) {
            return this == WHOLE || this == LEFT ? "Undefined macro '" + name + "' used in filter."
                    : "Undefined macro " + name + " used in filter.";
        }
    }

    private static Optional<String> at(Node n, Place place, Function<String, Node> body, Deque<String> stack, Set<String> clean) {
        if (!(n instanceof Node.MacroRef ref)) {
            return node(n, body, stack, clean);
        }
        Node b = body.apply(ref.name());
        if (b == null) {
            return Optional.of(place.undefined(ref.name()));
        }
        // a cycle is reported in Lanner's words, and a chain deeper than the limit too; a macro searched
        // already holds no undefined one (searching it again would be exponential in repeated macros)
        if (stack.contains(ref.name()) || stack.size() >= org.lanner.rules.RulesLoader.MAX_MACRO_DEPTH
                || clean.contains(ref.name())) {
            return Optional.empty();
        }
        stack.push(ref.name());
        try {
            // a macro that is only another macro's name puts that name in the same place
            Optional<String> found = at(b, place, body, stack, clean);
            if (found.isEmpty()) {
                clean.add(ref.name());
            }
            return found;
        } finally {
            stack.pop();
        }
    }

    private static Optional<String> node(Node n, Function<String, Node> body, Deque<String> stack, Set<String> clean) {
        if (n instanceof Node.And a) {
            return fold(a.children(), body, stack, clean);
        }
        if (n instanceof Node.Or o) {
            return fold(o.children(), body, stack, clean);
        }
        if (n instanceof Node.Not x) {
            return at(x.child(), Place.NEGATED, body, stack, clean);
        }
        return Optional.empty();
    }

    /**
     * The children as Falco's left-leaning tree, ((c0 op c1) op c2)…: Falco checked the macro names of
     * both operands of a node before descending into the left one, then the right one. So the names of
     * the right operands are checked from the last to the second (the first's before the second's),
     * then each child is searched from the first; a loop, as a condition may have thousands of operands.
     */
    private static Optional<String> fold(List<Node> kids, Function<String, Node> body, Deque<String> stack, Set<String> clean) {
        for (int j = kids.size() - 1; j >= 1; j--) {
            if (j == 1 && kids.get(0) instanceof Node.MacroRef l && body.apply(l.name()) == null) {
                return Optional.of(Place.LEFT.undefined(l.name()));
            }
            if (kids.get(j) instanceof Node.MacroRef r && body.apply(r.name()) == null) {
                return Optional.of(Place.RIGHT.undefined(r.name()));
            }
        }
        for (int j = 0; j < kids.size(); j++) {
            Optional<String> found = at(kids.get(j), j == 0 ? Place.LEFT : Place.RIGHT, body, stack, clean);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}

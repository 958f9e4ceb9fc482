package org.lanner.filter;

import java.util.List;
import java.util.Objects;

/** A node of a condition's syntax tree. Immutable. */
public sealed interface Node permits Node.And, Node.Or, Node.Not, Node.Check, Node.MacroRef {

    /** Where the node starts in its condition text. */
    Position position();

    /** {@code a and b and …}: two or more children. */
    record And(List<Node> children, Position position) implements Node {
        public And {
            children = List.copyOf(children);
        }
    }

    /** {@code a or b or …}: two or more children. */
    record Or(List<Node> children, Position position) implements Node {
        public Or {
            children = List.copyOf(children);
        }
    }

    /** {@code not a}. */
    record Not(Node child, Position position) implements Node {
        public Not {
            Objects.requireNonNull(child, "child");
        }
    }

    /**
     * A comparison: {@code field op value}, {@code field op (v1, v2)} or {@code field exists}.
     *
     * @param field the field
     * @param operator the operator
     * @param values the right-hand values (lists expanded); empty for {@code exists}
     * @param position where the comparison starts (the field)
     */
    record Check(FieldRef field, Operator operator, List<Value> values, Position position) implements Node {
        public Check {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
        }
    }

    /** A reference to a macro, by name; the rules layer replaces it with the macro's condition. */
    record MacroRef(String name, Position position) implements Node {
        public MacroRef {
            Objects.requireNonNull(name, "name");
        }
    }
}

package org.lanner.filter.internal;

import org.lanner.api.event.Event;
import org.lanner.filter.EvalContext;

/** A compiled piece of a condition. Immutable; evaluated concurrently with one context per thread. */
public abstract class Eval {

    public abstract boolean eval(Event event, EvalContext ctx);

    /** {@code a and b and …}, short-circuit. */
    public static final class And extends Eval {
        private final Eval[] children;

        public And(Eval[] children) {
            this.children = children;
        }

        @Override
        public boolean eval(Event event, EvalContext ctx) {
            for (Eval c : children) {
                if (!c.eval(event, ctx)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code a or b or …}, short-circuit. */
    public static final class Or extends Eval {
        private final Eval[] children;

        public Or(Eval[] children) {
            this.children = children;
        }

        @Override
        public boolean eval(Event event, EvalContext ctx) {
            for (Eval c : children) {
                if (c.eval(event, ctx)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code not a}. */
    public static final class Not extends Eval {
        private final Eval child;

        public Not(Eval child) {
            this.child = child;
        }

        @Override
        public boolean eval(Event event, EvalContext ctx) {
            return !child.eval(event, ctx);
        }
    }
}

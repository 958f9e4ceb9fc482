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

    /**
     * A comparison shared by several rules: evaluated once per event, the result kept in the
     * context (libsinsp's evaluation cache does the same for identical checks).
     */
    public static final class Shared extends Eval {
        private final Eval check;
        private final int index;

        public Shared(Eval check, int index) {
            this.check = check;
            this.index = index;
        }

        @Override
        public boolean eval(Event event, EvalContext ctx) {
            if (ctx.hasResult(index)) {
                return ctx.result(index);
            }
            boolean r = check.eval(event, ctx);
            ctx.result(index, r);
            return r;
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

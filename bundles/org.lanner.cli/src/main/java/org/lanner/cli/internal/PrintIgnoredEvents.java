package org.lanner.cli.internal;

/** {@code -i}: the events rules skip unless {@code -A} is given. */
final class PrintIgnoredEvents implements Step {

    @Override
    public int run(Invocation inv) {
        if (!inv.options.ignoredEvents) {
            return CONTINUE;
        }
        inv.console.out.println(IgnoredEvents.line());
        return EXIT_SUCCESS;
    }
}

package org.lanner.cli.internal;

import java.util.List;

import org.lanner.api.engine.RuleInfo;

/** {@code -L} and {@code -l NAME}: rule names and descriptions. */
final class DescribeRules implements Step {

    @Override
    public int run(Invocation inv) throws Failure {
        Options o = inv.options;
        if (o.describeAll) {
            RuleDescriptions.print(inv.console.out, inv.env.engine().rules(), null);
            return EXIT_SUCCESS;
        }
        if (o.describeRule == null) {
            return CONTINUE;
        }
        List<RuleInfo> all = inv.env.engine().rules();
        if (all.stream().noneMatch(r -> r.name().equals(o.describeRule))) {
            throw new Failure("Runtime error: No such rule: " + o.describeRule + ". Exiting.");
        }
        RuleDescriptions.print(inv.console.out, all, o.describeRule);
        return EXIT_SUCCESS;
    }
}

package org.lanner.cli.internal;

/** {@code --support}: versions, system, configuration and rules files, as one JSON document. */
final class PrintSupport implements Step {

    @Override
    public int run(Invocation inv) {
        if (!inv.options.support) {
            return CONTINUE;
        }
        inv.console.out.println(SupportInfo.json(inv.env, inv.configFile, inv.rulesFiles, inv.commandLine));
        return EXIT_SUCCESS;
    }
}

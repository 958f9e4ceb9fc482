package org.lanner.cli.internal;

/** {@code --help}: the usage text. */
final class PrintHelp implements Step {

    @Override
    public int run(Invocation inv) {
        if (!inv.options.help) {
            return CONTINUE;
        }
        inv.console.out.print(Usage.text(inv.env.lannerVersion()));
        return EXIT_SUCCESS;
    }
}

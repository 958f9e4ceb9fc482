package org.lanner.cli.internal;

/** {@code --list [SOURCE]} (and {@code -N}, {@code -v}): every field present. */
final class ListFields implements Step {

    @Override
    public int run(Invocation inv) {
        Options o = inv.options;
        if (!o.listFields) {
            return CONTINUE;
        }
        FieldListing.print(inv.console.out, inv.env.fields().fieldClasses(), o.listSource, o.namesOnly, o.verbose);
        return EXIT_SUCCESS;
    }
}

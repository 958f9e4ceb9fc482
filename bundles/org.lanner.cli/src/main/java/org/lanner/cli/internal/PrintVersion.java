package org.lanner.cli.internal;

/** {@code --version}: Lanner's, the engine's and the fields checksum, then every bundle. */
final class PrintVersion implements Step {

    @Override
    public int run(Invocation inv) {
        if (!inv.options.version) {
            return CONTINUE;
        }
        Environment env = inv.env;
        inv.console.out.println("Lanner version: " + env.lannerVersion());
        inv.console.out.println("Engine version: " + env.engine().engineVersion());
        inv.console.out.println("Fields checksum: " + env.engine().fieldsChecksum());
        inv.console.out.println("Bundles:");
        for (String b : env.bundleVersions()) {
            inv.console.out.println("   " + b);
        }
        return EXIT_SUCCESS;
    }
}

package org.lanner.shell.internal;

import java.util.Arrays;
import java.util.Comparator;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lanner.api.engine.RuleEngine;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** {@code lanner:version}: the versions of Lanner, its engine and its bundles, as {@code lanner --version} prints them. */
@Command(scope = "lanner", name = "version", description = "Prints the versions of Lanner, its engine and its bundles")
@Service
public class VersionCommand implements Action {

    @Reference
    RuleEngine engine;

    @Reference
    BundleContext context;

    @Override
    public Object execute() {
        // the distribution's version (bundles are versioned on their own); a bare framework has none
        String version = context.getProperty("lanner.version");
        System.out.println("Lanner version: " + (version != null ? version : context.getBundle().getVersion()));
        System.out.println("Engine version: " + engine.engineVersion());
        System.out.println("Fields checksum: " + engine.fieldsChecksum());
        System.out.println("Bundles:");
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, Comparator.comparing(b -> String.valueOf(b.getSymbolicName())));
        for (Bundle b : bundles) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.lanner.")) {
                System.out.printf("   %-32s %s%n", b.getSymbolicName(), b.getVersion());
            }
        }
        return null;
    }
}

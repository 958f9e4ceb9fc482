package org.lanner.config.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Applies a {@link DispatchPlan} to ConfigAdmin, as openHAB's ConfigDispatcher does: creates or
 * updates each planned configuration (only when its properties changed, so components are not
 * restarted for nothing), then deletes every configuration that carries the ownership marker and
 * is not in the plan, orphans of earlier loads and of other files included. Configurations without
 * the marker are never deleted; a planned PID that already exists without it is taken over
 * (lanner.yaml wins over a {@code config:edit}).
 */
final class Dispatcher {

    /** Configurations are bound to no bundle: any bundle's component may use them. */
    private static final String ANY_LOCATION = "?";

    /**
     * What a dispatch did.
     *
     * @param created configurations that did not exist
     * @param updated configurations whose properties changed
     * @param unchanged configurations left as they were
     * @param deleted owned configurations no longer planned
     * @param failures what ConfigAdmin refused, one line each
     */
    record Outcome(List<String> created, List<String> updated, List<String> unchanged, List<String> deleted,
            List<String> failures) {
    }

    private Dispatcher() {
    }

    static Outcome apply(ConfigurationAdmin admin, List<DispatchPlan.Item> plan) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> planned = new HashSet<>();

        for (DispatchPlan.Item item : plan) {
            planned.add(item.pid());
            try {
                Configuration c = item.factoryPid() == null ? admin.getConfiguration(item.pid(), ANY_LOCATION)
                        : admin.getFactoryConfiguration(item.factoryPid(), item.name(), ANY_LOCATION);
                Dictionary<String, Object> current = c.getProperties();
                if (current == null) {
                    c.update(item.properties());
                    created.add(item.pid());
                } else if (same(current, item.properties())) {
                    unchanged.add(item.pid());
                } else {
                    c.update(item.properties());
                    updated.add(item.pid());
                }
            } catch (IOException | RuntimeException e) {
                failures.add(item.pid() + ": cannot update: " + e.getMessage());
            }
        }

        Configuration[] all;
        try {
            all = admin.listConfigurations(null);
        } catch (IOException | InvalidSyntaxException e) {
            failures.add("cannot list configurations to remove the ones no longer wanted: " + e.getMessage());
            all = null;
        }
        if (all != null) {
            for (Configuration c : all) {
                String pid;
                Dictionary<String, Object> props;
                try {
                    pid = c.getPid();
                    props = c.getProperties();
                } catch (IllegalStateException e) {
                    continue; // deleted meanwhile by someone else
                }
                if (props == null || props.get(Schema.ORIGIN_PROPERTY) == null || planned.contains(pid)) {
                    continue;
                }
                try {
                    // a deleted Configuration answers nothing more, not even its PID
                    c.delete();
                    deleted.add(pid);
                } catch (IOException | RuntimeException e) {
                    failures.add(pid + ": cannot delete: " + e.getMessage());
                }
            }
        }
        return new Outcome(List.copyOf(created), List.copyOf(updated), List.copyOf(unchanged), List.copyOf(deleted),
                List.copyOf(failures));
    }

    /** Same properties, ignoring what ConfigAdmin and fileinstall add themselves. */
    static boolean same(Dictionary<String, Object> current, Dictionary<String, Object> wanted) {
        Set<String> keys = new HashSet<>();
        for (String k : Collections.list(current.keys())) {
            if (!managed(k)) {
                keys.add(k);
            }
        }
        if (keys.size() != wanted.size()) {
            return false;
        }
        for (String k : Collections.list(wanted.keys())) {
            if (!keys.contains(k) || !equal(current.get(k), wanted.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean managed(String key) {
        return key.startsWith("service.") || key.equals("felix.fileinstall.filename");
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Object[] x && b instanceof Object[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }
}

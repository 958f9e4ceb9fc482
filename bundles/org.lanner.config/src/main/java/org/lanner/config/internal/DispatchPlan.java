package org.lanner.config.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a valid configuration becomes in ConfigAdmin, computed from the {@link Schema}'s table:
 * one dictionary per PID that exists, one per selected plugin. Plain Java: the dispatcher applies it.
 */
final class DispatchPlan {

    /**
     * One configuration to create or update.
     *
     * @param pid the PID ({@code org.lanner.plugin~name} for a plugin)
     * @param factoryPid the factory PID, null for a singleton
     * @param name the factory configuration's name, null for a singleton
     * @param properties its properties, the ownership marker included
     */
    record Item(String pid, String factoryPid, String name, Dictionary<String, Object> properties) {
    }

    private DispatchPlan() {
    }

    /** The plan of {@code settings}; every item carries {@code lanner.config.origin=<absolute file>}. */
    static List<Item> of(Settings settings) {
        String origin = settings.file().toString();
        Map<Schema.Target, Hashtable<String, Object>> byTarget = new LinkedHashMap<>();
        for (Schema.Target t : Schema.TARGETS) {
            if (t.when() == null || settings.get(t.when())) {
                byTarget.put(t, new Hashtable<>());
            }
        }
        for (Setting<?> s : Schema.SETTINGS) {
            Schema.route(s.top()).ifPresent(route -> {
                Hashtable<String, Object> props = byTarget.get(route.target());
                if (props != null) {
                    props.put(route.property(s.key()), property(settings, s));
                }
            });
        }
        for (PassThrough p : settings.extras()) {
            String top = p.key().substring(0, p.key().indexOf('.'));
            Schema.route(top).ifPresent(route -> {
                Hashtable<String, Object> props = byTarget.get(route.target());
                if (props != null) {
                    props.put(route.property(p.key()), p.value());
                }
            });
        }
        List<Item> items = new ArrayList<>();
        byTarget.forEach((target, props) -> {
            props.put(Schema.ORIGIN_PROPERTY, origin);
            items.add(new Item(target.pid(), null, null, props));
        });
        for (PluginSpec p : settings.selectedPlugins()) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("name", p.name());
            props.put("library_path", p.libraryPath());
            props.put("init_config", p.initConfig());
            props.put("open_params", p.openParams());
            for (PassThrough e : p.extras()) {
                props.putIfAbsent(e.key(), e.value());
            }
            props.put(Schema.ORIGIN_PROPERTY, origin);
            items.add(new Item(Schema.PLUGIN_FACTORY_PID + "~" + p.name(), Schema.PLUGIN_FACTORY_PID, p.name(), props));
        }
        return List.copyOf(items);
    }

    private static <T> Object property(Settings settings, Setting<T> s) {
        return s.type().property(settings.get(s));
    }
}

package org.lanner.config.internal;

import java.util.List;

/**
 * One entry of {@code plugins}.
 *
 * @param name the plugin's name (also its factory configuration's name)
 * @param libraryPath the shared library, as written
 * @param initConfig the init configuration: text as written, a map as JSON
 * @param openParams the open parameters
 * @param extras keys of the entry the schema does not know, dispatched as they are
 */
record PluginSpec(String name, String libraryPath, String initConfig, String openParams, List<PassThrough> extras) {

    PluginSpec {
        extras = List.copyOf(extras);
    }
}

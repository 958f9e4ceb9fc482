package org.lanner.api.config;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Loads, validates and applies the configuration. */
@ProviderType
public interface ConfigService {

    /**
     * Reads {@code file}, applies {@code overrides} ({@code key=value}, dotted keys, lists as
     * {@code [a,b]} or {@code key[0]=a}) and validates everything. When {@code apply} is true and
     * nothing is wrong, dispatches the result to the components (replacing what an earlier call
     * dispatched); when something is wrong nothing changes.
     */
    ConfigResult load(Path file, List<String> overrides, boolean apply);

    /** The configuration applied last, or null when none was. */
    ConfigResult current();
}

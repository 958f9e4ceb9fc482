package org.lanner.config.internal;

import java.util.ArrayList;
import java.util.List;

import org.lanner.api.config.ConfigProblem;
import org.lanner.config.internal.Tree.Origin;

/** Collects the errors and warnings of one load, each naming its file, line and key. */
final class Problems {
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    void error(Origin origin, String key, String message) {
        errors.add(new ConfigProblem(origin.file(), origin.line(), key, message));
    }

    void warning(Origin origin, String key, String message) {
        warnings.add(new ConfigProblem(origin.file(), origin.line(), key, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigProblem> errors() {
        return List.copyOf(errors);
    }

    List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }
}

package org.lanner.config.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.List;

import org.lanner.api.config.ConfigProblem;

/** Loads YAML text as if it were {@value #FILE_NAME}, so messages are predictable. */
final class Fixtures {

    static final String FILE_NAME = "/etc/lanner/lanner.yaml";
    static final Path FILE = Path.of(FILE_NAME);
    /** The least a valid file needs: one output. */
    static final String STDOUT = "stdout_output: {enabled: true}\n";

    private Fixtures() {
    }

    static ConfigLoader.Loaded load(String yaml, String... overrides) {
        return ConfigLoader.load(FILE, yaml.getBytes(UTF_8), List.of(overrides));
    }

    /** Loads text that must be valid, and returns its settings. */
    static Settings valid(String yaml, String... overrides) {
        ConfigLoader.Loaded l = load(yaml, overrides);
        if (l.settings() == null) {
            throw new AssertionError("expected a valid configuration, got " + l.result().problems());
        }
        return l.settings();
    }

    /** The problems of a load, as {@code file:line: key: message} lines. */
    static List<String> errors(String yaml, String... overrides) {
        return load(yaml, overrides).result().problems().stream().map(ConfigProblem::toString).toList();
    }

    static List<String> warnings(String yaml, String... overrides) {
        return load(yaml, overrides).result().warnings().stream().map(ConfigProblem::toString).toList();
    }
}

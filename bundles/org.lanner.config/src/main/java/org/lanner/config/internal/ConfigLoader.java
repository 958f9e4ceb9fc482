package org.lanner.config.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.lanner.api.config.ConfigResult;
import org.lanner.common.TextFiles;
import org.lanner.config.internal.Tree.MapNode;
import org.lanner.config.internal.Tree.Origin;

/** Reads, overrides and validates a {@code lanner.yaml}. Plain Java, no OSGi. */
final class ConfigLoader {

    /**
     * The outcome of a load.
     *
     * @param result what the caller sees
     * @param settings the typed configuration, null when the result has problems
     */
    record Loaded(ConfigResult result, Settings settings) {
    }

    /** Largest configuration file read, in bytes (Falco 0.30's falco.yaml is 10 KiB). */
    static final int MAX_BYTES = 1024 * 1024;

    private ConfigLoader() {
    }

    /** Reads {@code file} and applies {@code overrides}, with no installation folder. */
    static Loaded load(Path file, List<String> overrides) {
        return load(file, overrides, Optional.empty());
    }

    /**
     * Reads {@code file} and applies {@code overrides}. Never throws for a user's mistake.
     *
     * @param installEtc the installation's configuration folder (where the shipped {@code lanner.yaml} and
     *     rules live): a relative {@code rules_file} entry missing next to {@code file} is looked for there,
     *     so a copied configuration still finds the shipped rules
     */
    static Loaded load(Path file, List<String> overrides, Optional<Path> installEtc) {
        String name = file.toString();
        Problems problems = new Problems();
        byte[] content = null;
        if (Files.isDirectory(file)) {
            problems.error(new Origin(name, 0), "", "is a folder, not a configuration file");
        } else {
            try {
                content = TextFiles.readBounded(file, MAX_BYTES, "configuration file");
            } catch (TextFiles.TextFileException e) {
                String why = e.failure().reason();
                problems.error(new Origin(name, 0), "", switch (why) {
                    case "No such file or directory" -> "no such file";
                    case "Permission denied" -> "permission denied";
                    default -> why.startsWith("is ") ? why : "cannot read: " + why;
                });
            }
        }
        if (content == null) {
            return failed(file, problems);
        }
        return load(file, content, overrides, installEtc, problems);
    }

    /** Validates {@code content} as if it were the content of {@code file}. */
    static Loaded load(Path file, byte[] content, List<String> overrides) {
        return load(file, content, overrides, Optional.empty(), new Problems());
    }

    private static Loaded load(Path file, byte[] content, List<String> overrides, Optional<Path> installEtc,
            Problems problems) {
        String name = file.toString();
        MapNode root = YamlReader.readDocument(content, name, problems);
        if (root == null) {
            return failed(file, problems);
        }
        Overrides.apply(root, overrides, problems);
        Settings settings = SettingsReader.read(root, file.toAbsolutePath().normalize(), name, installEtc,
                problems);
        if (settings == null || problems.hasErrors()) {
            return failed(file, problems);
        }
        ConfigResult result = new ConfigResult(file, List.of(), settings.rulesFiles(), settings.outputs(),
                settings.values(), problems.warnings());
        return new Loaded(result, settings);
    }

    private static Loaded failed(Path file, Problems problems) {
        return new Loaded(new ConfigResult(file, problems.errors(), List.of(), List.of(), List.of(), problems.warnings()),
                null);
    }
}

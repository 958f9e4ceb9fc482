package org.lanner.api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded configuration.
 *
 * @param file the file it came from
 * @param problems what is wrong, empty when it is valid
 * @param rulesFiles the {@code rules_file} entries, resolved against the file's directory
 * @param outputs the outputs it enables ({@code stdout}, {@code file}, {@code syslog}, {@code program},
 *     {@code http}, {@code grpc}), so a caller can wait for their sinks
 * @param values every key with its value, flattened with dots ({@code file_output.filename}),
 *     lists as {@code key[0]}, as the components receive them
 * @param warnings what is suspicious but not wrong (a key Falco would ignore, a name
 *     {@code load_plugins} does not find); they do not make the result fail
 */
public record ConfigResult(Path file, List<ConfigProblem> problems, List<Path> rulesFiles, List<String> outputs,
        List<ConfigValue> values, List<ConfigProblem> warnings) {

    public ConfigResult {
        problems = List.copyOf(problems);
        rulesFiles = List.copyOf(rulesFiles);
        outputs = List.copyOf(outputs);
        values = List.copyOf(values);
        warnings = List.copyOf(warnings);
    }

    /** A result without warnings. */
    public ConfigResult(Path file, List<ConfigProblem> problems, List<Path> rulesFiles, List<String> outputs,
            List<ConfigValue> values) {
        this(file, problems, rulesFiles, outputs, values, List.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The value of a flattened key, as text. */
    public Optional<String> value(String key) {
        return values.stream().filter(v -> v.key().equals(key)).map(ConfigValue::value).findFirst();
    }

    /**
     * One flattened key.
     *
     * @param key dotted key
     * @param value its value as text
     */
    public record ConfigValue(String key, String value) {
    }
}

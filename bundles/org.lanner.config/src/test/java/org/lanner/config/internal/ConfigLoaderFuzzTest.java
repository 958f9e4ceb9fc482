package org.lanner.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Timeout;
import org.lanner.api.config.ConfigResult;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the configuration loader with Jazzer: any bytes as the content of {@code lanner.yaml},
 * and as {@code -o key=value} overrides every line of it that starts with {@code #-o } (a comment
 * to YAML, so one readable file holds both). The contract ({@link ConfigLoader#load}: "never throws
 * for a user's mistake"): a result with either settings or errors, each error naming the file. Any
 * exception, a {@link StackOverflowError}, an {@link OutOfMemoryError} or a hang is a finding.
 *
 * <p>An ordinary build runs this over {@code ConfigLoaderFuzzTestInputs/loadConfig} (seeds from our
 * own {@code lanner.yaml}, and every finding); {@code mvn -Pfuzz} fuzzes it (docs/building.md).
 */
class ConfigLoaderFuzzTest {

    @FuzzTest
    // seconds per input (the first one also instruments classes): a hang is a finding; a thread of its own so
    // that the ordinary build fails rather than hangs (while fuzzing, libFuzzer applies it: -timeout)
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({"#-o ", "=", ".enabled=true", "rules_file", "priority", "json_output", "stdout_output", "file_output",
        "program_output", "http_output", "grpc_output", "grpc", "webserver", "listen_port", "syscall_event_drops", "actions",
        "plugins", "load_plugins", "library_path", "init_config", "open_params", "keep_alive", "buffered_outputs",
        "outputs", "rate", "max_burst", "[0]", "{", "}", "[", "]", ": ", "- ", "&a ", "*a", "!!str ", "---", "true", "false"})
    void loadConfig(byte[] input) {
        List<String> overrides = new ArrayList<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith("#-o ")) {
                overrides.add(line.substring(4));
            }
        }
        ConfigLoader.Loaded loaded = ConfigLoader.load(Fixtures.FILE, input, overrides);
        ConfigResult result = loaded.result();
        if (loaded.settings() == null) {
            assertThat(result.problems()).as("a configuration refused without a reason").isNotEmpty();
        } else {
            assertThat(result.problems()).isEmpty();
            // what the dispatcher and the CLI make of valid settings must not fail either
            DispatchPlan.of(loaded.settings());
            loaded.settings().selectedPlugins();
            loaded.settings().extras();
        }
    }
}

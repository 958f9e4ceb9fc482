package org.lanner.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.lanner.test.Configs;

class RulesFileWatcherTest {

    @TempDir
    Path dir;

    private EngineComponent engine;
    private RulesFileWatcher watcher;

    @AfterEach
    void stop() throws Exception {
        if (watcher != null) {
            watcher.deactivate();
        }
        if (engine != null) {
            engine.deactivate();
        }
    }

    private static String rule(String name) {
        return """
                - rule: %s
                  desc: a rule
                  condition: test.type=1
                  output: x
                  priority: INFO
                  source: test
                """.formatted(name);
    }

    @Test
    void loadsTheConfiguredRulesAndReloadsWhenAFileChanges() throws Exception {
        Path main = dir.resolve("rules.yaml");
        Path folder = Files.createDirectories(dir.resolve("rules.d"));
        Files.writeString(main, rule("First"));
        ConfigResult result = new ConfigResult(dir.resolve("lanner.yaml"), List.of(), List.of(main, folder), List.of("stdout"), List.of());
        ConfigService config = new ConfigService() {
            @Override
            public ConfigResult load(Path file, List<String> overrides, boolean apply) {
                return result;
            }

            @Override
            public ConfigResult current() {
                return result;
            }
        };
        engine = new EngineComponent(new Fixtures.KeepingPublisher(), Fixtures.config(Map.of()));
        engine.addExtractor(new Fixtures.TestExtractor(), Fixtures.serviceProps());
        watcher = new RulesFileWatcher(config, engine, Configs.of(RulesFileWatcher.Config.class, Map.of("interval", 100L)));
        await(() -> names().equals(List.of("First")));

        Files.writeString(folder.resolve("extra.yaml"), rule("Second"));
        await(() -> names().equals(List.of("First", "Second")));

        Files.writeString(main, "- rule: Broken\n  desc: x\n");
        // the broken file does not compile: the running rules stay
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            assertThat(names()).containsExactly("First", "Second");
            Thread.onSpinWait();
        }
        Files.writeString(main, rule("Third"));
        await(() -> names().equals(List.of("Third", "Second")));
    }

    private List<String> names() {
        return engine.rules().stream().map(r -> r.name()).toList();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}

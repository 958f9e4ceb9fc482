package org.lanner.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.config.internal.Fixtures.STDOUT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.lanner.test.Configs;

class ConfigFileWatcherTest {

    private static final long ONE_HOUR = 3_600_000;

    @TempDir
    Path dir;

    private ConfigFileWatcher watcher;

    /** Records each load with the content the file had then. */
    private static final class RecordingService implements ConfigService {
        final BlockingQueue<String> loads = new LinkedBlockingQueue<>();
        final BlockingQueue<List<String>> overrides = new LinkedBlockingQueue<>();

        @Override
        public ConfigResult load(Path file, List<String> o, boolean apply) {
            String content;
            try {
                content = Files.exists(file) ? Files.readString(file) : "<missing>";
            } catch (Exception e) {
                content = "<unreadable>";
            }
            overrides.add(o);
            loads.add((apply ? "" : "dry ") + content);
            return new ConfigResult(file, List.of(), List.of(), List.of(), List.of());
        }

        @Override
        public ConfigResult current() {
            return null;
        }
    }

    private ConfigFileWatcher start(ConfigService service, Path file, long interval, String... overrides) {
        ConfigFileWatcher.Config config = Configs.of(ConfigFileWatcher.Config.class,
                Map.of("file", file.toString(), "interval", interval, "overrides", overrides));
        watcher = new ConfigFileWatcher(service, config, name -> null);
        return watcher;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (watcher != null) {
            watcher.deactivate();
            assertThat(watcher.stopped()).isTrue();
        }
    }

    @Test
    void loadsAtStartAndAgainWhenTheContentChanges() throws Exception {
        Path file = dir.resolve("lanner.yaml");
        Files.writeString(file, "one");
        RecordingService service = new RecordingService();
        start(service, file, 50, "json_output=true");
        assertThat(service.loads.poll(10, TimeUnit.SECONDS)).isEqualTo("one");
        assertThat(service.overrides.poll()).containsExactly("json_output=true");
        Files.writeString(file, "two");
        assertThat(service.loads.poll(10, TimeUnit.SECONDS)).isEqualTo("two");
    }

    @Test
    void sameContentIsNotLoadedAgain() throws Exception {
        Path file = dir.resolve("lanner.yaml");
        Files.writeString(file, "one");
        RecordingService service = new RecordingService();
        start(service, file, ONE_HOUR);
        assertThat(service.loads.poll(10, TimeUnit.SECONDS)).isEqualTo("one");
        Files.writeString(file, "one");
        watcher.check();
        assertThat(service.loads).isEmpty();
        Files.writeString(file, "three");
        watcher.check();
        assertThat(service.loads.poll()).isEqualTo("three");
    }

    @Test
    void aFileThatAppearsLaterIsLoadedWhenItDoes() throws Exception {
        Path file = dir.resolve("later.yaml");
        RecordingService service = new RecordingService();
        start(service, file, ONE_HOUR);
        assertThat(service.loads.poll(10, TimeUnit.SECONDS)).isEqualTo("<missing>");
        watcher.check();
        assertThat(service.loads).isEmpty();
        Files.writeString(file, "now");
        watcher.check();
        assertThat(service.loads.poll()).isEqualTo("now");
        Files.delete(file);
        watcher.check();
        assertThat(service.loads.poll()).isEqualTo("<missing>");
    }

    @Test
    void anInvalidEditKeepsThePreviousConfigurationAndAFixAppliesAgain() throws Exception {
        FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
        YamlConfigService service = new YamlConfigService(admin, java.util.Optional.empty());
        Path file = dir.resolve("lanner.yaml");
        Files.writeString(file, STDOUT + "webserver: {enabled: true}\n");
        start(service, file, ONE_HOUR);
        awaitApplied(service);
        ConfigResult applied = service.current();
        assertThat(admin.props("org.lanner.webserver")).containsEntry("listen_port", 8765L);

        Files.writeString(file, STDOUT + "webserver: {enabled: true, listen_port: x}\n");
        watcher.check();
        assertThat(service.current()).isSameAs(applied);
        assertThat(admin.props("org.lanner.webserver")).containsEntry("listen_port", 8765L);

        Files.writeString(file, STDOUT + "webserver: {enabled: true, listen_port: 9000}\n");
        watcher.check();
        assertThat(admin.props("org.lanner.webserver")).containsEntry("listen_port", 9000L);

        Files.writeString(file, STDOUT);
        watcher.check();
        assertThat(admin.props("org.lanner.webserver")).isNull();
    }

    /** Waits for the watcher's first load, on its own thread, to be applied. */
    private static void awaitApplied(YamlConfigService service) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (service.current() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the watcher applied nothing within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void whereTheFileIs() {
        assertThat(ConfigFileWatcher.resolve("", name -> name.equals("karaf.etc") ? "/opt/karaf/etc" : null))
                .isEqualTo(Path.of("/opt/karaf/etc/lanner.yaml"));
        assertThat(ConfigFileWatcher.resolve("", name -> null)).isEqualTo(Path.of("etc/lanner.yaml"));
        assertThat(ConfigFileWatcher.resolve("conf/l.yaml", name -> name.equals("karaf.base") ? "/opt/karaf" : null))
                .isEqualTo(Path.of("/opt/karaf/conf/l.yaml"));
        assertThat(ConfigFileWatcher.resolve("/srv/l.yaml", name -> "/opt/karaf")).isEqualTo(Path.of("/srv/l.yaml"));
        assertThat(ConfigFileWatcher.resolve("conf/l.yaml", name -> null)).isEqualTo(Path.of("conf/l.yaml"));
    }
}

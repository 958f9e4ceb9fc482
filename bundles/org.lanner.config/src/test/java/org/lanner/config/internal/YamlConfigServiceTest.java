package org.lanner.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.config.internal.Fixtures.STDOUT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.config.ConfigResult;

class YamlConfigServiceTest {

    private final FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
    private final YamlConfigService service = new YamlConfigService(admin, java.util.Optional.empty());

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("lanner.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void applyDispatchesAValidFileAndRemembersIt() throws Exception {
        Path file = write(STDOUT + "rules_file: [rules/a.yaml]\n");
        ConfigResult r = service.load(file, List.of("json_output=true"), true);
        assertThat(r.ok()).isTrue();
        assertThat(r.rulesFiles()).containsExactly(dir.resolve("rules/a.yaml"));
        assertThat(r.outputs()).containsExactly("stdout");
        assertThat(admin.props("org.lanner.output")).containsEntry("json_output", true)
                .containsEntry(Schema.ORIGIN_PROPERTY, file.toAbsolutePath().toString());
        assertThat(service.current()).isSameAs(r);
    }

    @Test
    void withoutApplyNothingIsDispatched() throws Exception {
        ConfigResult r = service.load(write(STDOUT), List.of(), false);
        assertThat(r.ok()).isTrue();
        assertThat(admin.configs).isEmpty();
        assertThat(service.current()).isNull();
    }

    @Test
    void anInvalidFileChangesNothing() throws Exception {
        Path file = write(STDOUT + "webserver: {enabled: true}\n");
        ConfigResult first = service.load(file, List.of(), true);
        admin.log.clear();
        Files.writeString(file, STDOUT + "webserver: {enabled: true, listen_port: 0}\n");
        ConfigResult second = service.load(file, List.of(), true);
        assertThat(second.problems()).map(Object::toString)
                .containsExactly(file + ":2: webserver.listen_port: expected a whole number from 1 to 65535, found '0'");
        assertThat(admin.log).isEmpty();
        assertThat(admin.props("org.lanner.webserver")).containsEntry("listen_port", 8765L);
        assertThat(service.current()).isSameAs(first);
    }

    @Test
    void aMissingFileIsAProblemNotAnException() {
        Path file = dir.resolve("absent.yaml");
        assertThat(service.load(file, null, true).problems()).map(Object::toString).containsExactly(file + ": no such file");
    }

    @Test
    void whatConfigAdminRefusesBecomesAProblem() throws Exception {
        admin.failing.add("org.lanner.engine");
        Path file = write(STDOUT);
        ConfigResult r = service.load(file, List.of(), true);
        assertThat(r.problems()).map(Object::toString)
                .containsExactly(file + ": org.lanner.engine: cannot update: disk full");
        assertThat(admin.props("org.lanner.output.stdout")).isNotNull();
    }
}

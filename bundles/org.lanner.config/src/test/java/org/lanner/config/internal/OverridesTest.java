package org.lanner.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.config.internal.Fixtures.STDOUT;
import static org.lanner.config.internal.Fixtures.errors;
import static org.lanner.config.internal.Fixtures.valid;
import static org.lanner.config.internal.Fixtures.warnings;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.lanner.api.output.Priority;

class OverridesTest {

    private static final String BASE = STDOUT + """
            rules_file:
              - rules/a.yaml
              - rules/b.yaml
            priority: debug
            webserver:
              enabled: true
              listen_port: 8765
            plugins:
              - name: json
                library_path: libjson.so
            """;

    @Test
    void aTopLevelKey() {
        assertThat(valid(BASE, "priority=warning").get(Schema.PRIORITY)).isEqualTo(Priority.WARNING);
        assertThat(valid(BASE, "json_output=true").get(Schema.JSON_OUTPUT)).isTrue();
    }

    @Test
    void aDottedKeyIsTypedLikeTheSameTextInTheFile() {
        Settings s = valid(BASE, "webserver.listen_port=8080", "syscall_event_drops.rate=.5");
        assertThat(s.get(Schema.WEBSERVER_LISTEN_PORT)).isEqualTo(8080L);
        assertThat(s.get(Schema.WEBSERVER_ENABLED)).isTrue();
        assertThat(s.get(Schema.DROPS_RATE)).isEqualTo(0.5);
    }

    @Test
    void sectionsOnTheWayAreCreated() {
        Settings s = valid(BASE, "file_output.enabled=true", "file_output.filename=/var/log/lanner.txt");
        assertThat(s.outputs()).containsExactly("stdout", "file");
        assertThat(s.get(Schema.FILE_FILENAME)).isEqualTo("/var/log/lanner.txt");
    }

    @Test
    void theValueIsEverythingAfterTheFirstEquals() {
        assertThat(valid(BASE, "program_output.program=jq '.a == 1' | logger").get(Schema.PROGRAM_PROGRAM))
                .isEqualTo("jq '.a == 1' | logger");
    }

    @Test
    void laterOverridesWin() {
        assertThat(valid(BASE, "priority=error", "priority=notice").get(Schema.PRIORITY)).isEqualTo(Priority.NOTICE);
    }

    @Test
    void oneValueForAListReplacesTheListAsInFalco() {
        Settings s = valid(BASE, "rules_file=/tmp/only.yaml");
        assertThat(s.get(Schema.RULES_FILE)).containsExactly("/tmp/only.yaml");
        assertThat(s.rulesFiles()).containsExactly(Path.of("/tmp/only.yaml"));
    }

    @Test
    void aWholeListInBrackets() {
        Settings s = valid(BASE, "rules_file=[/r/x.yaml, '/r/y z.yaml']", "syscall_event_drops.actions=[log, exit]");
        assertThat(s.get(Schema.RULES_FILE)).containsExactly("/r/x.yaml", "/r/y z.yaml");
        assertThat(s.get(Schema.DROPS_ACTIONS)).containsExactly("log", "exit");
        assertThat(valid(BASE, "load_plugins=[]").selectedPlugins()).isEmpty();
    }

    @Test
    void oneItemOfAList() {
        Settings s = valid(BASE, "rules_file[1]=/abs/b.yaml", "rules_file[2]=/abs/c.yaml");
        assertThat(s.rulesFiles()).containsExactly(Path.of("/etc/lanner/rules/a.yaml"), Path.of("/abs/b.yaml"),
                Path.of("/abs/c.yaml"));
    }

    @Test
    void relativePathsFromTheCommandLineStartInTheWorkingDirectory() {
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(valid(BASE, "rules_file[0]=mine.yaml").rulesFiles())
                .containsExactly(cwd.resolve("mine.yaml"), Path.of("/etc/lanner/rules/b.yaml"));
    }

    @Test
    void aKeyInsideAListItem() {
        Settings s = valid(BASE, "plugins[0].init_config={\"x\": 1}", "plugins[0].open_params=file:///tmp/a.json");
        assertThat(s.plugins().get(0).initConfig()).isEqualTo("{\"x\": 1}");
        assertThat(s.plugins().get(0).openParams()).isEqualTo("file:///tmp/a.json");
    }

    @Test
    void anIndexEqualToTheLengthAppends() {
        Settings s = valid(BASE, "plugins[1].name=k8saudit", "plugins[1].library_path=libk8saudit.so", "load_plugins=[k8saudit]");
        assertThat(s.selectedPlugins()).extracting(PluginSpec::name).containsExactly("k8saudit");
        assertThat(valid(STDOUT, "rules_file[0]=/x.yaml").get(Schema.RULES_FILE)).containsExactly("/x.yaml");
    }

    @Test
    void aBadValueIsReportedAgainstTheCommandLine() {
        // reported in the document's order, as the problems of the file are
        assertThat(errors(BASE, "webserver.listen_port=http", "priority=loud", "json_output=")).containsExactlyInAnyOrder(
                "-o: webserver.listen_port: expected a whole number from 1 to 65535, found 'http'",
                "-o: priority: expected one of emergency, alert, critical, error, warning, notice, informational, debug, info, found 'loud'",
                "-o: json_output: has no value: expected true or false (remove the key to use the default)");
    }

    @Test
    void crossKeyProblemsCausedByAnOverridePointAtIt() {
        assertThat(errors(BASE, "http_output.enabled=true")).containsExactly(
                "-o: http_output.url: the HTTP output is enabled but has no url");
    }

    @Test
    void badShapes() {
        assertThat(errors(BASE, "priority", "=x", "a..b=1", "a.=1", "a[x]=1", "a[1=1", ".a=1", "a b=1")).containsExactly(
                "-o: priority: expected key=value (a dotted key such as webserver.listen_port=8080)",
                "-o: =x: not a key: use names separated by dots, with [n] for a list item (e.g. plugins[0].open_params)",
                "-o: a..b: not a key: use names separated by dots, with [n] for a list item (e.g. plugins[0].open_params)",
                "-o: a.: not a key: use names separated by dots, with [n] for a list item (e.g. plugins[0].open_params)",
                "-o: a[x]: not a key: use names separated by dots, with [n] for a list item (e.g. plugins[0].open_params)",
                "-o: a[1: not a key: use names separated by dots, with [n] for a list item (e.g. plugins[0].open_params)",
                "-o: .a: not a key: use names separated by dots, with [n] for a list item (e.g. plugins[0].open_params)");
    }

    @Test
    void aNameWithASpaceIsJustAnUnknownKey() {
        assertThat(warnings(BASE, "a b=1")).containsExactly("-o: a b: unknown key, ignored (Falco ignores keys it does not know)");
    }

    @Test
    void walkingIntoAValueThatIsNotASectionOrAList() {
        assertThat(errors(BASE, "priority.level=debug", "webserver[0]=x", "rules_file.first=x", "rules_file[5]=x"))
                .containsExactly("-o: priority.level: priority is not a section: it holds 'debug'",
                        "-o: webserver[0]: webserver is not a list: it holds a section (a map of keys)",
                        "-o: rules_file.first: rules_file is not a section: it holds a list",
                        "-o: rules_file[5]: index 5 is out of range: rules_file has 2 items");
    }

    @Test
    void aBadList() {
        assertThat(errors(BASE, "rules_file=[a, b")).singleElement().asString()
                .startsWith("-o: rules_file: cannot read '[a, b' as a YAML list: ");
        assertThat(errors(BASE, "rules_file=[a, {b: c}]")).containsExactly(
                "-o: rules_file[1]: expected text, found a section (a map of keys)");
    }

    @Test
    void unknownKeysFromTheCommandLineAreWarnedAboutLikeInTheFile() {
        assertThat(warnings(BASE, "prority=debug", "webserver.timeout=5")).containsExactlyInAnyOrder(
                "-o: prority: unknown key, ignored (Falco ignores keys it does not know)",
                "-o: webserver.timeout: unknown key, passed to org.lanner.webserver as it is (Falco ignores keys it does not know)");
    }
}

package org.lanner.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.config.internal.Fixtures.STDOUT;
import static org.lanner.config.internal.Fixtures.errors;
import static org.lanner.config.internal.Fixtures.load;
import static org.lanner.config.internal.Fixtures.valid;
import static org.lanner.config.internal.Fixtures.warnings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigResult.ConfigValue;
import org.lanner.api.output.Priority;

class ConfigLoaderTest {

    @Nested
    class Defaults {

        @Test
        void everyKeyLeftOutTakesFalcosBuiltInDefault() {
            Settings s = valid(STDOUT);
            for (Setting<?> setting : Schema.SETTINGS) {
                if (setting != Schema.STDOUT_ENABLED) {
                    assertThat((Object) s.get(setting)).as(setting.key()).isEqualTo(setting.defaultValue());
                }
            }
            assertThat(s.get(Schema.STDOUT_ENABLED)).isTrue();
            assertThat(s.rulesFiles()).isEmpty();
            assertThat(s.plugins()).isEmpty();
            assertThat(s.loadPlugins()).isEmpty();
            assertThat(s.outputs()).containsExactly("stdout");
        }

        @Test
        void falcosBuiltInDefaultsDifferFromItsShippedFileWhereFalcoDoes() {
            Settings s = valid(STDOUT);
            assertThat(s.get(Schema.WEBSERVER_ENABLED)).isFalse();
            assertThat(s.get(Schema.LOG_STDERR)).isFalse();
            assertThat(s.get(Schema.GRPC_BIND_ADDRESS)).isEqualTo("0.0.0.0:5060");
            assertThat(s.get(Schema.GRPC_OUTPUT_ENABLED)).isTrue();
            assertThat(s.get(Schema.PRIORITY)).isEqualTo(Priority.DEBUG);
            assertThat(s.get(Schema.DROPS_ACTIONS)).containsExactly("ignore");
            assertThat(s.get(Schema.DROPS_RATE)).isEqualTo(0.03333);
        }

        @Test
        void anEmptySectionIsASectionOfDefaults() {
            Settings s = valid(STDOUT + "grpc_output:\nwebserver: {}\n");
            assertThat(s.get(Schema.GRPC_OUTPUT_ENABLED)).isTrue();
            assertThat(s.get(Schema.WEBSERVER_LISTEN_PORT)).isEqualTo(8765L);
        }
    }

    @Nested
    class Booleans {

        @ParameterizedTest
        @ValueSource(strings = {"true", "True", "TRUE", "yes", "Yes", "on", "ON", "y", "\"true\"", "'yes'"})
        void trueAsFalcosParserSpellsIt(String text) {
            assertThat(valid(STDOUT + "json_output: " + text + "\n").get(Schema.JSON_OUTPUT)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "False", "FALSE", "no", "off", "Off", "n", "N"})
        void falseAsFalcosParserSpellsIt(String text) {
            assertThat(valid(STDOUT + "json_include_output_property: " + text + "\n")
                    .get(Schema.JSON_INCLUDE_OUTPUT_PROPERTY)).isFalse();
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {"1;'1'", "tRue;'tRue'", "enabled;'enabled'",
                "[true];a list", "{a: 1};a section (a map of keys)"})
        void anythingElseIsAnErrorOnItsLine(String text, String shown) {
            assertThat(errors(STDOUT + "json_output: " + text + "\n"))
                    .containsExactly("/etc/lanner/lanner.yaml:2: json_output: expected true or false, found " + shown);
        }

        @Test
        void noValueIsAnError() {
            assertThat(errors(STDOUT + "buffered_outputs:\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:2: buffered_outputs: has no value: expected true or false (remove the key to use the default)");
        }
    }

    @Nested
    class Integers {

        @Test
        void inRange() {
            Settings s = valid(STDOUT + "webserver:\n  listen_port: 8080\noutput_timeout: \"500\"\nevaluation_lanes: 4\n");
            assertThat(s.get(Schema.WEBSERVER_LISTEN_PORT)).isEqualTo(8080L);
            assertThat(s.get(Schema.OUTPUT_TIMEOUT)).isEqualTo(500L);
            assertThat(s.get(Schema.EVALUATION_LANES)).isEqualTo(4L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"70000", "0", "-1", "80.5", "http", "0x50"})
        void aPortOutOfRangeOrNotAWholeNumber(String text) {
            assertThat(errors(STDOUT + "webserver:\n  enabled: true\n  listen_port: " + text + "\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:4: webserver.listen_port: expected a whole number from 1 to 65535, found '"
                            + text + "'");
        }

        @Test
        void unsigned32BitKeysSayTheirMinimum() {
            assertThat(errors(STDOUT + "output_timeout: 0\nsyscall_event_timeouts:\n  max_consecutives: 4294967296\n"))
                    .containsExactly(
                            "/etc/lanner/lanner.yaml:2: output_timeout: expected a whole number of at least 1, found '0'",
                            "/etc/lanner/lanner.yaml:4: syscall_event_timeouts.max_consecutives: expected a whole number of at least 1, found '4294967296'");
        }

        @Test
        void metadataDownloadLimitsAreFalcos() {
            assertThat(errors(STDOUT + "metadata_download:\n  max_mb: 1025\n  watch_freq_sec: 0\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:3: metadata_download.max_mb: expected a whole number from 1 to 1024, found '1025'",
                    "/etc/lanner/lanner.yaml:4: metadata_download.watch_freq_sec: expected a whole number of at least 1, found '0'");
        }

        @Test
        void lanesAndThreadinessAreBounded() {
            assertThat(errors(STDOUT + "evaluation_lanes: -2\ngrpc: {threadiness: 5000}\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:2: evaluation_lanes: expected a whole number from 0 to 1024, found '-2'",
                    "/etc/lanner/lanner.yaml:3: grpc.threadiness: expected a whole number from 0 to 1024, found '5000'");
        }

        @Test
        void outputRatesAreWholeNumbersAsInFalco() {
            assertThat(errors(STDOUT + "outputs:\n  rate: 0.5\n  max_burst: 0\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:3: outputs.rate: expected a whole number of at least 0, found '0.5'",
                    "/etc/lanner/lanner.yaml:4: outputs.max_burst: expected a whole number of at least 1, found '0'");
        }

        @Test
        void aRateOfZeroSwitchesRateLimitingOffAsDocumented() {
            assertThat(valid(STDOUT + "outputs:\n  rate: 0\n").get(Schema.OUTPUTS_RATE)).isEqualTo(0L);
        }
    }

    @Nested
    class Decimals {

        @Test
        void spellings() {
            Settings s = valid(STDOUT + "syscall_event_drops:\n  threshold: .5\n  rate: 1e-2\n  max_burst: 3\n");
            assertThat(s.get(Schema.DROPS_THRESHOLD)).isEqualTo(0.5);
            assertThat(s.get(Schema.DROPS_RATE)).isEqualTo(0.01);
            assertThat(s.get(Schema.DROPS_MAX_BURST)).isEqualTo(3.0);
        }

        @Test
        void ranges() {
            assertThat(errors(STDOUT + "syscall_event_drops:\n  threshold: 1.5\n  rate: 0\n  max_burst: .5\n"))
                    .containsExactly(
                            "/etc/lanner/lanner.yaml:3: syscall_event_drops.threshold: syscall event drops threshold must be a double in the range [0, 1], found '1.5'",
                            "/etc/lanner/lanner.yaml:4: syscall_event_drops.rate: expected a number greater than 0, found '0'",
                            "/etc/lanner/lanner.yaml:5: syscall_event_drops.max_burst: expected a number of at least 1, found '.5'");
        }

        @ParameterizedTest
        @ValueSource(strings = {".nan", ".inf", "NaN", "Infinity", "1d", "0x1p3", "fast"})
        void notNumbers(String text) {
            assertThat(errors(STDOUT + "syscall_event_drops: {rate: " + text + "}\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:2: syscall_event_drops.rate: expected a number greater than 0, found '" + text + "'");
        }
    }

    @Nested
    class TextAndChoices {

        @Test
        void textKeepsWhatWasWritten() {
            Settings s = valid(STDOUT + "file_output:\n  filename: \"  spaced name.txt\"\nprogram_output:\n  program: 123\n");
            assertThat(s.get(Schema.FILE_FILENAME)).isEqualTo("  spaced name.txt");
            assertThat(s.get(Schema.PROGRAM_PROGRAM)).isEqualTo("123");
        }

        @Test
        void textCannotBeAListOrASectionOrNothing() {
            assertThat(errors(STDOUT + "file_output:\n  filename: [a]\n  keep_alive: true\nwebserver:\n  ssl_certificate:\n"))
                    .containsExactly("/etc/lanner/lanner.yaml:3: file_output.filename: expected text, found a list",
                            "/etc/lanner/lanner.yaml:6: webserver.ssl_certificate: has no value: expected text (remove the key to use the default)");
        }

        @ParameterizedTest
        @CsvSource({"emergency,EMERGENCY", "Alert,ALERT", "CRITICAL,CRITICAL", "error,ERROR", "warning,WARNING",
                "notice,NOTICE", "informational,INFORMATIONAL", "info,INFORMATIONAL", "debug,DEBUG"})
        void priorities(String text, Priority expected) {
            assertThat(valid(STDOUT + "priority: " + text + "\n").get(Schema.PRIORITY)).isEqualTo(expected);
        }

        @Test
        void anUnknownPriorityListsTheNames() {
            assertThat(errors(STDOUT + "priority: loud\n")).containsExactly("/etc/lanner/lanner.yaml:2: priority: expected one of "
                    + "emergency, alert, critical, error, warning, notice, informational, debug, info, found 'loud'");
        }

        @Test
        void logLevelAndRuleMatching() {
            Settings s = valid(STDOUT + "log_level: Warning\nrule_matching: ALL\n");
            assertThat(s.get(Schema.LOG_LEVEL)).isEqualTo("warning");
            assertThat(s.get(Schema.RULE_MATCHING)).isEqualTo("all");
            assertThat(errors(STDOUT + "log_level: verbose\nrule_matching: some\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:2: log_level: expected one of emergency, alert, critical, error, warning, notice, info, debug, found 'verbose'",
                    "/etc/lanner/lanner.yaml:3: rule_matching: expected one of first, all, found 'some'");
        }

        @Test
        void urlsEndpointsAndBindAddresses() {
            Settings s = valid(STDOUT + "http_output: {url: 'https://sidekick:2801/'}\ngrpc: {bind_address: '[::1]:5060'}\n"
                    + "webserver: {k8s_audit_endpoint: /audit}\n");
            assertThat(s.get(Schema.HTTP_URL)).isEqualTo("https://sidekick:2801/");
            assertThat(s.get(Schema.GRPC_BIND_ADDRESS)).isEqualTo("[::1]:5060");
            assertThat(valid(STDOUT + "grpc: {bind_address: 'unix:///run/lanner.sock'}\n").get(Schema.GRPC_BIND_ADDRESS))
                    .isEqualTo("unix:///run/lanner.sock");
            assertThat(errors(STDOUT + "http_output: {url: 'ftp://x/'}\ngrpc: {bind_address: 'localhost'}\n"
                    + "webserver: {k8s_healthz_endpoint: healthz}\n")).containsExactly(
                            "/etc/lanner/lanner.yaml:2: http_output.url: expected an http:// or https:// URL, found 'ftp://x/'",
                            "/etc/lanner/lanner.yaml:3: grpc.bind_address: expected unix:///path/to/socket or host:port, found 'localhost'",
                            "/etc/lanner/lanner.yaml:4: webserver.k8s_healthz_endpoint: expected a path starting with /, found 'healthz'");
        }
    }

    @Nested
    class Lists {

        @Test
        void aListAScalarOrNothing() {
            assertThat(valid(STDOUT + "rules_file:\n  - a.yaml\n  - b.yaml\n").get(Schema.RULES_FILE))
                    .containsExactly("a.yaml", "b.yaml");
            assertThat(valid(STDOUT + "rules_file: a.yaml\n").get(Schema.RULES_FILE)).containsExactly("a.yaml");
            assertThat(valid(STDOUT + "rules_file:\n").get(Schema.RULES_FILE)).isEmpty();
            assertThat(valid(STDOUT + "rules_file: [a, b]\n").get(Schema.RULES_FILE)).containsExactly("a", "b");
        }

        @Test
        void aSectionIsNotAList() {
            assertThat(errors(STDOUT + "rules_file:\n  main: a.yaml\n"))
                    .containsExactly("/etc/lanner/lanner.yaml:3: rules_file: expected a list of text, found a section (a map of keys)");
        }

        @Test
        void eachBadItemIsReportedOnItsLine() {
            assertThat(errors(STDOUT + "syscall_event_drops:\n  actions:\n    - log\n    - panic\n    - [exit]\n"))
                    .containsExactly(
                            "/etc/lanner/lanner.yaml:5: syscall_event_drops.actions[1]: expected one of ignore, log, alert, exit, found 'panic'",
                            "/etc/lanner/lanner.yaml:6: syscall_event_drops.actions[2]: expected one of ignore, log, alert, exit, found a list");
        }

        @Test
        void dropActions() {
            assertThat(valid(STDOUT + "syscall_event_drops: {actions: []}\n").get(Schema.DROPS_ACTIONS)).containsExactly("ignore");
            assertThat(valid(STDOUT + "syscall_event_drops: {actions: [log, Alert, exit, log]}\n").get(Schema.DROPS_ACTIONS))
                    .containsExactly("log", "alert", "exit");
            assertThat(valid(STDOUT + "syscall_event_drops: {actions: [ignore, exit]}\n").get(Schema.DROPS_ACTIONS))
                    .containsExactly("ignore", "exit");
            assertThat(errors(STDOUT + "syscall_event_drops:\n  actions: [alert, ignore]\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:3: syscall_event_drops.actions: syscall event drop action \"alert\" does not make sense with the \"ignore\" action");
        }

        @Test
        void dropMistakesUseFalcosWords() {
            // the shapes of Falco 0.30's regression configurations drops_ignore_log.yaml and drops_threshold_neg.yaml
            assertThat(errors(STDOUT + "syscall_event_drops:\n  actions:\n    - ignore\n    - log\n  simulate_drops: true\n"))
                    .containsExactly("/etc/lanner/lanner.yaml:4: syscall_event_drops.actions: "
                            + "syscall event drop action \"log\" does not make sense with the \"ignore\" action");
            assertThat(errors(STDOUT + "syscall_event_drops:\n  threshold: -1\n  actions:\n    - ignore\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:3: syscall_event_drops.threshold: syscall event drops threshold must be a double in the range [0, 1], found '-1'");
            assertThat(valid(STDOUT + "syscall_event_drops:\n  threshold: 0\n").get(Schema.DROPS_THRESHOLD)).isEqualTo(0.0);
            assertThat(valid(STDOUT + "syscall_event_drops:\n  threshold: 1\n").get(Schema.DROPS_THRESHOLD)).isEqualTo(1.0);
        }

        @Test
        void rulesFilesAreResolvedAgainstTheFilesFolder() {
            Settings s = valid(STDOUT + "rules_file:\n  - rules/lanner_rules.yaml\n  - /opt/rules\n  - ../shared/rules.d\n");
            assertThat(s.rulesFiles()).containsExactly(Path.of("/etc/lanner/rules/lanner_rules.yaml"), Path.of("/opt/rules"),
                    Path.of("/etc/shared/rules.d"));
            assertThat(errors(STDOUT + "rules_file: ['a', '']\n"))
                    .containsExactly("/etc/lanner/lanner.yaml:2: rules_file[1]: empty path");
        }
        @Test
        void aCopiedConfigurationFindsTheInstallationsRules(@TempDir Path dir) throws Exception {
            Path etc = Files.createDirectories(dir.resolve("lanner/etc"));
            Files.createDirectories(etc.resolve("rules"));
            Files.writeString(etc.resolve("rules/lanner_rules.yaml"), "[]\n");
            Path mine = Files.createDirectories(dir.resolve("home"));
            Files.createDirectories(mine.resolve("rules"));
            Files.writeString(mine.resolve("rules/mine.yaml"), "[]\n");
            Path copy = mine.resolve("copy.yaml");
            Files.writeString(copy, STDOUT + "rules_file: [rules/lanner_rules.yaml, rules/mine.yaml, rules/gone.yaml]\n");

            ConfigLoader.Loaded loaded = ConfigLoader.load(copy, List.of(), java.util.Optional.of(etc));

            assertThat(loaded.result().rulesFiles()).containsExactly(etc.resolve("rules/lanner_rules.yaml"),
                    mine.resolve("rules/mine.yaml"), mine.resolve("rules/gone.yaml"));
            assertThat(loaded.result().warnings()).extracting(Object::toString).singleElement().asString()
                    .contains("rules_file[2]").contains("tried " + mine.resolve("rules/gone.yaml") + " and "
                            + etc.resolve("rules/gone.yaml"));
        }
    }

    @Nested
    class Sections {

        @Test
        void aSectionMustBeAMap() {
            assertThat(errors(STDOUT + "webserver: true\noutputs: [1]\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:2: webserver: expected a section (a map of keys), found 'true'",
                    "/etc/lanner/lanner.yaml:3: outputs: expected a section (a map of keys), found a list");
        }

        @Test
        void everyOutputIsListedWhenEnabled() {
            Settings s = valid("stdout_output: {enabled: true}\nfile_output: {enabled: true, filename: /tmp/x}\n"
                    + "syslog_output: {enabled: true}\nprogram_output: {enabled: true, program: cat}\n"
                    + "http_output: {enabled: true, url: 'http://h/'}\ngrpc: {enabled: true}\n");
            assertThat(s.outputs()).containsExactly("stdout", "file", "syslog", "program", "http", "grpc");
        }

        @Test
        void grpcOutputNeedsTheServer() {
            assertThat(valid("grpc: {enabled: true}\n").outputs()).containsExactly("grpc");
            assertThat(valid(STDOUT + "grpc_output: {enabled: true}\n").outputs()).containsExactly("stdout");
        }

        @Test
        void anEnabledOutputNeedsItsTarget() {
            assertThat(errors("file_output:\n  enabled: true\nprogram_output:\n  enabled: true\n  program: ''\n"
                    + "http_output: {enabled: true}\n")).containsExactly(
                            "/etc/lanner/lanner.yaml:2: file_output.filename: the file output is enabled but has no filename",
                            "/etc/lanner/lanner.yaml:5: program_output.program: the program output is enabled but has no program",
                            "/etc/lanner/lanner.yaml:6: http_output.url: the HTTP output is enabled but has no url");
        }

        @Test
        void atLeastOneOutputAsFalcoRequires() {
            assertThat(errors("stdout_output: {enabled: false}\ngrpc: {enabled: true}\ngrpc_output: {enabled: false}\n"))
                    .containsExactly("/etc/lanner/lanner.yaml: no output is enabled: enable at least one of stdout_output, "
                            + "file_output, syslog_output, program_output, http_output, or grpc with grpc_output "
                            + "(Falco does not start without one)");
        }
    }

    @Nested
    class UnknownKeys {

        @Test
        void aTopLevelKeyFalcoDoesNotKnowIsAWarningAndIgnored() {
            ConfigLoader.Loaded l = load(STDOUT + "prority: warning\n");
            assertThat(l.result().ok()).isTrue();
            assertThat(l.result().warnings()).map(Object::toString).containsExactly(
                    "/etc/lanner/lanner.yaml:2: prority: unknown key, ignored (Falco ignores keys it does not know)");
            assertThat(l.settings().get(Schema.PRIORITY)).isEqualTo(Priority.DEBUG);
            assertThat(l.result().values()).map(ConfigValue::key).doesNotContain("prority");
        }

        @Test
        void aKeyInsideASectionIsPassedOnAsItIs() {
            ConfigLoader.Loaded l = load(STDOUT + "http_output:\n  enabled: false\n  compress: 5\n  tls:\n    verify: no\n"
                    + "  headers: [a, 'b']\n  name: \"x\"\n  ratio: 0.5\n");
            assertThat(l.result().ok()).isTrue();
            assertThat(l.result().warnings()).map(Object::toString).containsExactly(
                    "/etc/lanner/lanner.yaml:4: http_output.compress: unknown key, passed to org.lanner.output.http as it is (Falco ignores keys it does not know)",
                    "/etc/lanner/lanner.yaml:5: http_output.tls: unknown key, passed to org.lanner.output.http as it is (Falco ignores keys it does not know)",
                    "/etc/lanner/lanner.yaml:7: http_output.headers: unknown key, passed to org.lanner.output.http as it is (Falco ignores keys it does not know)",
                    "/etc/lanner/lanner.yaml:8: http_output.name: unknown key, passed to org.lanner.output.http as it is (Falco ignores keys it does not know)",
                    "/etc/lanner/lanner.yaml:9: http_output.ratio: unknown key, passed to org.lanner.output.http as it is (Falco ignores keys it does not know)");
            assertThat(l.settings().extras()).extracting(PassThrough::key).containsExactly("http_output.compress",
                    "http_output.tls.verify", "http_output.headers", "http_output.name", "http_output.ratio");
            assertThat(l.settings().extras()).extracting(PassThrough::value).containsExactly(5L, false,
                    new String[] {"a", "b"}, "x", 0.5);
            assertThat(l.result().values()).contains(new ConfigValue("http_output.compress", "5"),
                    new ConfigValue("http_output.headers[1]", "b"), new ConfigValue("http_output.ratio", "0.5"));
        }

        @Test
        void warningsDoNotHideErrors() {
            ConfigLoader.Loaded l = load(STDOUT + "colour: blue\npriority: loud\n");
            assertThat(l.result().ok()).isFalse();
            assertThat(l.result().problems()).hasSize(1);
            assertThat(l.result().warnings()).hasSize(1);
        }
    }

    @Nested
    class Plugins {

        private static final String TWO = STDOUT + """
                plugins:
                  - name: cloudtrail
                    library_path: /usr/share/lanner/plugins/libcloudtrail.so
                    init_config: "{\\"sss\\": 1}"
                    open_params: s3://bucket/
                  - name: json
                    library_path: libjson.so
                    init_config:
                      flag: true
                      count: 3
                      ratio: 1.0
                      name: 'x "quoted"'
                      zip: '007'
                      list: [1, two]
                      nested: {empty: ~}
                """;

        @Test
        void entriesWithTextOrMapInitConfig() {
            Settings s = valid(TWO);
            assertThat(s.plugins()).hasSize(2);
            PluginSpec ct = s.plugins().get(0);
            assertThat(ct).isEqualTo(new PluginSpec("cloudtrail", "/usr/share/lanner/plugins/libcloudtrail.so",
                    "{\"sss\": 1}", "s3://bucket/", List.of()));
            PluginSpec json = s.plugins().get(1);
            assertThat(json.initConfig()).isEqualTo(
                    "{\"flag\":true,\"count\":3,\"ratio\":1.0,\"name\":\"x \\\"quoted\\\"\",\"zip\":\"007\",\"list\":[1,\"two\"],\"nested\":{\"empty\":null}}");
            assertThat(json.openParams()).isEmpty();
        }

        @Test
        void loadPluginsSelects() {
            assertThat(valid(TWO).selectedPlugins()).extracting(PluginSpec::name).containsExactly("cloudtrail", "json");
            assertThat(valid(TWO + "load_plugins: []\n").selectedPlugins()).isEmpty();
            assertThat(valid(TWO + "load_plugins:\n").selectedPlugins()).isEmpty();
            assertThat(valid(TWO + "load_plugins: [json]\n").selectedPlugins()).extracting(PluginSpec::name).containsExactly("json");
        }

        @Test
        void loadingAPluginThatIsNotListedIsAWarning() {
            assertThat(warnings(TWO + "load_plugins:\n  - json\n  - k8saudit\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:19: load_plugins[1]: no plugin named 'k8saudit' in plugins: nothing to load (Falco ignores it)");
        }

        @Test
        void mistakesInEntries() {
            assertThat(errors(STDOUT + """
                    plugins:
                      - name: a
                      - library_path: liba.so
                      - just-a-name
                      - name: b
                        library_path: ''
                      - name: c
                        library_path: libc.so
                        init_config: [1]
                      - name: d
                        library_path: libd.so
                      - name: d
                        library_path: libd2.so
                    """)).containsExactly(
                    "/etc/lanner/lanner.yaml:3: plugins[0].library_path: is required",
                    "/etc/lanner/lanner.yaml:4: plugins[1].name: is required",
                    "/etc/lanner/lanner.yaml:5: plugins[2]: expected a plugin (a map with name, library_path, init_config, open_params), found 'just-a-name'",
                    "/etc/lanner/lanner.yaml:7: plugins[3].library_path: must not be empty",
                    "/etc/lanner/lanner.yaml:10: plugins[4].init_config: expected text or a map, found a list",
                    "/etc/lanner/lanner.yaml:13: plugins[6].name: duplicate plugin name 'd' (also plugins[5])");
            assertThat(errors(STDOUT + "plugins: {name: a}\n"))
                    .containsExactly("/etc/lanner/lanner.yaml:2: plugins: expected a list of plugins, found a section (a map of keys)");
        }

        @Test
        void unknownKeysOfAnEntryArePassedOn() {
            ConfigLoader.Loaded l = load(STDOUT + "plugins:\n  - name: a\n    library_path: a.so\n    priority: 3\n");
            assertThat(l.result().warnings()).map(Object::toString).containsExactly(
                    "/etc/lanner/lanner.yaml:5: plugins[0].priority: unknown key, passed to the plugin's configuration as it is (Falco ignores keys it does not know)");
            assertThat(l.settings().plugins().get(0).extras()).containsExactly(new PassThrough("priority", 3L));
        }
    }

    @Nested
    class BadFiles {

        @Test
        void aMissingFile(@TempDir Path dir) {
            Path file = dir.resolve("nope.yaml");
            ConfigResult r = ConfigLoader.load(file, List.of()).result();
            assertThat(r.problems()).map(Object::toString).containsExactly(file + ": no such file");
        }

        @Test
        void aFolder(@TempDir Path dir) {
            assertThat(ConfigLoader.load(dir, List.of()).result().problems()).map(Object::toString)
                    .containsExactly(dir + ": is a folder, not a configuration file");
        }

        @Test
        void aRealFileLoads(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("lanner.yaml");
            Files.writeString(file, STDOUT + "rules_file: [r.yaml]\n");
            ConfigResult r = ConfigLoader.load(file, List.of()).result();
            assertThat(r.ok()).isTrue();
            assertThat(r.file()).isEqualTo(file);
            assertThat(r.rulesFiles()).containsExactly(dir.resolve("r.yaml"));
        }

        @Test
        void aSyntaxErrorNamesItsLine() {
            assertThat(errors("stdout_output:\n  enabled: true\n  bad: value: here\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:3: YAML syntax error: mapping values are not allowed here");
            assertThat(errors("rules_file:\n  - a\n  - [b\nstdout_output: {enabled: true}\n")).singleElement()
                    .asString().startsWith("/etc/lanner/lanner.yaml:4: YAML syntax error: ");
        }

        @Test
        void aTabIndentIsASyntaxError() {
            assertThat(errors("stdout_output:\n\tenabled: true\n")).singleElement().asString()
                    .startsWith("/etc/lanner/lanner.yaml:2: YAML syntax error: ");
        }

        @Test
        void duplicateKeysAreErrors() {
            assertThat(errors(STDOUT + "priority: debug\nwebserver:\n  enabled: true\n  enabled: false\npriority: error\n"))
                    .containsExactly("/etc/lanner/lanner.yaml:5: enabled: duplicate key (first given at line 4)",
                            "/etc/lanner/lanner.yaml:6: priority: duplicate key (first given at line 2)");
        }

        @Test
        void theDocumentMustBeAMap() {
            assertThat(errors("- a\n- b\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:1: the configuration must be a map of keys, found a list");
            assertThat(errors("just text\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:1: the configuration must be a map of keys, found 'just text'");
        }

        @Test
        void anEmptyFileHasNoOutput() {
            assertThat(errors("")).singleElement().asString().startsWith("/etc/lanner/lanner.yaml: no output is enabled");
            assertThat(errors("# only a comment\n")).singleElement().asString().contains("no output is enabled");
        }

        @Test
        void twoDocumentsAreAnError() {
            assertThat(errors(STDOUT + "---\npriority: debug\n")).singleElement().asString()
                    .isEqualTo("/etc/lanner/lanner.yaml:2: YAML syntax error: expected a single document in the stream at line 1, "
                            + "but found another document");
        }

        @Test
        void notUtf8() {
            ConfigResult r = ConfigLoader.load(Fixtures.FILE, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28}, List.of())
                    .result();
            assertThat(r.problems()).map(Object::toString).containsExactly("/etc/lanner/lanner.yaml:1: is not valid UTF-8: "
                    + "byte 0xC3 at byte offset 3 (line 1, column 4) cannot be decoded; save the file as UTF-8");
        }

        @Test
        void anAliasLoopIsAnErrorNotAStackOverflow() {
            assertThat(errors(STDOUT + "x: &a [*a]\n")).isNotEmpty();
        }

        @Test
        void aKeyThatIsAMapIsAnError() {
            assertThat(errors(STDOUT + "? [a, b]\n: 1\n")).containsExactly(
                    "/etc/lanner/lanner.yaml:2: a key must be a plain name, not a list or a map");
        }

        @Test
        void everyProblemIsReportedNotOnlyTheFirst() {
            assertThat(errors("json_output: maybe\npriority: loud\nwebserver: {listen_port: 0}\n")).hasSize(4);
        }
    }

    @Nested
    class Values {

        @Test
        void flattenedWithDotsAndListsIndexed() {
            List<ConfigValue> values = load(STDOUT + "rules_file: [a.yaml, b.yaml]\nplugins:\n  - {name: j, library_path: j.so}\n"
                    + "load_plugins: [j]\n").result().values();
            assertThat(values).contains(new ConfigValue("stdout_output.enabled", "true"),
                    new ConfigValue("file_output.filename", ""), new ConfigValue("priority", "debug"),
                    new ConfigValue("syscall_event_drops.rate", "0.03333"),
                    new ConfigValue("syscall_event_drops.actions[0]", "ignore"),
                    new ConfigValue("rules_file[0]", "a.yaml"), new ConfigValue("rules_file[1]", "b.yaml"),
                    new ConfigValue("webserver.listen_port", "8765"), new ConfigValue("plugins[0].name", "j"),
                    new ConfigValue("plugins[0].init_config", ""), new ConfigValue("load_plugins[0]", "j"));
            assertThat(load(STDOUT).result().value("grpc.bind_address")).contains("0.0.0.0:5060");
        }

        @Test
        void aFailedLoadHasNoValues() {
            ConfigResult r = load("priority: loud\n").result();
            assertThat(r.values()).isEmpty();
            assertThat(r.outputs()).isEmpty();
            assertThat(r.rulesFiles()).isEmpty();
        }
    }
}

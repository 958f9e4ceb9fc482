package org.lanner.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.config.internal.Fixtures.STDOUT;
import static org.lanner.config.internal.Fixtures.valid;

import java.io.IOException;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DispatchTest {

    private static final String ORIGIN = "/etc/lanner/lanner.yaml";

    private static final String EVERYTHING = """
            stdout_output: {enabled: true}
            file_output: {enabled: true, filename: /var/log/lanner.txt}
            syslog_output: {enabled: true}
            program_output: {enabled: true, program: cat}
            http_output: {enabled: true, url: 'http://sidekick:2801/'}
            grpc: {enabled: true}
            webserver: {enabled: true}
            plugins:
              - {name: json, library_path: libjson.so}
              - {name: cloudtrail, library_path: /p/libcloudtrail.so, init_config: {s3: true}, open_params: x}
            """;

    /** The table every component is built against: PID to property names. Keep it exactly. */
    private static final Map<String, Set<String>> TABLE = Map.ofEntries(
            Map.entry("org.lanner.syscall", Set.of("syscall_event_drops.threshold", "syscall_event_drops.actions",
                    "syscall_event_drops.rate", "syscall_event_drops.max_burst", "syscall_event_drops.simulate_drops",
                    "syscall_event_timeouts.max_consecutives")),
            Map.entry("org.lanner.engine", Set.of("priority", "rule_matching", "evaluation_lanes")),
            Map.entry("org.lanner.output", Set.of("json_output", "json_include_output_property",
                    "json_include_tags_property", "json_include_hostname_property", "time_format_iso_8601", "buffered_outputs", "outputs.rate",
                    "outputs.max_burst", "output_timeout", "outputs_queue.capacity")),
            Map.entry("org.lanner.output.stdout", Set.of("enabled")),
            Map.entry("org.lanner.output.file", Set.of("enabled", "keep_alive", "filename")),
            Map.entry("org.lanner.output.syslog", Set.of("enabled", "ident", "facility", "socket")),
            Map.entry("org.lanner.output.program", Set.of("enabled", "keep_alive", "program")),
            Map.entry("org.lanner.output.http", Set.of("enabled", "url", "user_agent", "insecure", "ca_cert", "timeout",
                    "retries", "retry_backoff", "auth_header")),
            Map.entry("org.lanner.output.grpc", Set.of("enabled", "bind_address", "threadiness", "private_key",
                    "cert_chain", "root_certs", "subscriber_queue", "get_queue", "grpc_output.enabled")),
            Map.entry("org.lanner.webserver", Set.of("enabled", "listen_port", "k8s_audit_endpoint",
                    "k8s_healthz_endpoint", "ssl_enabled", "ssl_certificate")),
            Map.entry("org.lanner.log", Set.of("log_stderr", "log_syslog", "log_level")),
            Map.entry("org.lanner.metadata", Set.of("max_mb", "chunk_wait_us", "watch_freq_sec")),
            Map.entry("org.lanner.plugin~json", Set.of("name", "library_path", "init_config", "open_params")),
            Map.entry("org.lanner.plugin~cloudtrail", Set.of("name", "library_path", "init_config", "open_params")));

    private static Map<String, Map<String, Object>> plan(String yaml, String... overrides) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (DispatchPlan.Item item : DispatchPlan.of(valid(yaml, overrides))) {
            Map<String, Object> props = new LinkedHashMap<>();
            for (String k : Collections.list(item.properties().keys())) {
                props.put(k, item.properties().get(k));
            }
            out.put(item.pid(), props);
        }
        return out;
    }

    @Nested
    class Plan {

        @Test
        void theTableIsExactlyTheOneComponentsAreBuiltAgainst() {
            Map<String, Map<String, Object>> plan = plan(EVERYTHING);
            assertThat(plan.keySet()).containsExactlyInAnyOrderElementsOf(TABLE.keySet());
            plan.forEach((pid, props) -> {
                Set<String> keys = new TreeSet<>(props.keySet());
                keys.remove(Schema.ORIGIN_PROPERTY);
                assertThat(keys).as(pid).containsExactlyInAnyOrderElementsOf(TABLE.get(pid));
                assertThat(props).as(pid).containsEntry(Schema.ORIGIN_PROPERTY, ORIGIN);
            });
        }

        @Test
        void everySchemaKeyButRulesFileIsDispatched() {
            Set<String> dispatched = TABLE.entrySet().stream().filter(e -> !e.getKey().startsWith("org.lanner.plugin"))
                    .flatMap(e -> e.getValue().stream()).collect(Collectors.toSet());
            for (Setting<?> s : Schema.SETTINGS) {
                if (s == Schema.RULES_FILE) {
                    assertThat(Schema.route(s.top())).isEmpty();
                } else {
                    assertThat(dispatched).as(s.key()).contains(Schema.route(s.top()).orElseThrow().property(s.key()));
                }
            }
        }

        @Test
        void sectionsWhoseSwitchIsOffAreNotCreated() {
            assertThat(plan(STDOUT).keySet()).containsExactly("org.lanner.syscall", "org.lanner.engine", "org.lanner.output",
                    "org.lanner.output.stdout", "org.lanner.log", "org.lanner.metadata");
        }

        @Test
        void grpcExistsWithTheServerEvenWhenItsOutputIsOff() {
            Map<String, Map<String, Object>> plan = plan(STDOUT + "grpc: {enabled: true}\ngrpc_output: {enabled: false}\n");
            assertThat(plan.get("org.lanner.output.grpc")).containsEntry("enabled", true).containsEntry("grpc_output.enabled", false);
            assertThat(plan(STDOUT + "grpc_output: {enabled: true}\n")).doesNotContainKey("org.lanner.output.grpc");
        }

        @Test
        void valuesAreTyped() {
            Map<String, Map<String, Object>> plan = plan(EVERYTHING + "priority: Warning\nevaluation_lanes: 3\n");
            Map<String, Object> engine = plan.get("org.lanner.engine");
            assertThat(engine).containsEntry("priority", "warning").containsEntry("evaluation_lanes", 3L)
                    .containsEntry("rule_matching", "first");
            Map<String, Object> syscall = plan.get("org.lanner.syscall");
            assertThat(syscall).containsEntry("syscall_event_drops.threshold", 0.1)
                    .containsEntry("syscall_event_drops.simulate_drops", false)
                    .containsEntry("syscall_event_timeouts.max_consecutives", 1000L);
            assertThat((String[]) syscall.get("syscall_event_drops.actions")).containsExactly("ignore");
            assertThat(plan.get("org.lanner.output.file")).containsEntry("filename", "/var/log/lanner.txt")
                    .containsEntry("keep_alive", false);
            assertThat(plan.get("org.lanner.webserver")).containsEntry("listen_port", 8765L);
            assertThat(plan.get("org.lanner.output.http")).containsEntry("url", "http://sidekick:2801/");
        }

        @Test
        void plugins() {
            Map<String, Map<String, Object>> plan = plan(EVERYTHING);
            assertThat(plan.get("org.lanner.plugin~cloudtrail")).containsEntry("name", "cloudtrail")
                    .containsEntry("library_path", "/p/libcloudtrail.so").containsEntry("init_config", "{\"s3\":true}")
                    .containsEntry("open_params", "x");
            assertThat(plan.get("org.lanner.plugin~json")).containsEntry("init_config", "").containsEntry("open_params", "");
            assertThat(plan(EVERYTHING + "load_plugins: [cloudtrail]\n").keySet()).contains("org.lanner.plugin~cloudtrail")
                    .doesNotContain("org.lanner.plugin~json");
            assertThat(plan(EVERYTHING + "load_plugins: []\n").keySet()).noneMatch(p -> p.startsWith("org.lanner.plugin"));
            List<DispatchPlan.Item> items = DispatchPlan.of(valid(EVERYTHING));
            DispatchPlan.Item ct = items.stream().filter(i -> "cloudtrail".equals(i.name())).findFirst().orElseThrow();
            assertThat(ct.factoryPid()).isEqualTo("org.lanner.plugin");
        }

        @Test
        void keysTheSchemaDoesNotKnowArePassedOnUnderTheSectionsRule() {
            Map<String, Map<String, Object>> plan = plan(STDOUT + """
                    http_output: {enabled: true, url: 'http://h/', timeout: 5, tls: {insecure: true}, headers: [a, b]}
                    outputs: {queue: 100}
                    plugins:
                      - {name: json, library_path: libjson.so, weight: 2}
                    """);
            Map<String, Object> http = plan.get("org.lanner.output.http");
            assertThat(http).containsEntry("timeout", 5L).containsEntry("tls.insecure", true);
            assertThat((String[]) http.get("headers")).containsExactly("a", "b");
            assertThat(plan.get("org.lanner.output")).containsEntry("outputs.queue", 100L);
            assertThat(plan.get("org.lanner.plugin~json")).containsEntry("weight", 2L);
        }

        @Test
        void keysOfAnAbsentSectionAreNotDispatched() {
            assertThat(plan(STDOUT + "webserver: {enabled: false, flavour: x}\n")).doesNotContainKey("org.lanner.webserver");
        }
    }

    @Nested
    class ToConfigAdmin {

        private final FakeConfigurationAdmin admin = new FakeConfigurationAdmin();

        private Dispatcher.Outcome dispatch(String yaml, String... overrides) {
            return Dispatcher.apply(admin, DispatchPlan.of(valid(yaml, overrides)));
        }

        @Test
        void createsEveryPlannedConfiguration() {
            Dispatcher.Outcome o = dispatch(EVERYTHING);
            assertThat(o.created()).containsExactlyInAnyOrderElementsOf(TABLE.keySet());
            assertThat(o.failures()).isEmpty();
            assertThat(admin.props("org.lanner.output.file")).containsEntry("filename", "/var/log/lanner.txt");
            assertThat(admin.configs.get("org.lanner.plugin~json").factoryPid).isEqualTo("org.lanner.plugin");
            assertThat(admin.configs.values()).allMatch(c -> "?".equals(c.location));
        }

        @Test
        void anUnchangedConfigurationIsNotTouched() {
            dispatch(EVERYTHING);
            admin.log.clear();
            Dispatcher.Outcome o = dispatch(EVERYTHING);
            assertThat(admin.log).isEmpty();
            assertThat(o.unchanged()).hasSize(TABLE.size());
        }

        @Test
        void onlyChangedConfigurationsAreUpdated() {
            dispatch(EVERYTHING);
            admin.log.clear();
            Dispatcher.Outcome o = dispatch(EVERYTHING, "webserver.listen_port=9000", "syscall_event_drops.actions=[log]");
            assertThat(admin.log).containsExactlyInAnyOrder("update org.lanner.webserver", "update org.lanner.syscall");
            assertThat(o.updated()).containsExactlyInAnyOrder("org.lanner.webserver", "org.lanner.syscall");
            assertThat(admin.props("org.lanner.webserver")).containsEntry("listen_port", 9000L);
        }

        @Test
        void aDisabledSectionAndAnUnselectedPluginAreDeleted() {
            dispatch(EVERYTHING);
            admin.log.clear();
            Dispatcher.Outcome o = dispatch(EVERYTHING, "webserver.enabled=false", "load_plugins=[json]");
            assertThat(o.deleted()).containsExactlyInAnyOrder("org.lanner.webserver", "org.lanner.plugin~cloudtrail");
            assertThat(admin.configs).doesNotContainKeys("org.lanner.webserver", "org.lanner.plugin~cloudtrail");
            assertThat(admin.configs).containsKey("org.lanner.plugin~json");
        }

        @Test
        void configurationsWithoutTheMarkerAreNeverDeleted() throws IOException {
            admin.preset("org.apache.karaf.shell", Map.of("sshPort", 8101));
            admin.preset("org.lanner.output.http", Map.of("url", "http://by-hand/"));
            dispatch(STDOUT);
            assertThat(admin.props("org.apache.karaf.shell")).containsEntry("sshPort", 8101);
            assertThat(admin.props("org.lanner.output.http")).containsEntry("url", "http://by-hand/");
        }

        @Test
        void orphansOfAnEarlierLoadOrAnotherFileAreDeleted() throws IOException {
            admin.preset("org.lanner.plugin~gone", Map.of(Schema.ORIGIN_PROPERTY, "/old/lanner.yaml", "name", "gone"));
            admin.preset("org.lanner.output.syslog", Map.of(Schema.ORIGIN_PROPERTY, ORIGIN, "enabled", true));
            Dispatcher.Outcome o = dispatch(STDOUT);
            assertThat(o.deleted()).containsExactlyInAnyOrder("org.lanner.plugin~gone", "org.lanner.output.syslog");
        }

        @Test
        void aPlannedPidThatExistsWithoutTheMarkerIsTakenOver() throws IOException {
            admin.preset("org.lanner.output.stdout", Map.of("enabled", false, "colour", "red"));
            Dispatcher.Outcome o = dispatch(STDOUT);
            assertThat(o.updated()).contains("org.lanner.output.stdout");
            assertThat(admin.props("org.lanner.output.stdout"))
                    .isEqualTo(Map.of("enabled", true, Schema.ORIGIN_PROPERTY, ORIGIN));
        }

        @Test
        void whatConfigAdminRefusesIsReportedAndTheRestIsStillApplied() {
            admin.failing.add("org.lanner.log");
            Dispatcher.Outcome o = dispatch(STDOUT);
            assertThat(o.failures()).containsExactly("org.lanner.log: cannot update: disk full");
            assertThat(o.created()).contains("org.lanner.engine", "org.lanner.output.stdout");
        }

        @Test
        void sameComparesArraysByContentAndIgnoresWhatConfigAdminAdds() {
            Hashtable<String, Object> a = new Hashtable<>(Map.of("k", new String[] {"x"}, "n", 1L,
                    "service.pid", "p", "felix.fileinstall.filename", "file:/x.cfg"));
            Hashtable<String, Object> b = new Hashtable<>(Map.of("k", new String[] {"x"}, "n", 1L));
            assertThat(Dispatcher.same(a, b)).isTrue();
            b.put("n", 1);
            assertThat(Dispatcher.same(a, b)).isFalse();
            b.put("n", 1L);
            b.put("k", new String[] {"x", "y"});
            assertThat(Dispatcher.same(a, b)).isFalse();
        }
    }
}

package org.lanner.config.internal;

import static org.lanner.config.internal.Scalars.UINT32_MAX;
import static org.lanner.config.internal.ValueType.bindAddress;
import static org.lanner.config.internal.ValueType.bool;
import static org.lanner.config.internal.ValueType.choice;
import static org.lanner.config.internal.ValueType.decimal;
import static org.lanner.config.internal.ValueType.endpoint;
import static org.lanner.config.internal.ValueType.integer;
import static org.lanner.config.internal.ValueType.list;
import static org.lanner.config.internal.ValueType.text;
import static org.lanner.config.internal.ValueType.url;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.lanner.api.output.Priority;

/**
 * Every key of {@code lanner.yaml} with its type, Falco 0.30's built-in default and its meaning,
 * and the table that dispatches them to PIDs. This is the single source of the reference
 * ({@code docs/config-reference.md}) and of what the loader accepts.
 */
final class Schema {

    private Schema() {
    }

    // ---- keys, in the order of the reference -------------------------------------------------

    static final Setting<List<String>> RULES_FILE = new Setting<>("rules_file", list(text()), List.of(),
            "Rules files and folders, loaded in this order; a folder contributes its files in alphabetical order. "
                    + "Relative paths are taken from the folder of lanner.yaml, else (when missing there) from the "
                    + "installation's etc folder, so a copied lanner.yaml finds the shipped rules; with -o, from the "
                    + "working directory. "
                    + "Not dispatched: the rules bundle reads it from ConfigService.");

    static final Setting<Boolean> TIME_FORMAT_ISO_8601 = new Setting<>("time_format_iso_8601", bool(), false,
            "Print times in ISO 8601 (UTC) in alerts instead of the local time zone.");
    static final Setting<Boolean> JSON_OUTPUT = new Setting<>("json_output", bool(), false,
            "Write each alert as one JSON object instead of a line of text.");
    static final Setting<Boolean> JSON_INCLUDE_OUTPUT_PROPERTY = new Setting<>("json_include_output_property", bool(), true,
            "In JSON alerts, include the formatted `output` text.");
    static final Setting<Boolean> JSON_INCLUDE_TAGS_PROPERTY = new Setting<>("json_include_tags_property", bool(), true,
            "In JSON alerts, include the rule's `tags` (an empty array for a rule without tags).");
    static final Setting<Boolean> JSON_INCLUDE_HOSTNAME_PROPERTY = new Setting<>("json_include_hostname_property", bool(), false,
            "Lanner: in JSON alerts, include the `hostname` (`FALCO_HOSTNAME`, else the kernel's host name), as Falco does "
                    + "from 0.33; Falco 0.30's JSON has none.");

    static final Setting<Boolean> LOG_STDERR = new Setting<>("log_stderr", bool(), false,
            "Write Lanner's own log (not alerts) to standard error.");
    static final Setting<Boolean> LOG_SYSLOG = new Setting<>("log_syslog", bool(), true,
            "Write Lanner's own log (not alerts) to syslog.");
    static final Setting<String> LOG_LEVEL = new Setting<>("log_level",
            choice("emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"), "info",
            "The least severe message of Lanner's own log that is written.");

    static final Setting<Priority> PRIORITY = new Setting<>("priority", priorityType(), Priority.DEBUG,
            "The least severe rule priority that is loaded and evaluated; rules below it are skipped.");
    static final Setting<Boolean> BUFFERED_OUTPUTS = new Setting<>("buffered_outputs", bool(), false,
            "Let outputs buffer what they write instead of flushing after every alert.");

    static final Setting<Double> DROPS_THRESHOLD = new Setting<>("syscall_event_drops.threshold",
            decimal(0, 1, "syscall event drops threshold must be a double in the range [0, 1]"), 0.1,
            "Share of dropped system-call events in the last second (0 to 1) above which the drop actions run.");
    static final Setting<List<String>> DROPS_ACTIONS = new Setting<>("syscall_event_drops.actions",
            list(choice("ignore", "log", "alert", "exit")), List.of("ignore"),
            "What to do when events were dropped: ignore, log, alert, exit (several allowed; ignore cannot be "
                    + "combined with log or alert). An empty list means ignore.");
    static final Setting<Double> DROPS_RATE = new Setting<>("syscall_event_drops.rate", decimal(0, true, Double.MAX_VALUE), 0.03333,
            "How many drop notices per second may be logged or alerted (token-bucket rate).");
    static final Setting<Double> DROPS_MAX_BURST = new Setting<>("syscall_event_drops.max_burst", decimal(1, false, Double.MAX_VALUE), 1.0,
            "How many drop notices may be sent at once after a quiet period (token-bucket size).");
    static final Setting<Boolean> DROPS_SIMULATE = new Setting<>("syscall_event_drops.simulate_drops", bool(), false,
            "Testing aid: every check (once a second of event time) counts one dropped event more, live or on a "
                    + "capture replay, so the actions can be seen; the threshold counts as 0.");

    static final Setting<Long> TIMEOUTS_MAX_CONSECUTIVES = new Setting<>("syscall_event_timeouts.max_consecutives",
            integer(1, UINT32_MAX), 1000L,
            "How many reads in a row may return no event before Lanner reports that the event source went quiet.");

    static final Setting<Long> OUTPUT_TIMEOUT = new Setting<>("output_timeout", integer(1, UINT32_MAX), 2000L,
            "Milliseconds an output may take to accept an alert before Lanner logs that the output is blocked "
                    + "(the alert is not discarded).");
    static final Setting<Long> OUTPUTS_RATE = new Setting<>("outputs.rate", integer(0, UINT32_MAX), 1L,
            "Alerts per second allowed once the burst is spent (token-bucket rate); 0 switches rate limiting off.");
    static final Setting<Long> OUTPUTS_MAX_BURST = new Setting<>("outputs.max_burst", integer(1, UINT32_MAX), 1000L,
            "Alerts that may be sent at once after a quiet period (token-bucket size).");

    static final Setting<Boolean> SYSLOG_ENABLED = new Setting<>("syslog_output.enabled", bool(), false,
            "Send alerts to the local syslog.");

    static final Setting<String> SYSLOG_IDENT = new Setting<>("syslog_output.ident", text(), "lanner",
            "Lanner: the syslog identifier of alert messages (set `falco` to match rsyslog rules written for Falco).");
    static final Setting<String> SYSLOG_FACILITY = new Setting<>("syslog_output.facility",
            choice("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
                    "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"), "user",
            "Lanner: the syslog facility of alert messages (Falco uses user).");
    static final Setting<String> SYSLOG_SOCKET = new Setting<>("syslog_output.socket", text(), "/dev/log",
            "Lanner: the unix datagram socket of the local syslog daemon.");

    static final Setting<Boolean> FILE_ENABLED = new Setting<>("file_output.enabled", bool(), false,
            "Append alerts to a file.");
    static final Setting<Boolean> FILE_KEEP_ALIVE = new Setting<>("file_output.keep_alive", bool(), false,
            "Keep the file open between alerts instead of opening it for each one.");
    static final Setting<String> FILE_FILENAME = new Setting<>("file_output.filename", text(), "",
            "The file to append to; required when the file output is enabled.");

    static final Setting<Boolean> STDOUT_ENABLED = new Setting<>("stdout_output.enabled", bool(), false,
            "Print alerts on standard output.");

    static final Setting<Boolean> WEBSERVER_ENABLED = new Setting<>("webserver.enabled", bool(), false,
            "Run the embedded web server that receives Kubernetes audit events and answers health checks. "
                    + "Not in this build yet: a live run with it enabled says so once at start.");
    static final Setting<Long> WEBSERVER_LISTEN_PORT = new Setting<>("webserver.listen_port", integer(1, 65535), 8765L,
            "TCP port of the web server.");
    static final Setting<String> WEBSERVER_K8S_AUDIT_ENDPOINT = new Setting<>("webserver.k8s_audit_endpoint", endpoint(),
            "/k8s-audit", "Path that accepts Kubernetes audit events (POST).");
    static final Setting<String> WEBSERVER_K8S_HEALTHZ_ENDPOINT = new Setting<>("webserver.k8s_healthz_endpoint", endpoint(),
            "/healthz", "Path that answers health checks.");
    static final Setting<Boolean> WEBSERVER_SSL_ENABLED = new Setting<>("webserver.ssl_enabled", bool(), false,
            "Serve HTTPS instead of HTTP.");
    static final Setting<String> WEBSERVER_SSL_CERTIFICATE = new Setting<>("webserver.ssl_certificate", text(),
            "/etc/falco/falco.pem", "PEM file holding both the certificate and its private key, for HTTPS.");

    static final Setting<Boolean> PROGRAM_ENABLED = new Setting<>("program_output.enabled", bool(), false,
            "Pipe alerts into a shell command.");
    static final Setting<Boolean> PROGRAM_KEEP_ALIVE = new Setting<>("program_output.keep_alive", bool(), false,
            "Start the command once and keep writing to it, instead of starting it for each alert.");
    static final Setting<String> PROGRAM_PROGRAM = new Setting<>("program_output.program", text(), "",
            "The shell command that reads alerts on its standard input; required when the program output is enabled.");

    static final Setting<Boolean> HTTP_ENABLED = new Setting<>("http_output.enabled", bool(), false,
            "POST each alert as JSON to a URL (for example Falcosidekick).");
    static final Setting<String> HTTP_URL = new Setting<>("http_output.url", url(), "",
            "Where to POST; required when the HTTP output is enabled.");
    static final Setting<String> HTTP_USER_AGENT = new Setting<>("http_output.user_agent", text(), "falcosecurity/falco",
            "User-Agent header of the requests (a Falco 0.31 key).");

    static final Setting<Boolean> HTTP_INSECURE = new Setting<>("http_output.insecure", bool(), false,
            "Accept any TLS certificate of the server (for tests; never in production).");
    static final Setting<String> HTTP_CA_CERT = new Setting<>("http_output.ca_cert", text(), "",
            "PEM file of the certificate authority that signed the server's certificate; empty: the JVM's trusted ones.");
    static final Setting<Long> HTTP_TIMEOUT = new Setting<>("http_output.timeout", integer(1, UINT32_MAX), 10000L,
            "Lanner: milliseconds one POST may take as a whole: connecting, sending and the whole answer, headers and body.");
    static final Setting<Long> HTTP_RETRIES = new Setting<>("http_output.retries", integer(0, 1000), 5L,
            "Lanner: times a failed POST (connection error, 5xx, 429) is retried before the alert counts as failed.");
    static final Setting<Long> HTTP_RETRY_BACKOFF = new Setting<>("http_output.retry_backoff", integer(1, UINT32_MAX), 250L,
            "Lanner: milliseconds before the first retry; doubles for each further one, up to 30 s.");
    static final Setting<String> HTTP_AUTH_HEADER = new Setting<>("http_output.auth_header", text(), "",
            "Lanner: one header sent with every POST, as `Name: value` (e.g. `Authorization: Bearer ...`).");

    static final Setting<Boolean> GRPC_ENABLED = new Setting<>("grpc.enabled", bool(), false,
            "Run the gRPC server (Falco's version and outputs services).");
    static final Setting<String> GRPC_BIND_ADDRESS = new Setting<>("grpc.bind_address", bindAddress(), "0.0.0.0:5060",
            "Where the gRPC server listens: unix:///path for a local socket without authentication, "
                    + "host:port for TCP with mutual TLS.");
    static final Setting<Long> GRPC_THREADINESS = new Setting<>("grpc.threadiness", integer(0, 1024), 0L,
            "Threads serving gRPC; 0 means one per online CPU.");
    static final Setting<String> GRPC_PRIVATE_KEY = new Setting<>("grpc.private_key", text(), "/etc/falco/certs/server.key",
            "Server private key (PEM) for TCP with mutual TLS.");
    static final Setting<String> GRPC_CERT_CHAIN = new Setting<>("grpc.cert_chain", text(), "/etc/falco/certs/server.crt",
            "Server certificate chain (PEM) for TCP with mutual TLS.");
    static final Setting<String> GRPC_ROOT_CERTS = new Setting<>("grpc.root_certs", text(), "/etc/falco/certs/ca.crt",
            "Certificate authorities (PEM) that client certificates must chain to.");
    static final Setting<Long> GRPC_SUBSCRIBER_QUEUE = new Setting<>("grpc.subscriber_queue", integer(1, 10_000_000), 1000L,
            "Lanner: alerts kept for one `sub` subscriber that reads slower than they come; beyond, they are counted as dropped.");
    static final Setting<Long> GRPC_GET_QUEUE = new Setting<>("grpc.get_queue", integer(1, 10_000_000), 10000L,
            "Lanner: alerts kept for the next `get` call; beyond, the oldest are counted as dropped.");
    static final Setting<Long> OUTPUTS_QUEUE_CAPACITY = new Setting<>("outputs_queue.capacity", integer(0, UINT32_MAX), 0L,
            "Alerts each output may have waiting (a later Falco key); 0 means 10000. Alerts beyond are counted as dropped.");
    static final Setting<Boolean> GRPC_OUTPUT_ENABLED = new Setting<>("grpc_output.enabled", bool(), true,
            "Keep alerts for gRPC clients of the outputs service (only when grpc.enabled is true; "
                    + "alerts queue in memory until a client reads them).");

    static final Setting<Long> METADATA_MAX_MB = new Setting<>("metadata_download.max_mb", integer(1, 1024), 100L,
            "Largest orchestrator (Kubernetes, Mesos) metadata response accepted, in MB.");
    static final Setting<Long> METADATA_CHUNK_WAIT_US = new Setting<>("metadata_download.chunk_wait_us", integer(0, UINT32_MAX), 1000L,
            "Microseconds to wait between reads of a metadata response.");
    static final Setting<Long> METADATA_WATCH_FREQ_SEC = new Setting<>("metadata_download.watch_freq_sec", integer(1, UINT32_MAX), 1L,
            "Seconds between checks of the orchestrator's watch streams.");

    static final Setting<Long> EVALUATION_LANES = new Setting<>("evaluation_lanes", integer(0, 1024), 0L,
            "Lanner: worker lanes that evaluate rules in parallel (events of one process stay in order); "
                    + "0 chooses from the number of CPUs.");
    static final Setting<String> RULE_MATCHING = new Setting<>("rule_matching", choice("first", "all"), "first",
            "Lanner: `first` stops at the first rule an event matches (as Falco 0.30 does), `all` reports every matching rule.");

    /** Every key, in the reference's order. */
    static final List<Setting<?>> SETTINGS = List.of(RULES_FILE, TIME_FORMAT_ISO_8601, JSON_OUTPUT,
            JSON_INCLUDE_OUTPUT_PROPERTY, JSON_INCLUDE_TAGS_PROPERTY, JSON_INCLUDE_HOSTNAME_PROPERTY, LOG_STDERR, LOG_SYSLOG, LOG_LEVEL, PRIORITY,
            BUFFERED_OUTPUTS, DROPS_THRESHOLD, DROPS_ACTIONS, DROPS_RATE, DROPS_MAX_BURST, DROPS_SIMULATE,
            TIMEOUTS_MAX_CONSECUTIVES, OUTPUT_TIMEOUT, OUTPUTS_RATE, OUTPUTS_MAX_BURST, SYSLOG_ENABLED, FILE_ENABLED,
            SYSLOG_IDENT, SYSLOG_FACILITY, SYSLOG_SOCKET, FILE_KEEP_ALIVE, FILE_FILENAME, STDOUT_ENABLED, WEBSERVER_ENABLED, WEBSERVER_LISTEN_PORT,
            WEBSERVER_K8S_AUDIT_ENDPOINT, WEBSERVER_K8S_HEALTHZ_ENDPOINT, WEBSERVER_SSL_ENABLED,
            WEBSERVER_SSL_CERTIFICATE, PROGRAM_ENABLED, PROGRAM_KEEP_ALIVE, PROGRAM_PROGRAM, HTTP_ENABLED, HTTP_URL,
            HTTP_USER_AGENT, HTTP_INSECURE, HTTP_CA_CERT, HTTP_TIMEOUT, HTTP_RETRIES, HTTP_RETRY_BACKOFF, HTTP_AUTH_HEADER,
            GRPC_ENABLED, GRPC_BIND_ADDRESS, GRPC_THREADINESS, GRPC_PRIVATE_KEY, GRPC_CERT_CHAIN, GRPC_ROOT_CERTS,
            GRPC_SUBSCRIBER_QUEUE, GRPC_GET_QUEUE, OUTPUTS_QUEUE_CAPACITY, GRPC_OUTPUT_ENABLED, METADATA_MAX_MB, METADATA_CHUNK_WAIT_US, METADATA_WATCH_FREQ_SEC,
            EVALUATION_LANES, RULE_MATCHING);

    // ---- plugins (0.31) --------------------------------------------------------------------

    static final String PLUGINS = "plugins";
    static final String LOAD_PLUGINS = "load_plugins";
    static final String PLUGIN_FACTORY_PID = "org.lanner.plugin";

    /** The keys of one {@code plugins[]} entry: key, type, default, required, meaning. */
    record PluginKey(String key, String type, String defaultText, boolean required, String description) {
    }

    static final List<PluginKey> PLUGIN_KEYS = List.of(
            new PluginKey("name", "text", "", true, "The plugin's name; also the name of its factory configuration."),
            new PluginKey("library_path", "text", "", true,
                    "The plugin's shared library (.so). Dispatched as written; the plugin host resolves a relative "
                            + "path against the folder of the file named by `lanner.config.origin`."),
            new PluginKey("init_config", "text or map", "", false,
                    "Given to the plugin's init: text as it is, a map as a JSON object."),
            new PluginKey("open_params", "text", "", false, "Given to the plugin when its event source is opened."));

    static final String LOAD_PLUGINS_DESCRIPTION = "Names of the `plugins` entries to load. Absent: all of them; "
            + "`[]`: none. Not dispatched: it selects which factory configurations exist.";

    // ---- the dispatch table ----------------------------------------------------------------

    /** The ownership marker every dispatched configuration carries: the absolute path of the file. */
    static final String ORIGIN_PROPERTY = "lanner.config.origin";

    /**
     * A PID and when its configuration exists.
     *
     * @param pid the PID
     * @param when the boolean key that creates it; null when it always exists
     */
    record Target(String pid, Setting<Boolean> when) {
    }

    /** The system-call source's policy (drop and timeout monitoring). Dispatched before the engine. */
    static final Target SYSCALL = new Target("org.lanner.syscall", null);
    static final Target ENGINE = new Target("org.lanner.engine", null);
    static final Target OUTPUT = new Target("org.lanner.output", null);
    static final Target STDOUT = new Target("org.lanner.output.stdout", STDOUT_ENABLED);
    static final Target FILE = new Target("org.lanner.output.file", FILE_ENABLED);
    static final Target SYSLOG = new Target("org.lanner.output.syslog", SYSLOG_ENABLED);
    static final Target PROGRAM = new Target("org.lanner.output.program", PROGRAM_ENABLED);
    static final Target HTTP = new Target("org.lanner.output.http", HTTP_ENABLED);
    static final Target GRPC = new Target("org.lanner.output.grpc", GRPC_ENABLED);
    static final Target WEBSERVER = new Target("org.lanner.webserver", WEBSERVER_ENABLED);
    static final Target LOG = new Target("org.lanner.log", null);
    static final Target METADATA = new Target("org.lanner.metadata", null);

    // The command line waits for the engine's configuration (then the outputs') before a run: the
    // configurations are delivered in this order, so the source policies dispatched earlier have theirs.
    static final List<Target> TARGETS = List.of(SYSCALL, ENGINE, OUTPUT, STDOUT, FILE, SYSLOG, PROGRAM, HTTP, GRPC, WEBSERVER,
            LOG, METADATA);

    /**
     * Where a top-level key of lanner.yaml goes.
     *
     * @param top the top-level key
     * @param target its PID
     * @param inner true when the section's content is the PID's content, so property names drop
     *     the section ({@code webserver.listen_port} becomes {@code listen_port}); false when the key
     *     keeps its full dotted name ({@code outputs.rate} in {@code org.lanner.output})
     */
    record Route(String top, Target target, boolean inner) {

        /** The property name of a dotted key under this route. */
        String property(String key) {
            return inner ? key.substring(top.length() + 1) : key;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("priority", ENGINE, false),
            new Route("rule_matching", ENGINE, false),
            new Route("evaluation_lanes", ENGINE, false),
            new Route("syscall_event_drops", SYSCALL, false),
            new Route("syscall_event_timeouts", SYSCALL, false),
            new Route("json_output", OUTPUT, false),
            new Route("json_include_output_property", OUTPUT, false),
            new Route("json_include_tags_property", OUTPUT, false),
            new Route("json_include_hostname_property", OUTPUT, false),
            new Route("time_format_iso_8601", OUTPUT, false),
            new Route("buffered_outputs", OUTPUT, false),
            new Route("outputs", OUTPUT, false),
            new Route("outputs_queue", OUTPUT, false),
            new Route("output_timeout", OUTPUT, false),
            new Route("stdout_output", STDOUT, true),
            new Route("file_output", FILE, true),
            new Route("syslog_output", SYSLOG, true),
            new Route("program_output", PROGRAM, true),
            new Route("http_output", HTTP, true),
            new Route("grpc", GRPC, true),
            new Route("grpc_output", GRPC, false),
            new Route("webserver", WEBSERVER, true),
            new Route("log_stderr", LOG, false),
            new Route("log_syslog", LOG, false),
            new Route("log_level", LOG, false),
            new Route("metadata_download", METADATA, true));

    private static final Map<String, Route> ROUTE_BY_TOP = routesByTop();

    private static Map<String, Route> routesByTop() {
        Map<String, Route> m = new LinkedHashMap<>();
        ROUTES.forEach(r -> m.put(r.top(), r));
        return Map.copyOf(m);
    }

    /** The route of a top-level key; empty for keys that are not dispatched (rules_file, plugins…). */
    static Optional<Route> route(String top) {
        return Optional.ofNullable(ROUTE_BY_TOP.get(top));
    }

    /** The outputs and the key that enables each, in the order {@code ConfigResult.outputs()} lists them. */
    static final Map<String, Setting<Boolean>> OUTPUT_SWITCHES = outputSwitches();

    private static Map<String, Setting<Boolean>> outputSwitches() {
        Map<String, Setting<Boolean>> m = new LinkedHashMap<>();
        m.put("stdout", STDOUT_ENABLED);
        m.put("file", FILE_ENABLED);
        m.put("syslog", SYSLOG_ENABLED);
        m.put("program", PROGRAM_ENABLED);
        m.put("http", HTTP_ENABLED);
        m.put("grpc", GRPC_OUTPUT_ENABLED);
        return Collections.unmodifiableMap(m);
    }

    private static ValueType<Priority> priorityType() {
        Map<String, Priority> names = new LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            names.put(p.name().toLowerCase(Locale.ROOT), p);
        }
        names.put("info", Priority.INFORMATIONAL);
        return choice(names, p -> p.name().toLowerCase(Locale.ROOT));
    }
}

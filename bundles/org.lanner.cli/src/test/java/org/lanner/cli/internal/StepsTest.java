package org.lanner.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.lanner.api.engine.EngineStats;
import org.lanner.api.engine.FieldRegistry;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.engine.RuleInfo;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.DeliveryListener;
import org.lanner.api.output.Priority;
import org.lanner.api.output.SinkStats;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.OutputCounters;
import org.lanner.api.run.Run;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunState;
import org.lanner.api.run.RunSummary;
import org.lanner.api.run.Runs;
import org.lanner.api.run.SourceInfo;
import org.lanner.api.run.SourceSummary;
import org.lanner.api.source.SourceStats;

/** The command's steps over a system made of fakes: what they ask the services, what they print, how they end. */
class StepsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    private final FakeSystem system = new FakeSystem();

    private Invocation invocation(String... args) throws Exception {
        return new Invocation(new CommandLineParser().parse(List.of(args)), List.of(args), system, console);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sighupLoadsTheConfigurationAgainWithTheCommandLinesOverrides() throws Exception {
        Path config = Files.writeString(dir.resolve("lanner.yaml"), "json_output: false\n");
        Invocation inv = invocation("-c", config.toString(), "-o", "syslog_output.enabled=false", "-o", "json_output=true", "-U");
        assertThat(new LoadConfig().run(inv)).isEqualTo(Step.CONTINUE);
        inv.rules = RulesRequest.of(List.of(dir.resolve("rules.yaml")));

        ProcessEvents.reload(inv);

        assertThat(system.loads).hasSize(2);
        assertThat(system.loads.get(1)).as("the reload's overrides").isEqualTo(system.loads.get(0))
                .containsExactly("syslog_output.enabled=false", "json_output=true", "buffered_outputs=false");
        assertThat(system.rulesLoads).containsExactly(inv.rules);
        assertThat(err()).contains("SIGHUP received, reloading configuration and rules...").contains("Rules reloaded");
    }

    @Test
    void aConfigurationThatIsNoFileSaysWhy() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        assertThatThrownBy(() -> new LoadConfig().run(invocation("-c", "/dev/zero"))).isInstanceOf(Step.Failure.class)
                .hasMessage("Runtime error: Could not find configuration file at /dev/zero (it is not a regular file). Exiting.");
        assertThatThrownBy(() -> new LoadConfig().run(invocation("-c", dir.toString()))).isInstanceOf(Step.Failure.class)
                .hasMessage("Runtime error: Could not find configuration file at " + dir + " (it is a directory). Exiting.");
    }

    @Test
    void aReloadThatDiesSaysSoAndTheNextSighupReloads() throws Exception {
        // issue 12: an Error in a reload killed the SIGHUP thread with no message
        Path config = Files.writeString(dir.resolve("lanner.yaml"), "json_output: false\n");
        Invocation inv = invocation("-c", config.toString(), "-U");
        new LoadConfig().run(inv);
        inv.rules = RulesRequest.of(List.of(dir.resolve("rules.yaml")));
        system.nextLoadFailure = new StackOverflowError();

        ProcessEvents.reload(inv);

        assertThat(err()).contains("Reload failed: java.lang.StackOverflowError (a bug in Lanner: please report it with the files "
                + "that caused it). The running configuration and rules stay; the next SIGHUP reloads again.")
                .doesNotContain("Rules reloaded");
        ProcessEvents.reload(inv);
        assertThat(system.rulesLoads).hasSize(2);
        assertThat(err()).contains("Rules reloaded");
    }

    @Test
    void liveReadsTheSyscallSourceAndEveryOtherLiveOneButTheDisabled() throws Exception {
        system.sources.addAll(List.of(new SourceInfo("syscall", "live", "system calls"), new SourceInfo("syscall", "file", "captures"),
                new SourceInfo("demo", "live", "a demo"), new SourceInfo("other", "live", "another")));
        Path config = Files.writeString(dir.resolve("lanner.yaml"), "");
        Invocation inv = invocation("-c", config.toString(), "--disable-source", "other", "--disable-source", "k8s_audit",
                "-M", "5", "-A");
        new LoadConfig().run(inv);
        assertThat(new OpenSources().run(inv)).isEqualTo(Step.CONTINUE);
        assertThat(inv.runSpec.inputs()).containsExactly(InputSpec.live("syscall"), InputSpec.live("demo"));
        assertThat(inv.runSpec.maxDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(inv.runSpec.allEvents()).isTrue();
        assertThat(inv.runSpec.bufferFormat()).isEqualTo(org.lanner.api.extract.BufferFormat.NORMAL);

        Invocation base64 = invocation("-c", config.toString(), "-b");
        new LoadConfig().run(base64);
        new OpenSources().run(base64);
        assertThat(base64.runSpec.bufferFormat()).as("-b").isEqualTo(org.lanner.api.extract.BufferFormat.BASE64);

        Invocation snaplen = invocation("-c", config.toString(), "-S", "200");
        new LoadConfig().run(snaplen);
        new OpenSources().run(snaplen);
        assertThat(snaplen.runSpec.inputs().get(0)).as("-S: the driver's open parameter")
                .isEqualTo(new InputSpec("syscall", "live", "snaplen=200"));
        Invocation zero = invocation("-c", config.toString(), "-S", "0");
        new LoadConfig().run(zero);
        new OpenSources().run(zero);
        assertThat(zero.runSpec.inputs().get(0)).as("-S 0: Falco keeps the default").isEqualTo(InputSpec.live("syscall"));
        assertThat(err()).contains("warning: --disable-source k8s_audit: no such event source is present")
                .doesNotContain("--disable-source other");
    }

    @Test
    void anEnabledWebserverWithoutAuditSourceIsSaidOnce() throws Exception {
        system.sources.add(new SourceInfo("syscall", "live", "system calls"));
        Path config = Files.writeString(dir.resolve("lanner.yaml"), "");
        Invocation inv = invocation("-c", config.toString(), "-o", "webserver.enabled=true");
        new LoadConfig().run(inv);
        new OpenSources().run(inv);
        assertThat(err().split("this build has no webserver", -1)).hasSize(2);

        err.reset();
        Invocation off = invocation("-c", config.toString(), "-o", "webserver.enabled=false");
        new LoadConfig().run(off);
        new OpenSources().run(off);
        assertThat(err()).doesNotContain("webserver");

        system.sources.add(new SourceInfo("k8s_audit", "live", "audit events"));
        Invocation withAudit = invocation("-c", config.toString(), "-o", "webserver.enabled=true");
        new LoadConfig().run(withAudit);
        new OpenSources().run(withAudit);
        assertThat(err()).doesNotContain("webserver");
    }

    @Test
    void disablingEveryLiveSourceIsFalcosError() throws Exception {
        system.sources.add(new SourceInfo("syscall", "live", "system calls"));
        Invocation inv = invocation("--disable-source", "syscall");
        assertThatThrownBy(() -> new OpenSources().run(inv)).isInstanceOf(Step.Failure.class)
                .hasMessageContaining("The event source \"syscall\" and \"k8s_audit\" can not be disabled together");
    }

    @Test
    void aFileIsReadByTheSourceThatRecognizesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("events.bin"), "x");
        system.sources.add(new SourceInfo("syscall", "file", "captures"));
        system.detected = new SourceInfo("demo", "file", "demo files");
        Invocation inv = invocation("-e", file.toString());
        assertThat(new OpenSources().run(inv)).isEqualTo(Step.CONTINUE);
        assertThat(inv.runSpec.inputs()).containsExactly(InputSpec.file("demo", file));
        assertThat(err()).contains("Reading demo events from file: " + file);

        Invocation snaplen = invocation("-e", file.toString(), "-S", "4000");
        new OpenSources().run(snaplen);
        assertThat(snaplen.runSpec.inputs()).as("-S does nothing on a file").containsExactly(InputSpec.file("demo", file));
        assertThat(err()).contains("-S/--snaplen has no effect on a capture file");

        Invocation disabled = invocation("-e", file.toString(), "--disable-source", "demo");
        assertThatThrownBy(() -> new OpenSources().run(disabled)).hasMessageContaining("holds demo events, and --disable-source demo disables them");

        system.detected = null;
        Invocation unknown = invocation("-e", file.toString());
        assertThatThrownBy(() -> new OpenSources().run(unknown)).hasMessageContaining("not recognized as the events of any source present");
    }

    @Test
    void theStatisticsFileIsOpenedForAppendingAndWatchesTheRunsFirstInput() throws Exception {
        Path stats = dir.resolve("stats.json");
        Invocation inv = invocation("-s", stats.toString(), "--stats-interval", "250");
        inv.runSpec = RunSpec.of(InputSpec.live("syscall"), InputSpec.live("k8s_audit"));
        assertThat(new OpenStatsFile().run(inv)).isEqualTo(Step.CONTINUE);
        try {
            assertThat(stats).exists();
            assertThat(inv.runSpec.monitors()).hasSize(1);
            var monitor = inv.runSpec.monitors().get(0);
            assertThat(monitor.monitor("syscall", InputSpec.live("syscall"), null)).isNotNull();
            assertThat(monitor.monitor("k8s_audit", InputSpec.live("k8s_audit"), null)).isNull();
        } finally {
            inv.statsFile.close();
        }
    }

    @Test
    void aStatisticsFileThatCannotBeWrittenStopsTheCommandInOneLine() throws Exception {
        Invocation inv = invocation("-s", dir.resolve("no/such/dir/stats.json").toString());
        inv.runSpec = RunSpec.of(InputSpec.live("syscall"));
        assertThatThrownBy(() -> new OpenStatsFile().run(inv)).isInstanceOf(Step.Failure.class)
                .hasMessage("Runtime error: Could not open statistics file " + dir.resolve("no/such/dir/stats.json")
                        + " for writing: no such directory. Exiting.");

        Invocation alone = invocation("--stats-interval", "100");
        alone.runSpec = RunSpec.of(InputSpec.live("syscall"));
        assertThat(new OpenStatsFile().run(alone)).isEqualTo(Step.CONTINUE);
        assertThat(alone.runSpec.monitors()).isEmpty();
        assertThat(err()).contains("--stats-interval has no effect without -s <stats_file>");
    }

    @Test
    void daemonModeWritesThePidFileAsFalcoDoesThenDetaches() throws Exception {
        Path pidFile = dir.resolve("lanner.pid");
        Files.writeString(pidFile, "99999\n");
        Invocation inv = invocation("-d", "-P", pidFile.toString());
        assertThat(new Daemonize().run(inv)).isEqualTo(Step.CONTINUE);
        assertThat(Files.readString(pidFile)).as("the number, no newline, replacing what was there").isEqualTo("1234");
        assertThat(system.process.detachedFrom).as("told the waiting bin/lanner").isEqualTo(4321L);
        assertThat(err()).contains("Running as a daemon with pid 1234 (pid file " + pidFile + ")");
        assertThat(Daemonize.pidFile(invocation("-d").options)).as("without -P").isEqualTo("/var/run/lanner.pid");
    }

    @Test
    void aPidFileWithoutDaemonModeIsNotWrittenAsInFalco() throws Exception {
        Path pidFile = dir.resolve("lanner.pid");
        Invocation inv = invocation("-P", pidFile.toString());
        assertThat(new Daemonize().run(inv)).isEqualTo(Step.CONTINUE);
        assertThat(pidFile).doesNotExist();
        assertThat(system.process.detachedFrom).isNull();
        assertThat(err()).contains("-P/--pidfile is used only with -d/--daemon (as in Falco 0.30): no pid file is written");
    }

    @Test
    void daemonModeMistakesEndTheCommandInTheForegroundInOneLine() throws Exception {
        Invocation unwritable = invocation("-d", "-P", dir.resolve("no/such/dir/lanner.pid").toString());
        assertThatThrownBy(() -> new Daemonize().run(unwritable)).isInstanceOf(Step.Failure.class).hasMessage(
                "Runtime error: Could not write pid to pid file " + dir.resolve("no/such/dir/lanner.pid") + ": no such directory. Exiting.");
        assertThat(system.process.detachedFrom).as("still in the foreground").isNull();

        assertThatThrownBy(() -> new Daemonize().run(invocation("-d", "-P", ""))).hasMessage(
                "Runtime error: If -d is provided, a pid file must also be provided. Exiting.");

        system.process.launcher = OptionalLong.empty();
        Path pidFile = dir.resolve("lanner.pid");
        assertThatThrownBy(() -> new Daemonize().run(invocation("-d", "-P", pidFile.toString()))).hasMessageContaining(
                "-d/--daemon needs bin/lanner, which starts Lanner in the background (a JVM cannot fork)");
        assertThat(pidFile).doesNotExist();

        system.process.launcher = OptionalLong.of(4321);
        system.process.detachFailure = "Could not set session id: Operation not permitted";
        assertThatThrownBy(() -> new Daemonize().run(invocation("-d", "-P", pidFile.toString())))
                .hasMessage("Runtime error: Could not set session id: Operation not permitted. Exiting.");
    }

    @Test
    void theExitStatusSaysWhatWasLost() throws Exception {
        Invocation ok = invocation();
        ok.summary = summary(null, new OutputCounters("stdout", 3, 0, 0, 0));
        assertThat(new PrintSummary().run(ok)).isEqualTo(Step.EXIT_SUCCESS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Events detected: 3").contains("   Some rule: 3");

        Invocation skipped = invocation();
        skipped.summary = summary(null, new OutputCounters("stdout", 3, 0, 0, 0), new OutputCounters("syslog", 0, 0, 0, 0, 3));
        assertThat(new PrintSummary().run(skipped)).as("a host without syslog daemon is announced, not a loss")
                .isEqualTo(Step.EXIT_SUCCESS);
        assertThat(err()).contains("syslog: 3 alerts not sent: its target is absent on this host");

        Invocation lost = invocation();
        lost.summary = summary(null, new OutputCounters("stdout", 3, 0, 0, 0), new OutputCounters("http", 1, 1, 1, 0));
        assertThat(new PrintSummary().run(lost)).isEqualTo(Step.EXIT_FAILURE);
        assertThat(err()).contains("Not every alert was delivered: stdout 3 delivered, http 1 delivered 1 failed 1 dropped (queue full).")
                .contains("1 alert(s) dropped at a full output queue: the output is slower than the live alert rate");

        Invocation failed = invocation();
        failed.summary = summary("the driver went away", new OutputCounters("stdout", 3, 0, 0, 0));
        assertThat(new PrintSummary().run(failed)).isEqualTo(Step.EXIT_FAILURE);
        assertThat(err()).contains("Runtime error: the driver went away. Exiting.");
    }

    @Test
    void eventsALiveCaptureLostInTheDriverMakeTheExitStatusSaySo() throws Exception {
        // 100 written, 30 lost: 20 to a full ring, 1 page fault, 2 probe errors, 7 preempted
        SourceStats lostSome = new SourceStats(100, 30, 20, 1, 2, 7);
        Invocation live = invocation();
        live.summary = summaryWith(lostSome);
        assertThat(new PrintSummary().run(live)).isEqualTo(Step.EXIT_FAILURE);
        assertThat(err()).contains("Live capture lost 30 of 130 events in the driver (ring buffer full: 20, page faults: 1, "
                + "probe errors: 2, preemptions: 7).").contains("Syscall event drop monitoring:");

        err.reset();
        Invocation clean = invocation();
        clean.summary = summaryWith(new SourceStats(100, 0, 0, 0, 0, 3));
        assertThat(new PrintSummary().run(clean)).as("preemptions that lost nothing are no loss").isEqualTo(Step.EXIT_SUCCESS);
        assertThat(err()).doesNotContain("Live capture lost");

        err.reset();
        Invocation file = invocation();
        file.fromFile = true;
        file.summary = summaryWith(lostSome);
        assertThat(new PrintSummary().run(file)).as("a capture's counters are its recording's, not this run's").isEqualTo(Step.EXIT_SUCCESS);
        assertThat(err()).doesNotContain("Live capture lost");
    }

    private static RunSummary summaryWith(SourceStats stats) {
        return new RunSummary("1", RunState.DONE, 10, 3, Map.of(Priority.WARNING, 3L), Map.of("Some rule", 3L),
                List.of(new SourceSummary("syscall", 10, 3, stats, 0, 0, true)), List.of(new OutputCounters("stdout", 3, 0, 0, 0)), 0,
                1_000_000L, null);
    }

    private static RunSummary summary(String failure, OutputCounters... outputs) {
        return new RunSummary("1", failure == null ? RunState.DONE : RunState.FAILED, 10, 3, Map.of(Priority.WARNING, 3L),
                Map.of("Some rule", 3L), List.of(new SourceSummary("syscall", 10, 3, SourceStats.NONE, 0, 0, true)), List.of(outputs), 0,
                1_000_000L, failure);
    }

    /** A process started by bin/lanner for -d (or not), remembering whether it detached. */
    private static final class FakeProcess implements ProcessControl {
        OptionalLong launcher = OptionalLong.of(4321);
        Long detachedFrom;
        String detachFailure;

        @Override
        public long pid() {
            return 1234;
        }

        @Override
        public OptionalLong daemonLauncher() {
            return launcher;
        }

        @Override
        public void allowInterrupt() {
        }

        @Override
        public void detach(long from) throws java.io.IOException {
            if (detachFailure != null) {
                throw new java.io.IOException(detachFailure);
            }
            detachedFrom = from;
        }
    }

    /** The services the command uses, remembering what it asked. */
    private static final class FakeSystem implements Environment, ConfigService, RuleEngine, Runs, FieldRegistry {
        final List<List<String>> loads = new ArrayList<>();
        final List<RulesRequest> rulesLoads = new ArrayList<>();
        /** Thrown by the next rules load: what a loader bug would throw. */
        Error nextLoadFailure;
        final List<SourceInfo> sources = new ArrayList<>();
        SourceInfo detected;
        final AlertPublisher publisher = new FakePublisher();
        final FakeProcess process = new FakeProcess();

        @Override
        public Path home() {
            return Path.of(".");
        }

        @Override
        public String lannerVersion() {
            return "0.0.0";
        }

        @Override
        public List<String> bundleVersions() {
            return List.of();
        }

        @Override
        public ConfigService config() {
            return this;
        }

        @Override
        public RuleEngine engine() {
            return this;
        }

        @Override
        public FieldRegistry fields() {
            return this;
        }

        @Override
        public AlertPublisher publisher() {
            return publisher;
        }

        @Override
        public Runs runs() {
            return this;
        }

        @Override
        public boolean awaitConfiguration(Path file, Duration wait) {
            return true;
        }

        @Override
        public ProcessControl process() {
            return process;
        }

        @Override
        public AutoCloseable onSignals(Runnable stop, Runnable reload, Runnable reopen) {
            return () -> { };
        }

        // ConfigService
        @Override
        public ConfigResult load(Path file, List<String> overrides, boolean apply) {
            loads.add(List.copyOf(overrides));
            // the overrides are the values, enough for the steps that read one
            List<ConfigResult.ConfigValue> values = overrides.stream().map(o -> o.split("=", 2))
                    .map(kv -> new ConfigResult.ConfigValue(kv[0], kv[1])).toList();
            return new ConfigResult(file, List.of(), List.of(), List.of("stdout"), values);
        }

        @Override
        public ConfigResult current() {
            return null;
        }

        // RuleEngine
        @Override
        public int engineVersion() {
            return 12;
        }

        @Override
        public String fieldsChecksum() {
            return "";
        }

        @Override
        public LoadResult load(RulesRequest request) {
            rulesLoads.add(request);
            Error failure = nextLoadFailure;
            if (failure != null) {
                nextLoadFailure = null;
                throw failure;
            }
            return new LoadResult(List.of(), 1, 1, 0, 0, List.of());
        }

        @Override
        public LoadResult validate(RulesRequest request) {
            return load(request);
        }

        @Override
        public LoadResult status() {
            return new LoadResult(List.of(), 0, 0, 0, 0, List.of());
        }

        @Override
        public List<RuleInfo> rules() {
            return List.of();
        }

        @Override
        public EngineStats stats() {
            return new EngineStats(0, 0, 0, 0, 1, 0);
        }

        // Runs
        @Override
        public Run start(RunSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Run> list() {
            return List.of();
        }

        @Override
        public Optional<Run> get(String id) {
            return Optional.empty();
        }

        @Override
        public boolean stop(String id) {
            return false;
        }

        @Override
        public List<SourceInfo> sources() {
            return sources;
        }

        @Override
        public Optional<SourceInfo> detect(Path file) {
            return Optional.ofNullable(detected);
        }

        @Override
        public void prepare(String source) {
        }

        // FieldRegistry
        @Override
        public List<org.lanner.api.engine.FieldClassInfo> fieldClasses() {
            return List.of();
        }
    }

    /** Outputs that take everything. */
    private static final class FakePublisher implements AlertPublisher {
        @Override
        public void publish(Alert alert) {
        }

        @Override
        public void publish(Alert alert, DeliveryListener listener) {
        }

        @Override
        public void publishWaiting(Alert alert, DeliveryListener listener, long stallNanos) {
        }

        @Override
        public boolean drain(long timeoutMillis) {
            return true;
        }

        @Override
        public void reopen() {
        }

        @Override
        public List<String> sinks() {
            return List.of("stdout");
        }

        @Override
        public List<SinkStats> stats() {
            return List.of();
        }

        @Override
        public long rateLimited() {
            return 0;
        }

    }
}

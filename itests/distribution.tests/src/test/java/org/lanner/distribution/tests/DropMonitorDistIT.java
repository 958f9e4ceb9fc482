package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Falco 0.30's regression cases {@code monitor_syscall_drops_*}: bin/lanner replays the suite's
 * {@code ping_sendto.scap} with its {@code confs/drops_*.yaml} (simulate_drops, rate .03333,
 * max_burst 10) from the suite's {@code test/} folder, with the runner's command line, and the
 * catalog's checks hold, plus the exact lines behind them.
 */
class DropMonitorDistIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String MSG = "Falco internal: syscall event drop. 1 system calls dropped in last second.";
    private static Path home;
    private static Path suite;

    @BeforeAll
    static void locate() {
        home = Dist.standalone();
        suite = Dist.shared("falco-0.30.0-suite/test");
    }

    /** The suite runner's command line for {@code confs/drops_<conf>.yaml}. */
    private static Proc.Result drops(String conf) throws IOException, InterruptedException {
        assumeTrue(suite != null, "SKIPPED: Falco 0.30.0's regression suite not found (../shared/falco-0.30.0-suite beside the repository)");
        return Proc.run(suite, TIMEOUT, home.resolve("bin/lanner").toString(), "-r", "rules/single_rule.yaml", "-c", "confs/drops_" + conf + ".yaml",
                "-e", "trace_files/ping_sendto.scap", "-o", "json_output=False", "-o", "json_include_output_property=True",
                "-o", "json_include_tags_property=True", "-o", "priority=debug", "-v");
    }

    private static void assertSummary(Proc.Result r, int occurrences, int actions) {
        assertThat(r.err()).as(r.all()).contains("Syscall event drop monitoring:\n   - event drop detected: " + occurrences
                + " occurrences\n   - num times actions taken: " + actions + "\n");
        assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static int count(String text, String line) {
        Matcher m = Pattern.compile(Pattern.quote(line)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void none() throws Exception {
        Proc.Result r = drops("none");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertSummary(r, 0, 0);
        assertThat(r.all()).doesNotContain("Falco internal: syscall event drop").doesNotContain("Simulating");
    }

    @Test
    void ignore() throws Exception {
        Proc.Result r = drops("ignore");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertSummary(r, 9, 9);
        assertThat(count(r.err(), ": Simulating syscall event drop\n")).isEqualTo(9);
        assertThat(r.all()).doesNotContain("Falco internal: syscall event drop");
    }

    @Test
    void log() throws Exception {
        Proc.Result r = drops("log");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertSummary(r, 9, 9);
        // the log action writes at debug, which drops_log.yaml's log_level shows
        assertThat(count(r.err(), ": " + MSG + "\n")).as(r.err()).isEqualTo(9);
        assertThat(r.out()).doesNotContain("Falco internal: syscall event drop");
    }

    @Test
    void alert() throws Exception {
        Proc.Result r = drops("alert");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertSummary(r, 9, 9);
        // Falco's text of an internal alert from a capture: no driver, so its counters are 0 and eBPF is off
        Matcher m = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{9}: Debug " + Pattern.quote(MSG)
                + " \\(ebpf_enabled=0 n_drops=1 n_drops_buffer=0 n_drops_bug=0 n_drops_pf=0 n_evts=0\\)$").matcher(r.out());
        int alerts = 0;
        while (m.find()) {
            alerts++;
        }
        assertThat(alerts).as(r.out()).isEqualTo(9);
        assertThat(r.err()).doesNotContain("Falco internal: syscall event drop").contains("Outputs: stdout 9 delivered");
    }

    @Test
    void exit() throws Exception {
        Proc.Result r = drops("exit");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertSummary(r, 1, 1);
        assertThat(r.err()).containsPattern(": " + Pattern.quote(MSG) + "\n.*: Exiting\\.\n");
        assertThat(r.out()).doesNotContain("Falco internal: syscall event drop");
        // the run stopped at the first check, a second into the capture: not every event was read
        Matcher captured = Pattern.compile("Captured Events: (\\d+),").matcher(r.err());
        assertThat(captured.find()).as(r.err()).isTrue();
        assertThat(Long.parseLong(captured.group(1))).isPositive().isLessThan(1526);
    }

    @Test
    void ignoreAndLog() throws Exception {
        Proc.Result r = drops("ignore_log");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("confs/drops_ignore_log.yaml:3: syscall_event_drops.actions: "
                + "syscall event drop action \"log\" does not make sense with the \"ignore\" action");
        assertThat(r.all()).doesNotContain("event drop detected").doesNotContain("Falco internal: syscall event drop")
                .doesNotContain("Exception");
    }

    @Test
    void thresholdOutOfRange() throws Exception {
        Proc.Result r = drops("threshold_oor");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("confs/drops_threshold_oor.yaml:2: syscall_event_drops.threshold: "
                + "syscall event drops threshold must be a double in the range [0, 1], found '1.1'");
        assertThat(r.all()).doesNotContain("event drop detected").doesNotContain("Exception");
    }

    @Test
    void thresholdNegative() throws Exception {
        Proc.Result r = drops("threshold_neg");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("confs/drops_threshold_neg.yaml:2: syscall_event_drops.threshold: "
                + "syscall event drops threshold must be a double in the range [0, 1], found '-1'");
        assertThat(r.all()).doesNotContain("event drop detected").doesNotContain("Exception");
    }
}

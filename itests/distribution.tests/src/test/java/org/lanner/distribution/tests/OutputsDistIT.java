package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/lanner's outputs under pressure, the way a user pipes them. */
class OutputsDistIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static Path home;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        home = Dist.standalone();
    }

    /** 200 rules that fire on every event: 30 events of open-multiple-files.scap make 6,000 alerts. */
    private Path everyEventRules(int count) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("""
                    - rule: Every event %d
                      desc: fires on every event
                      condition: evt.num > 0
                      output: "event %%evt.num of %%proc.name on %%fd.name (%d) padding padding padding padding padding"
                      priority: WARNING
                    """.formatted(i, i));
        }
        return Files.writeString(tmp.resolve("rules.yaml"), sb.toString());
    }

    /**
     * A capture replay whose stdout reader, once the first alert is there, reads nothing for three seconds
     * (bash's {@code read} takes one line and no more from a pipe): the pipe (64 KiB) and the
     * output's queue (4 alerts here) fill, the replay waits, and every alert arrives, then the summary,
     * with exit status 0. Before back-pressure, all but the first few hundred alerts were dropped.
     */
    @Test
    void aReplayReadByAPausingReaderLosesNoAlertAndEndsWithTheSummary() throws Exception {
        Path trace = Dist.shared("traces/falco-0.30.0/open-multiple-files.scap");
        assumeTrue(trace != null, "SKIPPED: shared traces not found beside the repository (../shared/traces)");
        Path rules = everyEventRules(200);
        String lanner = home.resolve("bin/lanner").toString();
        String command = String.join(" ", List.of(lanner, "-e", trace.toString(), "-r", rules.toString(), "-v",
                "-o", "rule_matching=all", "-o", "outputs.rate=1000000", "-o", "outputs.max_burst=1000000",
                "-o", "syslog_output.enabled=false", "-o", "outputs_queue.capacity=4"))
                + " 2>err.txt | { IFS= read -r first; printf '%s\\n' \"$first\" > out.txt; sleep 3; cat >> out.txt; };"
                + " echo ${PIPESTATUS[0]} > rc.txt";
        Proc.Result r = Proc.run(tmp, TIMEOUT, "bash", "-c", command);
        assertThat(r.exitCode()).as(r.all()).isZero();
        String err = Files.readString(tmp.resolve("err.txt"));
        assertThat(Files.readString(tmp.resolve("rc.txt")).trim()).as(err).isEqualTo("0");
        List<String> out = Files.readAllLines(tmp.resolve("out.txt"));
        assertThat(out.stream().filter(l -> l.contains(": Warning event "))).as(err).hasSize(6000);
        int summary = out.indexOf("Events detected: 6000");
        assertThat(summary).as("the summary is there").isPositive();
        assertThat(out.subList(summary, out.size())).as("no alert after the summary").noneMatch(l -> l.contains(": Warning event "));
        assertThat(out.get(out.size() - 1)).isEqualTo("   Every event 199: 30");
        assertThat(err).contains("Outputs: stdout 6000 delivered\n").doesNotContain("Not every alert")
                .doesNotContain("queue full (").as("the pause was long enough to block the output")
                .contains("\"stdout\" output timeout, all output channels are blocked");
    }

    /**
     * The case of the issue: a healthy file output (Falco's default, {@code keep_alive: false}: the file
     * is opened and closed for every alert) is slower than rule evaluation; with a small queue, a replay
     * used to drop most alerts as "queue full". Now every one is in the file.
     */
    @Test
    void aReplayIntoAFileOutputWithoutKeepAliveWritesEveryAlert() throws Exception {
        Path trace = Dist.shared("traces/falco-0.30.0/open-multiple-files.scap");
        assumeTrue(trace != null, "SKIPPED: shared traces not found beside the repository (../shared/traces)");
        Path rules = everyEventRules(200);
        Path events = tmp.resolve("events.txt");
        Proc.Result r = Proc.run(tmp, TIMEOUT, home.resolve("bin/lanner").toString(), "-e", trace.toString(), "-r", rules.toString(),
                "-v", "-o", "rule_matching=all", "-o", "outputs.rate=1000000", "-o", "outputs.max_burst=1000000",
                "-o", "syslog_output.enabled=false", "-o", "stdout_output.enabled=false", "-o", "outputs_queue.capacity=4",
                "-o", "file_output.enabled=true", "-o", "file_output.keep_alive=false", "-o", "file_output.filename=" + events);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Events detected: 6000");
        assertThat(r.err()).contains("Outputs: file 6000 delivered\n").doesNotContain("Not every alert");
        assertThat(Files.readAllLines(events)).hasSize(6000).allMatch(l -> l.contains(": Warning event "));
    }
}

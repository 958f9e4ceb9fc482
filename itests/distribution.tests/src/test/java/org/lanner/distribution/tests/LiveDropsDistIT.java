package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events the live driver loses make the run fail (as root, with the real driver): system-call storms
 * ({@code native/bench/storm.c}, one per CPU) overrun the rings while bin/lanner captures every event
 * ({@code -A}); the run exits 1 with one line counting the losses, the same counts as the driver's
 * ({@code -v}'s {@code Driver Events}/{@code Driver Drops}) and as the statistics file's.
 */
class LiveDropsDistIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static Path home;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        home = Dist.standalone();
    }

    @Test
    void eventsTheDriverLostMakeTheExitStatus1WithTheirCount() throws Exception {
        boolean root = "0".equals(Proc.run(tmp, TIMEOUT, "id", "-u").out().trim());
        assumeTrue(root && Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")), "SKIPPED: live capture needs root and a kernel with BTF");
        Path storm = tmp.resolve("storm");
        Proc.Result cc = Proc.run(tmp, TIMEOUT, "cc", "-O2", "-o", storm.toString(), Dist.root().resolve("native/bench/storm.c").toString());
        assumeTrue(cc.exitCode() == 0, "SKIPPED: cannot compile native/bench/storm.c: " + cc.all());
        Path rules = Files.writeString(tmp.resolve("never.yaml"), """
                - rule: Never
                  desc: nothing
                  condition: evt.type=open and proc.name=no-such-process-name
                  output: "never"
                  priority: NOTICE
                """);
        List<Process> storms = new ArrayList<>();
        Path stats = tmp.resolve("stats.json");
        Proc.Result r;
        try {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                storms.add(new ProcessBuilder(storm.toString(), "getpid", "60").redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("storm" + i + ".out").toFile()).start());
            }
            r = Proc.run(tmp, TIMEOUT, home.resolve("bin/lanner").toString(), "-A", "-v", "-r", rules.toString(), "-M", "6",
                    "-o", "syslog_output.enabled=false", "-s", stats.toString(), "--stats-interval", "1000");
        } finally {
            storms.forEach(Process::destroy);
        }
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        Matcher line = Dist.LIVE_DROPS.matcher(r.err());
        assertThat(line.find()).as(r.err()).isTrue();
        long lost = Long.parseLong(line.group(1));
        long total = Long.parseLong(line.group(2));
        long buffer = Long.parseLong(line.group(3));
        long kinds = buffer + Long.parseLong(line.group(4)) + Long.parseLong(line.group(5)) + Long.parseLong(line.group(6));
        assertThat(buffer).as("the storm overran the rings").isPositive();
        assertThat(kinds).as("every loss has its cause").isEqualTo(lost);
        // the counts are the driver's, as -v prints them
        long driverEvents = number(r.err(), "Driver Events:(\\d+)");
        long driverDrops = number(r.err(), "Driver Drops:(\\d+)");
        assertThat(lost).isEqualTo(driverDrops);
        assertThat(total).isEqualTo(driverEvents + driverDrops);
        // and the statistics file counted the same losses while the run went on
        List<String> lines = Files.readAllLines(stats);
        assertThat(lines).as("statistics lines").isNotEmpty();
        long lastDrops = number(lines.get(lines.size() - 1), "\"cur\": \\{\"events\": \\d+, \"drops\": (\\d+)");
        assertThat(lastDrops).isPositive().isLessThanOrEqualTo(lost);
        // Falco's summary lines stay; nothing else failed
        assertThat(r.err()).contains("Syscall event drop monitoring:").doesNotContain("Runtime error").doesNotContain("\tat ");
        assertThat(r.out()).contains("Events detected: 0");
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return Long.parseLong(m.group(1));
    }
}

package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Falco's -s/--stats-interval, -b, -S and -d/-P, through bin/lanner of the unpacked standalone
 * distribution. Captures come from the shared traces beside the repository (skipped, with a
 * message, without them); live runs need root and a kernel with BTF (skipped, with a message,
 * without them).
 */
class FlagsDistIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String CAT_WRITE = "traces/falco-0.30.0/cat_write.scap";

    /** One line of Falco's statistics file, keys in Falco's order; group 2 is the FALCO_STATS_EXTRA_ part. */
    private static final Pattern STATS_LINE = Pattern.compile("\\{\"sample\": (\\d+)(, \"test\": \"flags\")?, \"cur\": \\{\"events\": (\\d+), "
            + "\"drops\": (\\d+), \"preemptions\": (\\d+)\\}, \"delta\": \\{\"events\": (\\d+), \"drops\": (\\d+), \"preemptions\": (\\d+)\\}, "
            + "\"drop_pct\": ([0-9.e+-]+)\\},");

    private static Path home;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        home = Dist.standalone();
    }

    private Proc.Result lanner(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/lanner").toString());
        cmd.addAll(List.of(args));
        return Proc.run(tmp, TIMEOUT, env, cmd.toArray(String[]::new));
    }

    private Proc.Result lanner(String... args) throws IOException, InterruptedException {
        return lanner(Map.of(), args);
    }

    private static Path trace(String relative) {
        Path p = Dist.shared(relative);
        assumeTrue(p != null, "SKIPPED: shared trace " + relative + " not found beside the repository");
        return p;
    }

    /** A user's mistake: one clear line, exit code 1, no Java stack trace. */
    private static void assertCleanFailure(Proc.Result r, String expected) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.all()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Path rules(String yaml) throws IOException {
        Path p = Files.createTempFile(tmp, "rules", ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    /** Live capture needs root and a kernel with BTF: skips, loudly, without them. */
    private void assumeLiveCapture() throws Exception {
        boolean root = "0".equals(Proc.run(tmp, TIMEOUT, "id", "-u").out().trim());
        assumeTrue(root && Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")), "SKIPPED: live capture needs root and a kernel with BTF");
    }

    // ------------------------------------------------------------------ -s, --stats-interval

    /** The events of a capture as lanner -v counts them ("Driver Events:N"). */
    private long driverEvents(Proc.Result r) {
        Matcher m = Pattern.compile("Driver Events:(\\d+)").matcher(r.err());
        assertThat(m.find()).as(r.all()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Checks every line against Falco's format and arithmetic; returns the cur.events of each. */
    private static List<Long> checkStatsLines(List<String> lines, boolean extra) {
        List<Long> cur = new ArrayList<>();
        long[] previous = null;
        for (String line : lines) {
            Matcher m = STATS_LINE.matcher(line);
            assertThat(m.matches()).as("Falco's statistics line: " + line).isTrue();
            assertThat(m.group(2) != null).as("FALCO_STATS_EXTRA_test after the sample number: " + line).isEqualTo(extra);
            long sample = Long.parseLong(m.group(1));
            long[] now = {Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5))};
            long[] delta = {Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Long.parseLong(m.group(8))};
            assertThat(sample).as("samples count from 1").isEqualTo(cur.size() + 1);
            for (int i = 0; i < 3; i++) {
                long expected = previous == null ? now[i] : now[i] - previous[i];
                assertThat(delta[i]).as("delta %d of %s", i, line).isEqualTo(expected);
            }
            String pct = m.group(9);
            if (delta[0] == 0 || delta[1] == 0) {
                assertThat(pct).isEqualTo("0");
            } else {
                assertThat(Double.parseDouble(pct)).isCloseTo(100.0 * delta[1] / delta[0], org.assertj.core.data.Percentage.withPercentage(0.01));
            }
            cur.add(now[0]);
            previous = now;
        }
        return cur;
    }

    @Test
    void statsFileOfACaptureHasFalcosLinesWithTheCapturesCounts() throws Exception {
        Path one = trace(CAT_WRITE);
        Path rules = rules("""
                - rule: Any open
                  desc: an open
                  condition: evt.type=open and evt.dir=<
                  output: "open %fd.name"
                  priority: NOTICE
                """);
        Proc.Result single = lanner("-e", one.toString(), "-r", rules.toString(), "-o", "syslog_output.enabled=false", "-v");
        long perCopy = driverEvents(single);
        // 200 copies of the capture one after the other (a capture of 200 sections): long enough to read
        // that a 1 ms interval gives several lines
        Path big = tmp.resolve("big.scap");
        byte[] bytes = Files.readAllBytes(one);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 200; i++) {
                out.write(bytes);
            }
        }
        Path stats = tmp.resolve("stats.json");
        Files.writeString(stats, "");
        Proc.Result r = lanner(Map.of("FALCO_STATS_EXTRA_test", "flags"), "-e", big.toString(), "-r", rules.toString(), "-o",
                "syslog_output.enabled=false", "-v", "-s", stats.toString(), "--stats-interval", "1");
        assertThat(r.exitCode()).as(r.all()).isZero();
        long total = driverEvents(r);
        assertThat(total).isEqualTo(200 * perCopy);

        List<String> lines = Files.readAllLines(stats);
        assertThat(lines.size()).as("lines of a 1 ms interval over the whole replay").isGreaterThanOrEqualTo(2);
        List<Long> cur = checkStatsLines(lines, true);
        assertThat(cur).isSorted().allMatch(n -> n > 0 && n <= total);
        assertThat(Files.readString(stats)).endsWith("},\n");

        // the default interval (5 s) over a replay of well under a second: the file exists, empty, as Falco leaves it
        Path quiet = tmp.resolve("quiet.json");
        Proc.Result q = lanner("-e", one.toString(), "-r", rules.toString(), "-o", "syslog_output.enabled=false", "-s", quiet.toString());
        assertThat(q.exitCode()).as(q.all()).isZero();
        assertThat(quiet).exists();
        assertThat(Files.readString(quiet)).isEmpty();
    }

    @Test
    void statsFileMistakesAreOneLine() throws Exception {
        Path one = trace(CAT_WRITE);
        assertCleanFailure(lanner("-e", one.toString(), "-s", tmp.resolve("no/such/dir/stats.json").toString()),
                "Runtime error: Could not open statistics file " + tmp.resolve("no/such/dir/stats.json") + " for writing: no such directory. Exiting.");
        assertCleanFailure(lanner("-e", one.toString(), "-s", "x.json", "--stats-interval", "0"),
                "invalid stats interval '0': a number of milliseconds above 0 is needed");
        assertCleanFailure(lanner("-e", one.toString(), "-s", "x.json", "--stats-interval", "fast"), "invalid stats interval 'fast'");
    }

    @Test
    void statsFileOfALiveCaptureGetsALinePerInterval() throws Exception {
        assumeLiveCapture();
        Path rules = rules("""
                - rule: Never
                  desc: nothing
                  condition: evt.type=open and proc.name=no-such-process-name
                  output: "never"
                  priority: NOTICE
                """);
        Path stats = tmp.resolve("live.json");
        Proc.Result r = lanner("-r", rules.toString(), "-o", "syslog_output.enabled=false", "-M", "4", "-s", stats.toString(),
                "--stats-interval", "250");
        Dist.assertLiveSuccess(r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(stats);
        // 4 s of capture at 250 ms: 16 ticks, less what loading the probe and the rules took of the 4 s
        assertThat(lines.size()).as(String.join("\n", lines)).isBetween(6, 17);
        List<Long> cur = checkStatsLines(lines, false);
        assertThat(cur).isSorted();
        assertThat(cur.get(cur.size() - 1)).as("the driver counted events").isPositive();
    }

    // ------------------------------------------------------------------ -b

    @Test
    void base64ChangesHowBuffersRenderInOutputsAndConditions() throws Exception {
        Path trace = trace(CAT_WRITE);
        Path output = rules("""
                - rule: Read data
                  desc: a read that returned data
                  condition: evt.type=read and evt.dir=< and evt.rawres > 0
                  output: "data=%evt.arg.data buffer=%evt.buffer"
                  priority: WARNING
                """);
        Path condition = rules("""
                - rule: ELF header as text
                  desc: the buffer compared as the text it renders to
                  condition: evt.type=read and evt.dir=< and evt.arg.data startswith f0VMRg
                  output: "base64 match"
                  priority: WARNING
                """);
        // -A: read is among the events Falco ignores by default
        Proc.Result plain = lanner("-A", "-e", trace.toString(), "-r", output.toString(), "-o", "syslog_output.enabled=false");
        Proc.Result base64 = lanner("-A", "-b", "-e", trace.toString(), "-r", output.toString(), "-o", "syslog_output.enabled=false");
        assertThat(plain.exitCode()).as(plain.all()).isZero();
        assertThat(base64.exitCode()).as(base64.all()).isZero();
        // libc's ELF header read by cat; the base64 text is what sysdig -b prints for the same event
        String elf = "f0VMRgIBAQMAAAAAAAAAAAMAPgABAAAA4AsCAAAAAABAAAAAAAAAAJB0HAAAAAAAAAAAAEAAOAAKAEAARwBGAAYAAAAFAAAAQAAAAAAAAAA=";
        assertThat(plain.out()).contains("data=.ELF..............>.............@........t..........@.8...@.G.F.........@....... buffer=.ELF");
        assertThat(base64.out()).contains("data=" + elf + " buffer=" + elf).doesNotContain(".ELF");

        // as in Falco, conditions compare the text the buffer renders to
        Proc.Result plainCondition = lanner("-A", "-e", trace.toString(), "-r", condition.toString(), "-o", "syslog_output.enabled=false");
        Proc.Result base64Condition = lanner("-A", "-b", "-e", trace.toString(), "-r", condition.toString(), "-o",
                "syslog_output.enabled=false");
        assertThat(plainCondition.out()).as(plainCondition.all()).contains("Events detected: 0").doesNotContain("base64 match");
        assertThat(base64Condition.out()).as(base64Condition.all()).contains("Warning base64 match").contains("Events detected: 1");
    }

    // ------------------------------------------------------------------ -S

    @Test
    void snaplenIsCheckedAndDoesNothingOnACaptureFile() throws Exception {
        Path trace = trace(CAT_WRITE);
        assertCleanFailure(lanner("-e", trace.toString(), "-S", "lots"), "invalid snaplen 'lots': a number of bytes is needed");
        assertCleanFailure(lanner("-e", trace.toString(), "--snaplen=-5"), "invalid snaplen '-5'");
        Path rules = rules("""
                - rule: Read data
                  desc: a read that returned data
                  condition: evt.type=read and evt.dir=< and evt.rawres > 0
                  output: "data=%evt.arg.data"
                  priority: WARNING
                """);
        Proc.Result r = lanner("-A", "-b", "-e", trace.toString(), "-S", "4", "-r", rules.toString(), "-o", "syslog_output.enabled=false");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).contains("-S/--snaplen has no effect on a capture file");
        // the 80 bytes recorded, not 4
        assertThat(r.out()).contains("data=f0VMRgIBAQMAAAAAAAAAAAMAPgABAAAA4AsCAAAAAABAAAAAAAAAAJB0HAAAAAAAAAAAAEAAOAAKAEAARwBGAAYAAAAFAAAAQAAAAAAAAAA=");
    }

    @Test
    void snaplenSetsTheBytesTheLiveDriverKeeps() throws Exception {
        assumeLiveCapture();
        Path rules = rules("""
                - rule: dd write
                  desc: the write of the test's dd
                  condition: evt.type=write and evt.dir=< and proc.name=dd and evt.rawres=1000
                  output: "written data=%evt.arg.data"
                  priority: WARNING
                """);
        assertCleanFailure(lanner("-r", rules.toString(), "-S", "9000", "-M", "5", "-o", "syslog_output.enabled=false"),
                "snaplen can't exceed 8192 bytes with the eBPF driver");
        for (int snaplen : new int[] {200, 0}) {
            // -A: write is among the events Falco ignores by default
            Process p = Proc.start(tmp, tmp, "snaplen" + snaplen, Map.of(), home.resolve("bin/lanner").toString(), "-A", "-b", "-S",
                    Integer.toString(snaplen), "-r", rules.toString(), "-M", "60", "-o", "syslog_output.enabled=false");
            Path out = tmp.resolve("snaplen" + snaplen + ".out");
            Path err = tmp.resolve("snaplen" + snaplen + ".err");
            try {
                await(p, err, () -> Files.readString(err).contains("Opening live capture"), "live capture opened");
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (!Files.readString(out).contains("written data=")) {
                    assertThat(System.nanoTime()).as("the write of dd within the deadline").isLessThan(deadline);
                    assertThat(p.isAlive()).as("lanner still running: " + Files.readString(err)).isTrue();
                    Proc.run(tmp, TIMEOUT, "dd", "if=/dev/zero", "of=/dev/null", "bs=1000", "count=1");
                    Thread.sleep(200);
                }
            } finally {
                new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
                assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            }
            String line = Files.readString(out).lines().filter(l -> l.contains("written data=")).findFirst().orElseThrow();
            String data = line.substring(line.indexOf("written data=") + "written data=".length()).trim();
            int kept = java.util.Base64.getDecoder().decode(data).length;
            assertThat(kept).as("-S %d: bytes of the 1000 written", snaplen).isEqualTo(snaplen == 0 ? 80 : snaplen);
        }
    }

    // ------------------------------------------------------------------ -d, -P

    private static void await(Process p, Path log, Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what + " within the deadline: " + Files.readString(log)).isLessThan(deadline);
            assertThat(p.isAlive()).as("lanner still running: " + Files.readString(log)).isTrue();
            Thread.sleep(50);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Waits until {@code pid} has gone; false when it is still there at the deadline. */
    private static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !handle.get().isAlive();
        }
    }

    @Test
    void daemonWritesItsPidReturnsAtOnceAndStopsOnSigterm() throws Exception {
        Path trace = trace(CAT_WRITE);
        Path rules = rules("""
                - rule: Any open
                  desc: an open
                  condition: evt.type=open and evt.dir=<
                  output: "open %fd.name"
                  priority: NOTICE
                """);
        Path pidFile = tmp.resolve("lanner.pid");
        Path alerts = tmp.resolve("alerts.txt");
        // -e with -M 300: the replay ends at once and lanner keeps running until SIGTERM, as Falco does
        long started = System.nanoTime();
        Proc.Result r = lanner("-d", "-P", pidFile.toString(), "-e", trace.toString(), "-M", "300", "-r", rules.toString(),
                "-o", "syslog_output.enabled=false", "-o", "file_output.enabled=true", "-o", "file_output.filename=" + alerts);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(seconds).as("returned once the daemon detached, not after -M 300").isLessThan(30);
        assertThat(r.err()).contains("Loading rules from file").contains("Running as a daemon with pid");

        String text = Files.readString(pidFile);
        assertThat(text).as("the pid alone, as Falco writes it").matches("\\d+");
        long pid = Long.parseLong(text);
        try {
            assertThat(alive(pid)).as("the daemon runs").isTrue();
            assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("")).as("the pid is the JVM itself").endsWith("java");
            // its own session (setsid), standard streams on /dev/null, umask 027
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertThat(Long.parseLong(fields[3])).as("session id").isEqualTo(pid);
            for (int fd = 0; fd <= 2; fd++) {
                assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/" + fd))).hasToString("/dev/null");
            }
            assertThat(Files.readAllLines(Path.of("/proc/" + pid + "/status"))).contains("Umask:\t0027");
            // the daemon did its job: the replay's alerts in the file output
            await(ProcessHandle.of(pid).orElseThrow(), alerts, () -> Files.exists(alerts) && Files.readString(alerts).contains("open /"));
            // SIGHUP reloads and SIGUSR1 reopens the outputs: it runs on
            Proc.run(tmp, TIMEOUT, "kill", "-HUP", Long.toString(pid));
            Proc.run(tmp, TIMEOUT, "kill", "-USR1", Long.toString(pid));
            Thread.sleep(500);
            assertThat(alive(pid)).as("still running after SIGHUP and SIGUSR1").isTrue();
        } finally {
            Proc.run(tmp, TIMEOUT, "kill", "-TERM", Long.toString(pid));
        }
        assertThat(awaitGone(pid, Duration.ofSeconds(30))).as("stopped after SIGTERM").isTrue();
        // Falco 0.30 never removes its pid file; neither does Lanner
        assertThat(Files.readString(pidFile)).isEqualTo(text);
    }

    private static void await(ProcessHandle p, Path file, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("within the deadline: " + file).isLessThan(deadline);
            assertThat(p.isAlive()).as("the daemon still running").isTrue();
            Thread.sleep(50);
        }
    }

    @Test
    void daemonMistakesShowInTheForeground() throws Exception {
        Path trace = trace(CAT_WRITE);
        Path good = rules("""
                - rule: Any open
                  desc: an open
                  condition: evt.type=open and evt.dir=<
                  output: "open %fd.name"
                  priority: NOTICE
                """);
        Path unwritable = tmp.resolve("no/such/dir/lanner.pid");
        assertCleanFailure(lanner("-d", "-P", unwritable.toString(), "-e", trace.toString(), "-M", "300", "-r", good.toString(), "-o",
                "syslog_output.enabled=false"), "Runtime error: Could not write pid to pid file " + unwritable + ": no such directory. Exiting.");

        Path bad = rules("""
                - rule: Broken
                  desc: no output
                  condition: evt.type=open
                  priority: NOTICE
                """);
        Path pidFile = tmp.resolve("lanner.pid");
        assertCleanFailure(lanner("-d", "-P", pidFile.toString(), "-e", trace.toString(), "-M", "300", "-r", bad.toString(), "-o",
                "syslog_output.enabled=false"), "rule must have property output");
        assertThat(pidFile).as("no daemon: no pid file").doesNotExist();

        // -P alone: as in Falco 0.30, no pid file and no daemon
        Proc.Result alone = lanner("-P", pidFile.toString(), "-e", trace.toString(), "-r", good.toString(), "-o", "syslog_output.enabled=false");
        assertThat(alone.exitCode()).as(alone.all()).isZero();
        assertThat(alone.out()).contains("Events detected:");
        assertThat(alone.err()).contains("-P/--pidfile is used only with -d/--daemon");
        assertThat(pidFile).doesNotExist();
    }
}

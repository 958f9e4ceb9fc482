package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/lanner of the unpacked standalone distribution, run the way a user runs it. */
class StandaloneDistIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static Path home;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        home = Dist.standalone();
    }

    private Proc.Result lanner(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/lanner").toString());
        cmd.addAll(List.of(args));
        return Proc.run(tmp, TIMEOUT, cmd.toArray(String[]::new));
    }

    /** A user's mistake gets a clear line and exit code 1, never a Java stack trace. */
    private static void assertCleanFailure(Proc.Result r, String expected) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.all()).contains(expected);
        assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void versionListsLannerEngineAndBundles() throws Exception {
        Proc.Result r = lanner("--version");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Lanner version: " + Dist.version() + "\n").contains("Engine version: 13");
        assertThat(r.out()).containsPattern("org\\.lanner\\.engine +\\d+\\.\\d+\\.\\d+\\S* +active");
        assertThat(r.out()).containsPattern("org\\.lanner\\.cli +\\d+\\.\\d+\\.\\d+\\S* +active");
    }

    /** Falco's engine-version discipline: a change of the fields or event table needs a new engine version. */
    @Test
    void fieldsChecksumBelongsToTheEngineVersion() throws Exception {
        Proc.Result r = lanner("--version");
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("Engine version: (\\d+)").matcher(r.out());
        java.util.regex.Matcher c = java.util.regex.Pattern.compile("Fields checksum: ([0-9a-f]{64})").matcher(r.out());
        assertThat(v.find() && c.find()).as(r.out()).isTrue();
        java.util.Map<String, String> known = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Dist.root().resolve("bundles/org.lanner.engine/engine-versions.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            assertThat(known.put(parts[0], parts[1])).as("engine version %s listed twice", parts[0]).isNull();
        }
        assertThat(known).as("the fields checksum changed: add a line with a new engine version to engine-versions.txt and bump "
                + "EngineComponent.ENGINE_VERSION").containsEntry(v.group(1), c.group(1));
    }

    @Test
    void helpListsFalcosFlags() throws Exception {
        Proc.Result r = lanner("--help");
        assertThat(r.exitCode()).isZero();
        for (String flag : List.of("-c <file>", "-e <events_file>", "-r <rules_file>", "-o, --option", "-V, --validate", "--list", "-M <seconds>",
                "-w, --writefile", "--k8s-node")) {
            assertThat(r.out()).contains(flag);
        }
    }

    @Test
    void unknownFlagIsRejected() throws Exception {
        assertCleanFailure(lanner("--bogus"), "unrecognized option '--bogus'");
        assertCleanFailure(lanner("-Z"), "invalid option -- 'Z'");
        assertCleanFailure(lanner("-r"), "option requires an argument -- 'r'");
    }

    @Test
    void capabilityNotInThisBuildIsRejectedClearly() throws Exception {
        assertCleanFailure(lanner("--k8s-node", "node1", "-r", "x.yaml"), "not available in this build");
        assertCleanFailure(lanner("-m", "http://mesos:5050"), "not available in this build");
    }

    @Test
    void missingConfigurationFile() throws Exception {
        assertCleanFailure(lanner("-c", tmp.resolve("nope.yaml").toString()), "Could not find configuration file at");
    }

    @Test
    void malformedConfigurationNamesFileAndLine() throws Exception {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "json_output: true\nstdout_output:\n  enabled: [true\n");
        Proc.Result r = lanner("-c", config.toString());
        assertCleanFailure(r, config.toString() + ":");
    }

    @Test
    void badOverrideNamesTheKey() throws Exception {
        Proc.Result r = lanner("-o", "json_output=perhaps", "-c", home.resolve("etc/lanner.yaml").toString());
        assertCleanFailure(r, "-o: json_output: ");
        assertThat(r.all()).contains("Runtime error: invalid -o override. Exiting.").doesNotContain("invalid configuration in");
    }

    @Test
    void validateReportsRuleErrorsWithTheirPosition() throws Exception {
        Path rules = tmp.resolve("broken.yaml");
        Files.writeString(rules, "- rule: no condition\n  desc: x\n  output: y\n  priority: WARNING\n");
        Proc.Result r = lanner("-V", rules.toString());
        assertCleanFailure(r, rules + ":1");
    }

    @Test
    void aBundleThatCannotResolveIsNamedAndTheCommandFails() throws Exception {
        Path copy = tmp.resolve("lanner");
        Dist.copyTree(home, copy);
        try (var jars = Files.list(copy.resolve("bundles"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                if (jar.getFileName().toString().startsWith("snakeyaml")) {
                    Files.delete(jar);
                }
            }
        }
        Proc.Result r = Proc.run(tmp, TIMEOUT, copy.resolve("bin/lanner").toString(), "--version");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("bundle cannot start").contains("org.yaml.snakeyaml");
    }

    /**
     * A user links bin/lanner onto PATH and copies the configuration to edit it: the command still finds its
     * installation (a relative link, followed) and the copy still finds the shipped rules.
     */
    @Test
    void runsThroughASymlinkWithACopiedConfiguration() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("lanner"), bin.relativize(home.resolve("bin/lanner")));
        Path copy = tmp.resolve("my-lanner.yaml");
        Files.copy(home.resolve("etc/lanner.yaml"), copy);

        Proc.Result r = Proc.run(tmp, TIMEOUT, link.toString(), "-c", copy.toString(), "-L");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Disallowed SSH Connection");
        assertThat(r.all()).doesNotContain("tried");
    }

    @Test
    void replaysACaptureThroughRulesAndPrintsFalcosSummary() throws Exception {
        Path trace = Dist.shared("traces/falco-0.30.0/cat_write.scap");
        assumeTrue(trace != null, "SKIPPED: shared traces not found beside the repository");
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: Cat opens a file
                  desc: cat opened something
                  condition: evt.type in (open, openat) and evt.dir=< and proc.name=cat
                  output: "cat opened %fd.name (user=%user.name cmd=%proc.cmdline)"
                  priority: WARNING
                  tags: [test]
                """);
        // the shipped configuration also writes to syslog, which a test machine may not run
        Proc.Result r = lanner("-e", trace.toString(), "-r", rules.toString(), "-o", "json_output=true", "-o", "syslog_output.enabled=false");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("\"rule\":\"Cat opens a file\"").contains("\"priority\":\"Warning\"").contains("\"source\":\"syscall\"")
                .contains("\"tags\":[\"test\"]");
        assertThat(r.out()).contains("Events detected: ").contains("Rule counts by severity:").contains("   WARNING: ")
                .contains("Triggered rules by rule name:").contains("   Cat opens a file: ");
        assertThat(r.err()).contains("Syscall event drop monitoring:");
    }

    /** An alert an output could not deliver is a loss: the exit status is 1 and the last lines say where. */
    @Test
    void alertsAnOutputCouldNotDeliverMakeTheExitStatusSaySo() throws Exception {
        Path trace = Dist.shared("traces/falco-0.30.0/cat_write.scap");
        assumeTrue(trace != null, "SKIPPED: shared traces not found beside the repository");
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: Cat opens a file
                  desc: cat opened something
                  condition: evt.type in (open, openat) and evt.dir=< and proc.name=cat
                  output: "cat opened %fd.name"
                  priority: WARNING
                """);
        Proc.Result r = lanner("-e", trace.toString(), "-r", rules.toString(), "-v", "-o", "syslog_output.enabled=false",
                "-o", "program_output.enabled=true", "-o", "program_output.program=cat >/dev/null; exit 3");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("Events detected: 4");
        assertThat(r.err()).contains("Outputs: program 0 delivered 4 failed, stdout 4 delivered")
                .contains("Not every alert was delivered: program 0 delivered 4 failed, stdout 4 delivered.");
    }

    /** A capture in the repository: the gRPC checks fail the run before any event is read. */
    private static Path anyCapture() {
        return Dist.root().resolve("rules/tests/captures/write-below-root.near-miss.scap");
    }

    /** A gRPC key that does not match its certificate: one line naming both files, exit 1, no stack trace (Falco fails to start too). */
    @Test
    void aGrpcKeyThatDoesNotMatchItsCertificateFailsTheRunInOneLine() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "SKIPPED: openssl is not installed");
        for (String who : new String[] {"a", "b"}) {
            Proc.Result gen = Proc.run(tmp, TIMEOUT, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=" + who, "-keyout", who + ".key", "-out", who + ".crt");
            assertThat(gen.exitCode()).as(gen.all()).isZero();
        }
        Path key = tmp.resolve("b.key");
        Path cert = tmp.resolve("a.crt");
        Proc.Result r = lanner("-e", anyCapture().toString(), "-o", "syslog_output.enabled=false", "-o", "grpc.enabled=true",
                "-o", "grpc_output.enabled=true", "-o", "grpc.bind_address=127.0.0.1:0", "-o", "grpc.private_key=" + key,
                "-o", "grpc.cert_chain=" + cert, "-o", "grpc.root_certs=" + cert);
        assertCleanFailure(r, "gRPC server not started: grpc.private_key: " + key + " does not match the certificate in grpc.cert_chain " + cert);
        assertThat(r.err()).contains("Runtime error: gRPC server not started (see the error above). Exiting.");
        assertThat(r.err().lines().filter(l -> l.contains("grpc.private_key")).count()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).as("nothing on stdout: the run did not start").doesNotContain("Events detected");
    }

    /**
     * A unix socket another process listens on is refused and left to it, even with grpc_output
     * disabled (the server still answers version requests there).
     */
    @Test
    void aGrpcUnixSocketInUseIsRefusedAndLeftToItsOwner() throws Exception {
        Path sock = tmp.resolve("falco.sock");
        try (java.nio.channels.ServerSocketChannel owner = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            owner.bind(java.net.UnixDomainSocketAddress.of(sock));
            Object inode = Files.readAttributes(sock, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            Proc.Result r = lanner("-e", anyCapture().toString(), "-o", "syslog_output.enabled=false", "-o", "grpc.enabled=true",
                    "-o", "grpc_output.enabled=false", "-o", "grpc.bind_address=unix://" + sock);
            assertCleanFailure(r, "gRPC server not started: grpc.bind_address: unix socket " + sock + " is in use by another process");
            assertThat(sock).exists();
            assertThat(Files.readAttributes(sock, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                    .as("the owner's socket is untouched").isEqualTo(inode);
        }
    }

    /** A host without syslog daemon is said once at start; its alerts are not lost, so the exit status is 0. */
    @Test
    void aHostWithoutSyslogDaemonIsAnnouncedOnceAndIsNoLoss() throws Exception {
        Path trace = Dist.shared("traces/falco-0.30.0/cat_write.scap");
        assumeTrue(trace != null, "SKIPPED: shared traces not found beside the repository");
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: Cat opens a file
                  desc: cat opened something
                  condition: evt.type in (open, openat) and evt.dir=< and proc.name=cat
                  output: "cat opened %fd.name"
                  priority: WARNING
                """);
        Path socket = tmp.resolve("no-syslog-here");
        Proc.Result r = lanner("-e", trace.toString(), "-r", rules.toString(), "-v", "-o", "syslog_output.enabled=true",
                "-o", "syslog_output.socket=" + socket);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Events detected: 4");
        assertThat(r.err().split(java.util.regex.Pattern.quote(socket + " does not exist"), -1)).as(r.err()).hasSize(2);
        assertThat(r.err()).contains("syslog 0 delivered 4 not sent (target absent)")
                .contains("syslog: 4 alerts not sent: its target is absent on this host").doesNotContain("Not every alert");
    }

    /**
     * SIGHUP reloads the configuration with the command line's -o overrides: alerts after the reload
     * are still JSON (-o json_output=true) and syslog stays off, as they were before it (as root).
     */
    @Test
    void sighupKeepsTheCommandLinesOverrides() throws Exception {
        assumeLiveCapture();
        Path rules = tmp.resolve("hup.yaml");
        Files.writeString(rules, """
                - rule: Hup test read of shadow
                  desc: a read of /etc/shadow
                  condition: evt.type in (open, openat, openat2) and evt.dir=< and fd.name=/etc/shadow and proc.name=cat
                  output: "%proc.name read %fd.name"
                  priority: WARNING
                """);
        Process p = Proc.start(tmp, tmp, "hup", Map.of(), home.resolve("bin/lanner").toString(), "-r", rules.toString(), "-M", "90",
                "-o", "syslog_output.enabled=false", "-o", "json_output=true", "-o", "syslog_output.socket=" + tmp.resolve("no-syslog"));
        try {
            Path out = tmp.resolve("hup.out");
            Path err = tmp.resolve("hup.err");
            await(p, err, () -> Files.readString(err).contains("Opening live capture"), "live capture opened");
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            await(p, err, () -> Files.readString(err).contains("Rules reloaded"), "configuration and rules reloaded");
            catShadowUntil(p, out, err, "cat read /etc/shadow");
            assertThat(Files.readString(out).lines().filter(l -> l.contains("cat read /etc/shadow")))
                    .as("alerts after the reload are still JSON").allMatch(l -> l.startsWith("{\"output\":"));
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        }
        // syslog stayed off: with it on, the alerts would have failed at the socket that does not exist
        Dist.assertLiveSuccess(p.exitValue(), Files.readString(tmp.resolve("hup.err")));
        assertThat(Files.readString(tmp.resolve("hup.err"))).doesNotContain("syslog");
    }

    /**
     * Issue 12: started under nohup (SIGHUP ignored), the JVM would leave SIGHUP ignored and never install
     * its handler, so a reload was silently lost; bin/lanner starts Java with the default disposition.
     */
    @Test
    void sighupReloadsEvenWhenStartedUnderNohup() throws Exception {
        Path trace = Dist.shared("traces/falco-0.30.0/cat_write.scap");
        assumeTrue(trace != null, "SKIPPED: shared traces not found beside the repository");
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: Cat opens a file
                  desc: cat opened something
                  condition: evt.type in (open, openat) and evt.dir=< and proc.name=cat
                  output: "cat opened %fd.name"
                  priority: WARNING
                """);
        Process p = Proc.start(tmp, tmp, "nohup", Map.of(), "nohup", home.resolve("bin/lanner").toString(), "-e", trace.toString(),
                "-r", rules.toString(), "-M", "120", "-o", "syslog_output.enabled=false");
        Path err = tmp.resolve("nohup.err");
        try {
            await(p, err, () -> Files.readString(tmp.resolve("nohup.out")).contains("cat opened"), "the rules loaded and used");
            assertThat(Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream().filter(l -> l.startsWith("SigIgn:")))
                    .as("SIGHUP is not ignored by the JVM").singleElement()
                    .satisfies(l -> assertThat(Long.parseLong(l.substring(7).trim(), 16) & 1L).isZero());
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            await(p, err, () -> Files.readString(err).contains("Rules reloaded: 1 rules enabled."), "the reload");
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        }
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    }

    /**
     * Issue 12: a reload whose rules exhaust the loader (a 5,000-deep macro chain overflowed the stack of
     * the SIGHUP thread, an alias bomb filled the heap) says why in one line, keeps the running rules,
     * and the next SIGHUP with a good file reloads. -e with -M keeps the command serving after the capture.
     */
    @Test
    void sighupWithHostileRulesKeepsTheRunningOnesAndTheNextSighupReloads() throws Exception {
        Path trace = Dist.shared("traces/falco-0.30.0/cat_write.scap");
        assumeTrue(trace != null, "SKIPPED: shared traces not found beside the repository");
        Path rules = tmp.resolve("rules.yaml");
        String good = """
                - rule: Cat opens a file
                  desc: cat opened something
                  condition: evt.type in (open, openat) and evt.dir=< and proc.name=cat
                  output: "cat opened %fd.name"
                  priority: WARNING
                """;
        Files.writeString(rules, good);
        StringBuilder chain = new StringBuilder("- macro: m0\n  condition: proc.name = cat\n");
        for (int i = 1; i < 5000; i++) {
            chain.append("- macro: m").append(i).append("\n  condition: m").append(i - 1).append('\n');
        }
        chain.append("- rule: Deep\n  desc: d\n  output: o\n  priority: INFO\n  condition: evt.type = open and m4999\n");
        StringBuilder bomb = new StringBuilder("- list: bomb\n  items:\n  - &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("  - &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))))
                    .append("]\n");
        }
        bomb.append("- rule: Bomb\n  desc: d\n  output: o\n  priority: INFO\n  condition: evt.type = open\n  exceptions:\n"
                + "  - name: e\n    fields: [proc.name]\n    values: [*a8]\n");
        Process p = Proc.start(tmp, tmp, "hostile", Map.of(), home.resolve("bin/lanner").toString(), "-e", trace.toString(), "-r",
                rules.toString(), "-M", "120", "-o", "syslog_output.enabled=false");
        Path err = tmp.resolve("hostile.err");
        try {
            await(p, err, () -> Files.readString(tmp.resolve("hostile.out")).contains("cat opened"), "the first rules loaded and used");
            Files.writeString(rules, chain);
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            await(p, err, () -> Files.readString(err).contains("Rules not reloaded"), "the first reload refused");
            assertThat(Files.readString(err)).contains("error: " + rules + ":10005:");
            assertThat(Files.readString(err)).contains("macros nest deeper than 100 levels: m4999 -> m4998");
            Files.writeString(rules, bomb);
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            await(p, err, () -> Files.readString(err).split("Rules not reloaded", -1).length == 3, "the second reload refused");
            assertThat(Files.readString(err)).contains("YAML values once aliases are expanded");
            Files.writeString(rules, good.replace("Cat opens a file", "Cat still opens a file"));
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            await(p, err, () -> Files.readString(err).contains("Rules reloaded: 1 rules enabled."), "the good file reloaded");
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        }
        String all = Files.readString(err);
        assertThat(all).doesNotContain("StackOverflowError").doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        assertThat(p.exitValue()).as(all).isZero();
    }

    /** Live capture needs root and a kernel with BTF: skips, loudly, without them. */
    private void assumeLiveCapture() throws Exception {
        boolean root = "0".equals(Proc.run(tmp, TIMEOUT, "id", "-u").out().trim());
        assumeTrue(root && Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")),
                "SKIPPED: live capture needs root and a kernel with BTF");
    }

    /** Reads /etc/shadow with cat, again and again, until {@code out} holds {@code expected} (an alert of lanner {@code p}). */
    private void catShadowUntil(Process p, Path out, Path err, String expected) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.readString(out).contains(expected)) {
            assertThat(System.nanoTime()).as("alert within the deadline").isLessThan(deadline);
            assertThat(p.isAlive()).as("lanner still running: " + Files.readString(err)).isTrue();
            Proc.run(tmp, TIMEOUT, "sh", "-c", "cat /etc/shadow > /dev/null");
            Thread.sleep(200);
        }
    }

    private static void await(Process p, Path log, java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what + " within the deadline: " + Files.readString(log)).isLessThan(deadline);
            assertThat(p.isAlive()).as("lanner still running: " + Files.readString(log)).isTrue();
            Thread.sleep(50);
        }
    }

    /** The main job: live capture with our eBPF driver raises an alert for a real action (as root). */
    @Test
    void liveCaptureRaisesAnAlertForARealAction() throws Exception {
        assumeLiveCapture();
        Path rules = tmp.resolve("live.yaml");
        Files.writeString(rules, """
                - rule: Live test read of shadow
                  desc: a read of /etc/shadow
                  condition: evt.type in (open, openat, openat2) and evt.dir=< and fd.name=/etc/shadow and proc.name=cat
                  output: "%proc.name read %fd.name (user=%user.name parent=%proc.pname cmdline=%proc.cmdline)"
                  priority: WARNING
                  tags: [itest]
                """);
        Process p = Proc.start(tmp, tmp, "live", Map.of(), home.resolve("bin/lanner").toString(), "-r", rules.toString(), "-M", "60",
                "-o", "syslog_output.enabled=false", "-o", "json_output=true");
        try {
            Path out = tmp.resolve("live.out");
            catShadowUntil(p, out, tmp.resolve("live.err"), "Live test read of shadow");
            String alert = Files.readString(out).lines().filter(l -> l.contains("Live test read of shadow")).findFirst().orElseThrow();
            // Falco's JSON "output" is the whole text line: time, priority, then the rule's output
            assertThat(alert).containsPattern("\"output\":\"\\d\\d:\\d\\d:\\d\\d\\.\\d{9}: Warning cat read /etc/shadow "
                    + "\\(user=root parent=sh cmdline=cat /etc/shadow\\)\"")
                    .contains("\"priority\":\"Warning\"").contains("\"source\":\"syscall\"").contains("\"tags\":[\"itest\"]");
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        }
        assertThat(Files.readString(tmp.resolve("live.out"))).contains("Triggered rules by rule name:").contains("   Live test read of shadow: ");
    }

    @Test
    void sigtermStopsCleanlyWithTheSummary() throws Exception {
        Path trace = Dist.shared("traces/falco-0.30.0/cat_write.scap");
        assumeTrue(trace != null, "SKIPPED: shared traces not found beside the repository");
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: Any open
                  desc: an open
                  condition: evt.type=open and evt.dir=<
                  output: "open %fd.name"
                  priority: NOTICE
                """);
        // -M with -e: the replay ends quickly, then lanner keeps running until -M seconds (as Falco).
        Process p = Proc.start(tmp, tmp, "sigterm", Map.of(), home.resolve("bin/lanner").toString(), "-e", trace.toString(), "-r",
                rules.toString(), "-M", "300", "-o", "syslog_output.enabled=false");
        Path out = tmp.resolve("sigterm.out");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.readString(out).contains("open /")) {
            assertThat(System.nanoTime()).as("alerts before SIGTERM").isLessThan(deadline);
            assertThat(p.isAlive()).as("still running").isTrue();
            Thread.sleep(50);
        }
        // bin/lanner execs java, so the process is the JVM itself.
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        assertThat(p.exitValue()).isZero();
        String stdout = Files.readString(out);
        assertThat(stdout).contains("Events detected: ").contains("Triggered rules by rule name:");
        assertThat(Files.readString(tmp.resolve("sigterm.err"))).contains("SIGINT received, exiting...").doesNotContain("\tat ")
                .doesNotContain("Exception in thread");
    }
}

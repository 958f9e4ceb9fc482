package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real Karaf assembly: unpacked, started on free ports, driven through bin/client, a bundle
 * hot-deployed into deploy/ and removed, then stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafDistIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static Path base;
    private static Path karaf;
    private static Process process;
    private static int sshPort;

    @BeforeAll
    static void start() throws Exception {
        base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lanner-karaf-it");
        Proc.Result untar = Proc.run(base, COMMAND, "tar", "xzf", Dist.karafArchive().toString());
        assertThat(untar.exitCode()).as(untar.all()).isZero();
        karaf = base.resolve("lanner-karaf-" + Dist.version());
        sshPort = freePort();
        // Free ports so a running Karaf elsewhere does not interfere; a user for bin/client (Karaf ships none).
        replace(karaf.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort = 8101", "sshPort = " + sshPort);
        replace(karaf.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        replace(karaf.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort = 44444", "rmiServerPort = " + freePort());
        Files.writeString(karaf.resolve("etc/users.properties"),
                "\nitest = itest,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
                StandardOpenOption.APPEND);
        process = Proc.start(karaf, base, "karaf", Map.of(), karaf.resolve("bin/karaf").toString(), "server");
        String out = awaitCommand("lanner:version", s -> s.contains("Engine version"), START);
        assertThat(out).contains("Lanner version: " + Dist.version());
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null && process.isAlive()) {
            Proc.run(karaf, COMMAND, karaf.resolve("bin/stop").toString());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        if (base != null) {
            Dist.deleteTree(base);
        }
    }

    @Test
    @Order(1)
    void answersLannerVersionWithEngineAndBundles() throws Exception {
        String out = client("lanner:version");
        assertThat(out).contains("Engine version: 13");
        for (String bsn : new String[] {"org.lanner.api", "org.lanner.engine", "org.lanner.rules", "org.lanner.filter", "org.lanner.config",
            "org.lanner.output.core", "org.lanner.shell"}) {
            assertThat(out).containsPattern(Pattern.quote(bsn) + " +\\d+\\.\\d+\\.\\d+");
        }
    }

    @Test
    @Order(2)
    void carriesTheSameBundlesAsTheStandaloneArchive() throws Exception {
        Map<String, String> standalone = lannerJars(Dist.standalone().resolve("bundles"));
        // the command line needs the launcher's arguments: it is the one bundle that is standalone-only
        standalone.remove("org.lanner.cli");
        Map<String, String> inKaraf = lannerJars(karaf.resolve("system/org/lanner"));
        assertThat(standalone).isNotEmpty();
        // every Lanner bundle of the standalone archive is in Karaf's repository, byte for byte
        standalone.forEach((bsn, digest) -> assertThat(inKaraf).as(bsn).containsEntry(bsn, digest));
    }

    @Test
    @Order(3)
    void hotDeploysAndRemovesABundle() throws Exception {
        Path deployed = karaf.resolve("deploy/org.lanner.itest.sink.jar");
        Files.copy(Dist.deployableSink(), deployed, StandardCopyOption.REPLACE_EXISTING);
        awaitCommand("service:list org.lanner.api.output.OutputSink", s -> s.contains("itest-deployed"), COMMAND);
        String bundles = client("bundle:list -s");
        assertThat(bundles).containsPattern("Active .*org\\.lanner\\.itest\\.sink");

        Files.delete(deployed);
        awaitCommand("bundle:list -s", s -> !s.contains("org.lanner.itest.sink"), COMMAND);
        assertThat(client("service:list org.lanner.api.output.OutputSink")).doesNotContain("itest-deployed");
    }

    @Test
    @Order(4)
    void loadsRulesFromLannerYamlAndReloadsThemWhenAFileChanges() throws Exception {
        Path local = karaf.resolve("etc/rules/lanner_rules.local.yaml");
        Files.writeString(local, "\n- rule: Karaf test rule\n  desc: a rule added while Karaf runs\n"
                + "  condition: evt.type=open and evt.dir=< and fd.name=/nonexistent/karaf-it\n"
                + "  output: \"%proc.name opened %fd.name\"\n  priority: NOTICE\n  tags: [itest]\n", StandardOpenOption.APPEND);
        String out = awaitCommand("lanner:rules-list", s -> s.contains("Karaf test rule"), COMMAND);
        assertThat(out).containsPattern("Karaf test rule .*NOTICE .*syscall .*true .*itest");
    }

    @Test
    @Order(5)
    void stopsOnRequest() throws Exception {
        Proc.Result r = Proc.run(karaf, COMMAND, karaf.resolve("bin/stop").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("Karaf stopped").isTrue();
        String log = Files.readString(karaf.resolve("data/log/karaf.log"));
        assertThat(log).doesNotContainPattern("ERROR .*org\\.lanner");
    }

    // ---------------------------------------------------------------- helpers

    private static String client(String command) throws Exception {
        Proc.Result r = runClient(command);
        assertThat(r.exitCode()).as(command + ":\n" + r.all()).isZero();
        return r.out();
    }

    private static Proc.Result runClient(String command) throws Exception {
        // bin/client without a terminal needs the command on stdin and -b (TOOLCHAIN.md).
        Path input = Files.createTempFile(base, "cmd", ".txt");
        Files.writeString(input, command + "\n");
        return Proc.run(karaf, COMMAND, "sh", "-c", "\"$0\" -a \"$1\" -u itest -p itest -b < \"$2\"", karaf.resolve("bin/client").toString(),
                Integer.toString(sshPort), input.toString());
    }

    private static String awaitCommand(String command, Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError("Karaf exited: " + Files.readString(base.resolve("karaf.out")) + Files.readString(base.resolve("karaf.err")));
            }
            Proc.Result r = runClient(command);
            last = r.all();
            if (r.exitCode() == 0 && done.test(r.out())) {
                return r.out();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for '" + command + "'; last answer:\n" + last);
    }

    /** BSN → SHA-256 of every org.lanner.* bundle jar below a folder. */
    private static Map<String, String> lannerJars(Path dir) throws Exception {
        Map<String, String> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path jar : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                String bsn;
                try (JarFile jf = new JarFile(jar.toFile())) {
                    bsn = jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                }
                if (bsn != null && bsn.startsWith("org.lanner.")) {
                    map.put(bsn.split(";")[0].trim(), sha256(jar));
                }
            }
        }
        return map;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            md.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        Matcher m = Pattern.compile(Pattern.quote(from).replace(" = ", "\\E\\s*=\\s*\\Q")).matcher(s);
        assertThat(m.find()).as("%s in %s", from, file).isTrue();
        Files.writeString(file, m.replaceFirst(Matcher.quoteReplacement(to)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

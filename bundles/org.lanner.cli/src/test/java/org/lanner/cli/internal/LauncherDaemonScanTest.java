package org.lanner.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * bin/lanner decides by itself whether to start the JVM in the background (-d), before Java parses
 * the command line: its shell function must read the arguments as {@link CommandLineParser} does,
 * or a -d would run in the foreground (or the other way round). Runs the function with sh.
 */
class LauncherDaemonScanTest {

    private static final List<List<String>> COMMAND_LINES = List.of(List.of("-d"), List.of("-Ad"), List.of("-dP", "/run/x.pid"),
            List.of("--daemon"), List.of("-o", "x=-d"), List.of("-ox=-d"), List.of("--option", "-d"), List.of("--option=-d"),
            List.of("-e", "-d"), List.of("-e-d"), List.of("-P", "-d"), List.of("--pidfile", "-d"), List.of("-P", "/p", "-d"),
            List.of("--list", "-d"), List.of("--list", "syscall"), List.of("-M", "5", "-d"), List.of("-Md"), List.of("-bS0d"), List.of("-bSd"),
            List.of("-bS", "5", "-vd"), List.of("-r", "a.yaml", "-U"), List.of("--stats-interval", "-d"), List.of("--k8s-node", "-d"),
            List.of("-s", "-d"), List.of("-S", "1", "--daemon"), List.of("--validate", "--daemon"), List.of("-L"), List.of());

    @Test
    void theLaunchersScanFindsDashDWhereTheParserDoes() throws Exception {
        Path root = Path.of(System.getProperty("lanner.root", "../.."));
        Path script = root.resolve("distribution/standalone/src/main/dist/bin/lanner");
        assumeTrue(Files.isRegularFile(script), "SKIPPED: " + script + " not found");
        String text = Files.readString(script);
        int start = text.indexOf("daemon_requested() {");
        int end = text.indexOf("\n}\n", start);
        assertThat(start).as("bin/lanner defines daemon_requested").isPositive();
        String function = text.substring(start, end + 3);
        StringBuilder sh = new StringBuilder(function);
        for (List<String> args : COMMAND_LINES) {
            sh.append("if daemon_requested");
            for (String a : args) {
                sh.append(" '").append(a).append('\'');
            }
            sh.append("; then echo daemon; else echo foreground; fi\n");
        }
        Process p = new ProcessBuilder("sh", "-c", sh.toString()).redirectErrorStream(true).start();
        List<String> answers = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor()).isZero();
        List<String> expected = new ArrayList<>();
        for (List<String> args : COMMAND_LINES) {
            try {
                expected.add(new CommandLineParser().parse(args).daemon ? "daemon" : "foreground");
            } catch (CommandLineParser.UsageException e) {
                // the JVM stops with the usage error either way (-Md: "invalid duration d")
                expected.add(null);
            }
        }
        assertThat(answers).hasSameSizeAs(COMMAND_LINES);
        List<String> labelled = new ArrayList<>();
        List<String> labelledExpected = new ArrayList<>();
        for (int i = 0; i < COMMAND_LINES.size(); i++) {
            if (expected.get(i) != null) {
                labelled.add(COMMAND_LINES.get(i) + " " + answers.get(i));
                labelledExpected.add(COMMAND_LINES.get(i) + " " + expected.get(i));
            }
        }
        assertThat(labelled).isEqualTo(labelledExpected);
        assertThat(expected).as("the cases cover both answers").contains("daemon", "foreground");
    }
}

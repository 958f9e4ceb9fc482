package org.lanner.defaultrules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real standalone command, bin/lanner, of this build, as a user would. */
final class Lanner {

    private final Path home;

    private Lanner(Path home) {
        this.home = home;
    }

    /** The unpacked standalone distribution named by {@code -Dlanner.home}. */
    static Lanner distribution() {
        String configured = System.getProperty("lanner.home");
        if (configured == null) {
            throw new IllegalStateException("-Dlanner.home (the unpacked standalone distribution) is not set");
        }
        Path home = Path.of(configured);
        if (!Files.isExecutable(home.resolve("bin/lanner"))) {
            throw new IllegalStateException(home + "/bin/lanner is missing: build distribution/standalone first");
        }
        return new Lanner(home);
    }

    /** What a run printed and which rules it triggered (with how many alerts each). */
    record Result(int exit, String stdout, String stderr, Map<String, Integer> alerts) {

        TreeSet<String> rules() {
            return new TreeSet<>(alerts.keySet());
        }

        String describe() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Replays a capture with the given rules files, all priorities, JSON alerts on standard output only. */
    Result replay(Path capture, List<Path> rulesFiles) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/lanner").toString(), "-e", capture.toString()));
        for (Path r : rulesFiles) {
            cmd.add("-r");
            cmd.add(r.toString());
        }
        cmd.addAll(List.of("-o", "json_output=true", "-o", "priority=debug", "-o", "stdout_output.enabled=true",
                "-o", "syslog_output.enabled=false", "-o", "file_output.enabled=false",
                "-o", "program_output.enabled=false", "-o", "http_output.enabled=false"));
        return run(cmd);
    }

    /** Runs bin/lanner with these arguments. */
    Result command(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/lanner").toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static final Pattern RULE = Pattern.compile("\"rule\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Result run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("lanner-out", ".txt");
        Path err = Files.createTempFile("lanner-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("lanner did not end within 120 s: " + cmd);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            Map<String, Integer> alerts = new LinkedHashMap<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{")) {
                    Matcher m = RULE.matcher(line);
                    if (m.find()) {
                        alerts.merge(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), 1, Integer::sum);
                    }
                }
            }
            return new Result(p.exitValue(), stdout, Files.readString(err, StandardCharsets.UTF_8), alerts);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

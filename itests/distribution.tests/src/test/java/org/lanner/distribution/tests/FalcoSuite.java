package org.lanner.distribution.tests;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Falco 0.30.0's regression suite run against {@code bin/lanner}: reads the catalogs, builds each
 * case's command line as Falco's runner ({@code test/falco_test.py}) built it for {@code falco},
 * and runs it in the suite's {@code test/} folder with the runner's 180 s timeout. The checks are
 * {@link FalcoChecks}.
 */
final class FalcoSuite {

    /** {@code process.SubProcess(cmd).run(timeout=180, sig=9)}. */
    static final Duration TIMEOUT = Duration.ofSeconds(180);
    /** The exit status avocado reported for a process it killed with signal 9. */
    static final int KILLED = -9;

    /** What one run printed. */
    record Run(List<String> command, int exitStatus, String stdout, String stderr, boolean timedOut, Duration took) {
    }

    private final Path suite;
    private final Path testDir;
    private final Path lanner;

    /**
     * @param suite the suite's folder ({@code falco-0.30.0-suite})
     * @param lanner {@code bin/lanner} of the unpacked standalone distribution
     */
    FalcoSuite(Path suite, Path lanner) {
        this.suite = suite.toAbsolutePath().normalize();
        this.testDir = this.suite.resolve("test");
        this.lanner = lanner;
    }

    Path testDir() {
        return testDir;
    }

    /**
     * The cases of a catalog ({@code test/<catalog>}), in catalog order. The catalogs hold one
     * {@code !mux} mapping, {@code trace_files}, of cases; {@code !mux} only tells avocado to make
     * one variant per child, so it is read here as a plain mapping.
     */
    List<FalcoCase> cases(String catalog) throws IOException {
        Path file = testDir.resolve(catalog);
        Map<?, ?> root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = (Map<?, ?>) new Yaml(new MuxConstructor()).load(r);
        }
        Map<String, Integer> lines = caseLines(file);
        List<FalcoCase> cases = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) root.get("trace_files")).entrySet()) {
            String name = String.valueOf(e.getKey());
            Map<?, ?> params = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
            cases.add(FalcoCase.of(catalog, name, lines.getOrDefault(name, 0), params));
        }
        return cases;
    }

    /** The line of each case's key, for the test's source link. */
    private static Map<String, Integer> caseLines(Path file) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new LoaderOptions()).compose(r);
            for (NodeTuple t : ((MappingNode) root).getValue()) {
                if (t.getValueNode() instanceof MappingNode cases) {
                    for (NodeTuple c : cases.getValue()) {
                        if (c.getKeyNode() instanceof ScalarNode key) {
                            lines.put(key.getValue(), key.getStartMark().getLine() + 1);
                        }
                    }
                }
            }
        }
        return lines;
    }

    /** Why a case cannot run here, if it cannot; the runner needed things this machine does not have for these. */
    Optional<String> skipReason(FalcoCase c) {
        if (!c.grpc().results().isEmpty()) {
            return Optional.of("needs grpcurl: Falco's runner watched " + c.grpc().address() + " and called grpcurl 1.6 -format text "
                    + c.grpc().service() + "/" + c.grpc().method() + " when the socket appeared; this runner has no gRPC client");
        }
        if (!c.pspFile().isEmpty()) {
            return Optional.of("needs falcoctl 0.0.4 (downloaded by Falco's runner) to convert " + c.pspFile() + " to rules");
        }
        if (!"None".equals(c.packageName())) {
            return Optional.of("installs the Falco package " + c.packageName());
        }
        if (c.copyLocalDriver()) {
            return Optional.of("copies Falco's kernel module into ~/.falco");
        }
        if (!c.traceFile().isEmpty() && !Files.exists(path(c.traceFile()))) {
            return Optional.of("needs the trace " + c.traceFile() + ", which Falco's CI downloaded (run_regression_tests.sh) and the suite does not hold");
        }
        return Optional.empty();
    }

    /**
     * The command line Falco's runner built, with {@code bin/lanner} for {@code falco}:
     * {@code falco [-r psp] [-V f]... [-r f]... [-D rule]... -c conf [-e trace] -o json_output=B
     * -o json_include_output_property=B -o json_include_tags_property=B -o priority=P -v [-T tag]...
     * [-t tag]... [-M n] [-A] [-o time_format_iso_8601=true]}, every relative path joined onto
     * {@code test/}, booleans printed as Python prints them ({@code True}, {@code False}).
     */
    List<String> commandLine(FalcoCase c) {
        List<String> cmd = new ArrayList<>();
        cmd.add(lanner.toString());
        for (String f : c.validateRulesFile()) {
            cmd.add("-V");
            cmd.add(path(f).toString());
        }
        for (String f : c.rulesFile()) {
            cmd.add("-r");
            cmd.add(path(f).toString());
        }
        for (String rule : c.disabledRules()) {
            cmd.add("-D");
            cmd.add(rule);
        }
        cmd.add("-c");
        cmd.add(path(c.confFile()).toString());
        if (!c.traceFile().isEmpty()) {
            cmd.add("-e");
            cmd.add(path(c.traceFile()).toString());
        }
        cmd.addAll(List.of("-o", "json_output=" + FalcoCase.py(c.jsonOutput()),
                "-o", "json_include_output_property=" + FalcoCase.py(c.jsonIncludeOutputProperty()),
                "-o", "json_include_tags_property=" + FalcoCase.py(c.jsonIncludeTagsProperty()),
                "-o", "priority=" + FalcoCase.py(c.priority()), "-v"));
        for (String tag : c.disableTags()) {
            cmd.add("-T");
            cmd.add(tag);
        }
        for (String tag : c.runTags()) {
            cmd.add("-t");
            cmd.add(tag);
        }
        if (FalcoCase.truthy(c.runDuration())) {
            cmd.add("-M");
            cmd.add(FalcoCase.py(c.runDuration()));
        }
        if (c.allEvents()) {
            cmd.add("-A");
        }
        if (c.timeIso8601()) {
            cmd.add("-o");
            cmd.add("time_format_iso_8601=true");
        }
        return cmd;
    }

    /** {@code os.path.join(basedir, f)}: an absolute path stays, a relative one is joined onto {@code test/}. */
    Path path(String f) {
        return testDir.resolve(f);
    }

    /**
     * Prepares what the runner prepared (output files of earlier runs removed, their folders made),
     * then runs the case in {@code test/}; a run that outlives the timeout is killed as avocado killed it.
     */
    Run run(FalcoCase c) throws IOException, InterruptedException {
        for (FalcoCase.Output o : c.outputs()) {
            Files.createDirectories(outsideSuite(path(o.file())).getParent());
        }
        for (FalcoCase.StrictOutput o : c.outputStrictlyContains()) {
            if (!"stdout".equals(o.actual())) {
                Path actual = outsideSuite(path(o.actual()));
                Files.deleteIfExists(actual);
                Files.createDirectories(actual.getParent());
            }
        }
        List<String> cmd = commandLine(c);
        Path out = Files.createTempFile("falco-suite", ".out");
        Path err = Files.createTempFile("falco-suite", ".err");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(testDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean done = p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Run(cmd, done ? p.exitValue() : KILLED, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), !done, took);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The runner removed and created output files where the case said; this one never writes into the shared suite. */
    private Path outsideSuite(Path p) {
        if (p.toAbsolutePath().normalize().startsWith(suite)) {
            throw new IllegalStateException("the case writes into the shared suite: " + p);
        }
        return p;
    }

    /** A command line as a shell would take it back (for messages and manual runs). */
    static String shell(List<String> cmd) {
        StringBuilder b = new StringBuilder();
        for (String a : cmd) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(a.matches("[A-Za-z0-9_./=:,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    /**
     * SnakeYAML's safe constructor plus avocado's {@code !mux} tag, read as the mapping it tags.
     * Keys keep their catalog order ({@link LinkedHashMap}, SnakeYAML's default).
     */
    private static final class MuxConstructor extends SafeConstructor {
        MuxConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!mux"), yamlConstructors.get(Tag.MAP));
        }
    }
}

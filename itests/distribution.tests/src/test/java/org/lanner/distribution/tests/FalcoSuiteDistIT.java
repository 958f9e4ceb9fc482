package org.lanner.distribution.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Falco 0.30.0's own regression suite ({@code falco_tests.yaml} and
 * {@code falco_tests_exceptions.yaml} of {@code ../shared/falco-0.30.0-suite/test}) run against
 * {@code bin/lanner} of the unpacked standalone distribution: one dynamic test per case, named
 * {@code <catalog>: <case>}, with the command line and the checks of Falco's runner
 * ({@link FalcoSuite}, {@link FalcoChecks}). Cases run two at a time.
 *
 * <p>At the end the class prints {@code falco-0.30.0 suite: N passed, M failed, K skipped}, one line
 * per failed case with its first failed check and one per skipped case with the reason, and writes
 * the same to {@code target/falco-suite-report.txt}.
 *
 * <p><b>Strict by default.</b> Every case that can run here passes, so a failed case fails its test
 * and the build. {@code -Dfalco.suite.strict=false} turns a failure into an <em>aborted</em> test
 * (shown as skipped) with the failure as message, to see the whole report while working on a
 * change: {@code mvn -B -ntp -o verify -pl itests/distribution.tests -Dit.test=FalcoSuiteDistIT -Dfalco.suite.strict=false}.
 * A case that needs what cannot exist here (grpcurl; a trace Falco's CI downloaded) is skipped
 * with the reason. Without the shared suite the whole factory is skipped, loudly.
 */
class FalcoSuiteDistIT {

    static final String SUITE = "falco-0.30.0-suite";
    static final List<String> CATALOGS = List.of("falco_tests.yaml", "falco_tests_exceptions.yaml");
    private static final int PARALLEL = 2;
    /** How much of each stream a failure message quotes. */
    private static final int QUOTE = 6000;

    private enum Status { PASSED, FAILED, SKIPPED }

    private record Outcome(FalcoCase c, Status status, String brief, String message, Duration took) {
    }

    private static final List<FalcoCase> ORDER = new ArrayList<>();
    private static final ConcurrentHashMap<String, Outcome> OUTCOMES = new ConcurrentHashMap<>();
    private static ExecutorService pool;
    private static long started;

    @TestFactory
    Stream<DynamicTest> falcoSuite() throws IOException {
        Path dir = Dist.shared(SUITE);
        if (dir == null) {
            // one test that says so, rather than an empty factory that a build run with -Dit.test takes for "no tests"
            String why = "SKIPPED: Falco's regression suite is not at " + System.getProperty("lanner.shared", "../../../shared") + "/" + SUITE
                    + " (the folder 'shared' beside the repository); none of its cases ran";
            System.out.println(why);
            return Stream.of(DynamicTest.dynamicTest(SUITE, () -> assumeTrue(false, why)));
        }
        FalcoSuite suite = new FalcoSuite(dir, Dist.standalone().resolve("bin/lanner"));
        List<FalcoCase> cases = new ArrayList<>();
        for (String catalog : CATALOGS) {
            cases.addAll(suite.cases(catalog));
        }
        ORDER.addAll(cases);
        started = System.nanoTime();
        pool = Executors.newFixedThreadPool(PARALLEL);
        // all are submitted now and run two at a time; each test waits for its own
        List<Future<Outcome>> outcomes = cases.stream().map(c -> pool.submit(() -> outcome(suite, c))).toList();
        return IntStream.range(0, cases.size()).mapToObj(i -> {
            FalcoCase c = cases.get(i);
            URI source = URI.create(suite.testDir().resolve(c.catalog()).toUri() + "?line=" + c.line());
            return DynamicTest.dynamicTest(c.id(), source, () -> report(outcomes.get(i)));
        });
    }

    private static Outcome outcome(FalcoSuite suite, FalcoCase c) {
        Optional<String> skip = suite.skipReason(c);
        if (skip.isPresent()) {
            return record(new Outcome(c, Status.SKIPPED, skip.get(), "SKIPPED: " + c.id() + ": " + skip.get(), Duration.ZERO));
        }
        FalcoSuite.Run run = null;
        try {
            run = suite.run(c);
            Optional<FalcoChecks.Failure> f = FalcoChecks.firstFailure(c, run, suite);
            if (f.isEmpty()) {
                return record(new Outcome(c, Status.PASSED, "", "", run.took()));
            }
            return record(new Outcome(c, Status.FAILED, f.get().summary(), message(c, run, f.get()), run.took()));
        } catch (Exception | AssertionError e) {
            String why = "runner error: " + e;
            return record(new Outcome(c, Status.FAILED, why, c.id() + ": " + why + (run == null ? "" : "\n" + streams(run)),
                    run == null ? Duration.ZERO : run.took()));
        }
    }

    private static Outcome record(Outcome o) {
        OUTCOMES.put(o.c().id(), o);
        return o;
    }

    private static void report(Future<Outcome> f) throws InterruptedException, ExecutionException {
        Outcome o = f.get();
        switch (o.status()) {
            case PASSED -> {
            }
            case SKIPPED -> Assumptions.abort(o.message());
            case FAILED -> {
                if (strict()) {
                    throw new AssertionError(o.message());
                }
                Assumptions.abort("FAILED (not strict; without -Dfalco.suite.strict=false it fails the test): " + o.message());
            }
        }
    }

    static boolean strict() {
        return !"false".equalsIgnoreCase(System.getProperty("falco.suite.strict", "true"));
    }

    /** What failed, why, what lanner printed, and how to run it again by hand. */
    private static String message(FalcoCase c, FalcoSuite.Run run, FalcoChecks.Failure f) {
        return c.id() + " (line " + c.line() + "): check '" + f.check() + "' failed\n"
                + "expected: " + f.expected() + "\n"
                + "got: " + f.actual() + "\n"
                + streams(run);
    }

    private static String streams(FalcoSuite.Run run) {
        return "exit status: " + run.exitStatus() + (run.timedOut() ? " (killed after " + FalcoSuite.TIMEOUT.toSeconds() + " s)" : "") + "\n"
                + "command (in the suite's test/ folder): " + FalcoSuite.shell(run.command()) + "\n"
                + "--- stdout ---\n" + clip(run.stdout()) + "\n"
                + "--- stderr ---\n" + clip(run.stderr());
    }

    private static String clip(String s) {
        return s.length() <= QUOTE ? s : s.substring(0, QUOTE) + "\n[… " + (s.length() - QUOTE) + " more characters]";
    }

    @AfterAll
    static void summary() throws IOException, InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(FalcoSuite.TIMEOUT.toSeconds() + 10, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (ORDER.isEmpty()) {
            return;
        }
        List<Outcome> outcomes = ORDER.stream().map(c -> OUTCOMES.get(c.id())).filter(o -> o != null).toList();
        long passed = outcomes.stream().filter(o -> o.status() == Status.PASSED).count();
        long failed = outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
        long skipped = outcomes.stream().filter(o -> o.status() == Status.SKIPPED).count();
        StringBuilder b = new StringBuilder();
        b.append("falco-0.30.0 suite: ").append(passed).append(" passed, ").append(failed).append(" failed, ").append(skipped).append(" skipped\n");
        for (Outcome o : outcomes) {
            if (o.status() == Status.FAILED) {
                b.append("  FAILED ").append(o.c().id()).append(": ").append(o.brief()).append('\n');
            }
        }
        for (Outcome o : outcomes) {
            if (o.status() == Status.SKIPPED) {
                b.append("  SKIPPED ").append(o.c().id()).append(": ").append(o.brief()).append('\n');
            }
        }
        if (outcomes.size() < ORDER.size()) {
            b.append("  (").append(ORDER.size() - outcomes.size()).append(" cases did not finish)\n");
        }
        b.append("  (").append(ORDER.size()).append(" cases in ").append(Duration.ofNanos(System.nanoTime() - started).toSeconds()).append(" s, ")
                .append(PARALLEL).append(" at a time; strict=").append(strict()).append(")\n");
        System.out.print(b);
        Path report = Path.of("target", "falco-suite-report.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, b.toString(), StandardCharsets.UTF_8);
    }
}

package org.lanner.corpus.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.OutputSink;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunState;
import org.lanner.api.run.RunSummary;
import org.lanner.api.run.Runs;
import org.lanner.test.Corpus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Replays every capture of the corpus (rules/tests) through the run service, in this one framework
 * with the bundles of the standalone distribution, and checks the exact set of rules each triggers
 * with the default rules (loaded once into the engine), and with its opt-in rules file for the cases
 * that have one (a run with rules of its own). Runs one after another: a run ends once the output
 * has its alerts, so what the output holds is that run's alerts.
 */
@ExtendWith(ServiceExtension.class)
class CorpusOSGiTest {

    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    @InjectService(timeout = 10_000)
    static Runs runs;

    @InjectService(timeout = 10_000)
    static RuleEngine engine;

    @InjectService(timeout = 10_000)
    static AlertPublisher publisher;

    private static Corpus corpus;
    private static Path defaultRules;
    private static final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private static ServiceRegistration<OutputSink> sink;

    @BeforeAll
    static void loadTheDefaultRules() throws Exception {
        Path root = Path.of(System.getProperty("lanner.root")).toAbsolutePath().normalize();
        corpus = Corpus.load(root);
        defaultRules = root.resolve("rules/lanner_rules.yaml");
        LoadResult loaded = engine.load(RulesRequest.of(List.of(defaultRules)));
        assertThat(loaded.errors()).as("the default rules load").isEmpty();
        BundleContext context = FrameworkUtil.getBundle(CorpusOSGiTest.class).getBundleContext();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(OutputSink.OUTPUT, "corpus");
        sink = context.registerService(OutputSink.class, alerts::add, props);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!publisher.sinks().contains("corpus")) {
            assertThat(System.nanoTime()).as("the corpus output is attached").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @AfterAll
    static void removeTheOutput() {
        if (sink != null) {
            sink.unregister();
        }
    }

    /** The rules a replay of {@code capture} triggers, with the engine's rules or with {@code own}. */
    private static Set<String> replay(Path capture, RulesRequest own) throws Exception {
        alerts.clear();
        RunSpec spec = RunSpec.of(InputSpec.file(capture)).withName(capture.getFileName().toString());
        RunSummary s = runs.start(own == null ? spec : spec.withRules(own)).await(RUN_LIMIT)
                .orElseThrow(() -> new AssertionError(capture + " did not end within " + RUN_LIMIT));
        assertThat(s.state()).as("%s: %s", capture, s.failure()).isEqualTo(RunState.DONE);
        Set<String> fired = new TreeSet<>();
        alerts.forEach(a -> fired.add(a.rule()));
        assertThat(fired).as("the output has exactly the run's alerts").isEqualTo(s.byRule().keySet());
        assertThat(s.detections()).isEqualTo(alerts.size());
        return fired;
    }

    private static void assertNoNearMiss(Corpus.Case c, Set<String> fired) {
        if (!c.nearMiss().isEmpty()) {
            assertThat(fired).as("near misses of %s", c.name()).doesNotContainAnyElementsOf(c.nearMiss());
        }
    }

    @TestFactory
    Stream<DynamicTest> eachCaptureTriggersExactlyItsRules() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Corpus.Case c : corpus.cases()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                assertThat(c.capture()).as("capture of %s (record it with rules/tests/record.sh %s)", c.name(), c.name()).exists();
                Set<String> fired = replay(c.capture(), null);
                assertThat(fired).as("rules triggered by %s with the default rules", c.name())
                        .containsExactlyInAnyOrderElementsOf(c.expect());
                assertNoNearMiss(c, fired);
            }));
            if (c.with() != null) {
                tests.add(DynamicTest.dynamicTest(c.name() + " with " + c.with().getFileName(), () -> {
                    assertThat(Files.isRegularFile(c.with())).as("%s", c.with()).isTrue();
                    Set<String> fired = replay(c.capture(), RulesRequest.of(List.of(defaultRules, c.with())));
                    assertThat(fired).as("rules triggered by %s with %s", c.name(), c.with())
                            .containsExactlyInAnyOrderElementsOf(c.expectWith());
                    assertNoNearMiss(c, fired);
                }));
            }
        }
        return tests.stream();
    }
}

package org.lanner.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.output.Alert;
import org.lanner.api.output.Priority;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunSummary;
import org.lanner.api.source.EventSource;
import org.lanner.engine.internal.Fixtures.Ev;
import org.lanner.engine.internal.Fixtures.KeepingPublisher;
import org.lanner.engine.internal.Fixtures.ListSource;
import org.lanner.engine.internal.Fixtures.TestExtractor;

class EngineComponentTest {

    @TempDir
    Path dir;

    private EngineComponent engine;
    private final KeepingPublisher publisher = new KeepingPublisher();

    private EngineComponent engine(Map<String, Object> config) {
        engine = new EngineComponent(publisher, Fixtures.config(config));
        engine.addExtractor(new TestExtractor(), Fixtures.serviceProps());
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.deactivate();
        }
    }

    private Path rules(String yaml) throws IOException {
        Path p = Files.createTempFile(dir, "rules", ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    private static final String TWO_RULES = """
            - rule: Big value
              desc: value above 90
              condition: test.type in (1, 2) and test.value > 90
              output: big %test.value on %test.tid
              priority: WARNING
              tags: [a, b]
              source: test
            - rule: Even big value
              desc: even value above 90
              condition: test.type=2 and test.value > 90
              output: even %test.value
              priority: ERROR
              source: test
            """;

    private RunSummary run(ListSource source) throws Exception {
        return run(source, RunSpec.of(InputSpec.live(source.sourceName())));
    }

    /** Registers the source as a live one, runs the spec, and takes the source away again. */
    private RunSummary run(ListSource source, RunSpec spec) throws Exception {
        var props = Fixtures.sourceProps(source.sourceName(), EventSource.INPUT_LIVE);
        engine.addSource(source, props);
        try {
            return engine.start(spec).await();
        } finally {
            engine.removeSource(source, props);
        }
    }

    @Test
    void firstMatchingRuleFiresByDefault() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        LoadResult r = engine.load(RulesRequest.of(List.of(rules(TWO_RULES))));
        assertThat(r.ok()).as("%s", r.problems()).isTrue();
        RunSummary s = run(new ListSource(Fixtures.events(100, 3, 4), 7));
        assertThat(s.failure()).isNull();
        assertThat(s.events()).isEqualTo(100);
        // values 91..99 of types 1 and 2: 91(1) 92(2) 94(1) 95(2) 97(1) 98(2) → the first rule takes all six
        assertThat(s.detections()).isEqualTo(6);
        assertThat(s.byRule()).containsExactly(Map.entry("Big value", 6L));
        assertThat(s.byPriority()).containsEntry(Priority.WARNING, 6L);
        Alert a = publisher.alerts.stream().filter(x -> x.output().equals("big 92 on 100")).findFirst().orElseThrow();
        assertThat(a.rule()).isEqualTo("Big value");
        assertThat(a.source()).isEqualTo("test");
        assertThat(a.tags()).containsExactly("a", "b");
        assertThat(a.time()).isEqualTo(1_000_000_000L * 1_700_000_000L + 92 * 1_000_000L);
    }

    @Test
    void ruleMatchingAllFiresEveryMatchingRule() throws Exception {
        engine(Map.of("evaluation_lanes", 2, "rule_matching", "all"));
        engine.load(RulesRequest.of(List.of(rules(TWO_RULES))));
        RunSummary s = run(new ListSource(Fixtures.events(100, 3, 4), 7));
        assertThat(s.byRule()).containsEntry("Big value", 6L).containsEntry("Even big value", 3L);
        assertThat(s.detections()).isEqualTo(9);
    }

    @Test
    void lanesKeepEachPartitionInOrder() throws Exception {
        engine(Map.of("evaluation_lanes", 3));
        engine.load(RulesRequest.of(List.of(rules("""
                - rule: Everything
                  desc: every event
                  condition: test.value >= 0 and test.type in (0, 1, 2)
                  output: "%test.tid %test.value"
                  priority: DEBUG
                  source: test
                """))));
        RunSummary s = run(new ListSource(Fixtures.events(3000, 3, 5), 64));
        assertThat(s.detections()).isEqualTo(3000);
        for (long tid = 100; tid < 105; tid++) {
            List<Long> values = new ArrayList<>();
            for (Alert a : publisher.alerts) {
                String[] parts = a.output().split(" ");
                if (Long.parseLong(parts[0]) == tid) {
                    values.add(Long.parseLong(parts[1]));
                }
            }
            assertThat(values).hasSize(600).isSorted();
        }
    }

    @Test
    void minimumPriorityDropsLessSevereRules() throws Exception {
        engine(Map.of("evaluation_lanes", 1, "priority", "error"));
        engine.load(RulesRequest.of(List.of(rules(TWO_RULES))));
        assertThat(engine.rules()).extracting(r -> r.name()).doesNotContain("Big value");
        RunSummary s = run(new ListSource(Fixtures.events(100, 3, 4), 10));
        assertThat(s.byRule()).containsExactly(Map.entry("Even big value", 3L));
    }

    @Test
    void aFailedLoadKeepsTheRunningRulesetAndValidateSwapsNothing() throws Exception {
        engine(Map.of());
        engine.load(RulesRequest.of(List.of(rules(TWO_RULES))));
        LoadResult bad = engine.load(RulesRequest.of(List.of(rules("- rule: broken\n  desc: x\n  condition: test.nope = 1\n  output: x\n  priority: INFO\n  source: test\n"))));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.errors().get(0).toString()).contains("test.nope");
        LoadResult valid = engine.validate(RulesRequest.of(List.of(rules("""
                - rule: Other
                  desc: other
                  condition: test.type=1
                  output: other
                  priority: INFO
                  source: test
                """))));
        assertThat(valid.ok()).isTrue();
        assertThat(engine.rules()).extracting(r -> r.name()).containsExactly("Big value", "Even big value");
    }

    @Test
    void dottedArgumentsResolveThroughTheFieldIndex() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        LoadResult r = engine.load(RulesRequest.of(List.of(rules("""
                - rule: Dotted
                  desc: dotted argument
                  condition: test.type=1 and test.arg.hello = hello and test.value = 1
                  output: "%test.arg[hello] %test.arg.world"
                  priority: INFO
                  source: test
                """))));
        assertThat(r.ok()).as("%s", r.problems()).isTrue();
        run(new ListSource(Fixtures.events(10, 3, 1), 10));
        assertThat(publisher.alerts).extracting(Alert::output).containsExactly("hello world");
    }

    @Test
    void interestingEventTypesFollowTheRules() throws Exception {
        engine(Map.of());
        engine.load(RulesRequest.of(List.of(rules(TWO_RULES))));
        ListSource source = new ListSource(Fixtures.events(10, 3, 1), 10);
        run(source);
        assertThat(source.interesting.stream().boxed().toList()).containsExactly(1, 2);
        run(source, new RunSpec("", List.of(InputSpec.live(Fixtures.SOURCE)), null, null, 0, true, null));
        assertThat(source.interesting).as("-A: everything").isNull();
    }

    @Test
    void maxDurationIsCountedInEventTimeForFiles() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        engine.load(RulesRequest.of(List.of(rules(TWO_RULES))));
        // one event per millisecond: 50 ms of events
        ListSource source = new ListSource(Fixtures.events(100, 3, 1), 9);
        var props = Fixtures.sourceProps(Fixtures.SOURCE, EventSource.INPUT_FILE);
        engine.addSource(source, props);
        Path file = Files.writeString(dir.resolve("events.test"), "read by the test source");
        RunSummary s = engine.start(new RunSpec("", List.of(InputSpec.file(Fixtures.SOURCE, file)), null, Duration.ofMillis(50), 0, false,
                null)).await();
        assertThat(s.events()).isEqualTo(50);
    }

    @Test
    void maxEventsStopsTheRunAfterThatManyEvents() throws Exception {
        engine(Map.of("evaluation_lanes", 2));
        engine.load(RulesRequest.of(List.of(rules(TWO_RULES))));
        RunSummary s = run(new ListSource(Fixtures.events(1000, 3, 4), 64),
                new RunSpec("", List.of(InputSpec.live(Fixtures.SOURCE)), null, null, 150, false, null));
        assertThat(s.events()).isEqualTo(150);
        assertThat(s.failure()).isNull();
    }

    @Test
    void lateBindingRecompilesWhenAnExtractorArrives() throws Exception {
        engine = new EngineComponent(publisher, Fixtures.config(Map.of()));
        LoadResult r = engine.load(RulesRequest.of(List.of(rules(TWO_RULES))));
        assertThat(r.pendingRules()).containsExactly("Big value", "Even big value");
        engine.addExtractor(new TestExtractor(), Fixtures.serviceProps());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.rules().size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(engine.rules()).extracting(x -> x.name()).containsExactly("Big value", "Even big value");
        assertThat(engine.status().pendingRules()).isEmpty();
    }
}

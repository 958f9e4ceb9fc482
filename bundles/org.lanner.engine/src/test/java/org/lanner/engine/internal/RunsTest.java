package org.lanner.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.output.Alert;
import org.lanner.api.output.DeliveryListener;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.OutputCounters;
import org.lanner.api.run.Run;
import org.lanner.api.run.RunException;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunState;
import org.lanner.api.run.RunSummary;
import org.lanner.api.run.SourceInfo;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourcePolicy;
import org.lanner.api.source.SourceStats;
import org.lanner.api.source.StreamMonitor;
import org.lanner.engine.internal.Fixtures.Ev;
import org.lanner.engine.internal.Fixtures.KeepingPublisher;
import org.lanner.engine.internal.Fixtures.ListSource;
import org.lanner.engine.internal.Fixtures.TestExtractor;
import org.lanner.output.core.internal.OutputConfig;
import org.lanner.output.core.internal.OutputPublisher;
import org.lanner.test.Configs;

/** The run service of the engine, in plain Java: several sources, per-source policies, runs with their own rules. */
class RunsTest {

    @TempDir
    Path dir;

    private EngineComponent engine;
    private KeepingPublisher publisher = new KeepingPublisher();

    /** Real outputs, for the tests about back-pressure and drops. */
    private OutputPublisher outputs;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.deactivate();
        }
        if (outputs != null) {
            outputs.close();
        }
    }

    private EngineComponent engineWith(OutputPublisher real, Map<String, Object> config) {
        outputs = real;
        engine = new EngineComponent(real, Fixtures.config(config));
        engine.addExtractor(new TestExtractor(), Fixtures.serviceProps());
        engine.addExtractor(new GenericEventFields(), Fixtures.ranked(GenericEventFields.RANKING));
        return engine;
    }

    private static OutputPublisher realOutputs(int capacity) {
        return new OutputPublisher(Configs.of(OutputConfig.class,
                Map.of("outputs.rate", 0.0, "outputs_queue.capacity", capacity, "output_timeout", 60_000)), "h");
    }

    private EngineComponent engine(Map<String, Object> config) {
        engine = new EngineComponent(publisher, Fixtures.config(config));
        engine.addExtractor(new TestExtractor(), Fixtures.serviceProps());
        engine.addExtractor(new GenericEventFields(), Fixtures.ranked(GenericEventFields.RANKING));
        return engine;
    }

    private Path rules(String yaml) throws IOException {
        Path p = Files.createTempFile(dir, "rules", ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    private static String rule(String name, String source, String condition, String output) {
        return """
                - rule: %s
                  desc: %s
                  condition: %s
                  output: "%s"
                  priority: WARNING
                  source: %s
                """.formatted(name, name, condition, output, source);
    }

    private void live(EventSource source) {
        engine.addSource(source, Fixtures.sourceProps(source.sourceName(), EventSource.INPUT_LIVE));
    }

    @Test
    void twoSourcesRunAtOnceEachWithItsRulesAndOneOutput() throws Exception {
        engine(Map.of("evaluation_lanes", 2));
        engine.addExtractor(new TestExtractor("other", "other"), Fixtures.serviceProps());
        engine.load(RulesRequest.of(List.of(rules(
                rule("Test big", "test", "test.type = 1 and test.value > 90", "test %test.value from %evt.source")
                + rule("Other small", "other", "other.type = 2 and other.value < 5", "other %other.value #%evt.num")))));
        live(new ListSource("test", Fixtures.events(100, 3, 4), 7));
        live(new ListSource("other", Fixtures.events(30, 3, 2), 4));

        RunSummary s = engine.start(RunSpec.of(InputSpec.live("test"), InputSpec.live("other"))).await();

        assertThat(s.state()).isEqualTo(RunState.DONE);
        assertThat(s.events()).isEqualTo(130);
        assertThat(s.source("test").events()).isEqualTo(100);
        assertThat(s.source("other").events()).isEqualTo(30);
        // test: values 91, 94, 97 have type 1; other: value 2 has type 2
        assertThat(s.source("test").detections()).isEqualTo(3);
        assertThat(s.source("other").detections()).isEqualTo(1);
        assertThat(s.byRule()).containsEntry("Test big", 3L).containsEntry("Other small", 1L);
        assertThat(publisher.alerts).extracting(Alert::output)
                .containsExactlyInAnyOrder("test 91 from test", "test 94 from test", "test 97 from test", "other 2 #3");
        assertThat(publisher.alerts).filteredOn(a -> a.rule().equals("Other small")).extracting(Alert::source).containsExactly("other");
        assertThat(s.outputs()).containsExactly(new OutputCounters("keep", 4, 0, 0, 0));
    }

    @Test
    void aRunWithRulesOfItsOwnLeavesTheEnginesAlone() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        engine.load(RulesRequest.of(List.of(rules(rule("Engine rule", "test", "test.type = 1 and test.value > 90", "engine")))));
        live(new ListSource(Fixtures.events(100, 3, 4), 10));
        RulesRequest own = RulesRequest.of(List.of(rules(rule("Own rule", "test", "test.type = 2 and test.value < 10", "own %test.value"))));

        RunSummary mine = engine.start(RunSpec.of(InputSpec.live("test")).withRules(own)).await();
        assertThat(mine.byRule()).containsExactly(Map.entry("Own rule", 3L));
        assertThat(engine.rules()).extracting(r -> r.name()).containsExactly("Engine rule");

        RunSummary theirs = engine.start(RunSpec.of(InputSpec.live("test"))).await();
        assertThat(theirs.byRule()).containsExactly(Map.entry("Engine rule", 3L));
    }

    @Test
    void ownRulesThatDoNotLoadRefuseTheRunWithTheErrors() throws Exception {
        engine(Map.of());
        live(new ListSource(Fixtures.events(10, 3, 1), 10));
        RulesRequest bad = RulesRequest.of(List.of(rules(rule("Bad", "test", "test.nope = 1", "x"))));
        assertThatThrownBy(() -> engine.start(RunSpec.of(InputSpec.live("test")).withRules(bad)))
                .isInstanceOf(RunException.class).hasMessageContaining("do not load").hasMessageContaining("test.nope");
    }

    @Test
    void runsAreListedWithIdsAndStoppedById() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        engine.load(RulesRequest.of(List.of(rules(rule("Any", "test", "test.type = 1", "x")))));
        EndlessSource endless = new EndlessSource();
        live(endless);
        Run a = engine.start(RunSpec.of(InputSpec.live("test")).withName("first"));
        Run b = engine.start(RunSpec.of(InputSpec.live("test")).withName("second"));
        endless.started.await();
        assertThat(engine.list()).extracting(Run::id).containsExactly(a.id(), b.id());
        assertThat(engine.get(a.id())).containsSame(a);
        assertThat(a.state()).isEqualTo(RunState.RUNNING);
        assertThat(a.summary().state()).isEqualTo(RunState.RUNNING);

        assertThat(engine.stop(a.id())).isTrue();
        RunSummary s = a.await(Duration.ofSeconds(10)).orElseThrow();
        assertThat(s.state()).isEqualTo(RunState.DONE);
        assertThat(s.events()).isPositive();
        assertThat(b.state()).as("the other run goes on").isEqualTo(RunState.RUNNING);
        assertThat(engine.stop(a.id())).as("an ended run is not in progress").isFalse();
        assertThat(engine.get(a.id())).as("kept among the recent runs").isPresent();
        b.stop();
        b.await();
    }

    @Test
    void anInputWithoutItsSourceIsRefusedWithWhatIsPresent() throws Exception {
        engine(Map.of());
        live(new ListSource(Fixtures.events(1, 1, 1), 1));
        assertThatThrownBy(() -> engine.start(RunSpec.of(InputSpec.live("k8s_audit"))))
                .isInstanceOf(RunException.class).hasMessage("no live source of k8s_audit events is present; present: test/live");
        assertThatThrownBy(() -> engine.start(RunSpec.of(InputSpec.file(dir.resolve("missing.scap")))))
                .isInstanceOf(RunException.class).hasMessageContaining("missing.scap: no such readable file");
    }

    @Test
    void aFileIsReadByTheSourceThatRecognizesItsContent() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        engine.load(RulesRequest.of(List.of(rules(rule("Big", "test", "test.type = 1 and test.value > 90", "big %test.value")))));
        Path mine = Files.writeString(dir.resolve("events.bin"), "TEST-EVENTS");
        Path other = Files.writeString(dir.resolve("other.bin"), "something else");
        ListSource fileSource = new ListSource(Fixtures.events(100, 3, 1), 10) {
            @Override
            public boolean recognizes(Path file) throws IOException {
                return Files.readString(file).startsWith("TEST-EVENTS");
            }
        };
        engine.addSource(fileSource, Fixtures.sourceProps("test", EventSource.INPUT_FILE));

        assertThat(engine.detect(mine)).contains(new SourceInfo("test", "file", "test"));
        assertThat(engine.detect(other)).isEmpty();
        RunSummary s = engine.start(RunSpec.of(InputSpec.file(mine))).await();
        assertThat(s.byRule()).containsEntry("Big", 3L);
        assertThatThrownBy(() -> engine.start(RunSpec.of(InputSpec.file(other))))
                .isInstanceOf(RunException.class).hasMessageContaining("is not recognized as the events of any source present");
    }

    @Test
    void aSourcesPolicyKeysItsEventsAndHidesWhatRulesIgnore() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        // type 0 events are keyed by their value (key = 100 + value % 10); type 2 is ignored unless -A
        SourcePolicy policy = new SourcePolicy() {
            @Override
            public String source() {
                return "test";
            }

            @Override
            public int keySpace() {
                return 200;
            }

            @Override
            public boolean keyedByContent(int type) {
                return type == 0;
            }

            @Override
            public int key(Event event) {
                return 100 + (int) (event.buffer().getLong(event.paramOffset(0)) % 10);
            }

            @Override
            public BitSet ignoredTypes() {
                BitSet b = new BitSet();
                b.set(2);
                return b;
            }
        };
        engine.addPolicy(policy, Fixtures.serviceProps());
        // the rule is indexed under keys 103 and 0: type-0 events meet it only when keyed 103, and match then
        engine.load(RulesRequest.of(List.of(rules(rule("Key 103", "test", "test.type in (103, 0)", "k %test.value")
                + rule("Type 2", "test", "test.type = 2", "two %test.value")))));
        live(new ListSource(Fixtures.events(60, 3, 1), 10));
        RunSummary s = engine.start(RunSpec.of(InputSpec.live("test"))).await();
        // type 0 events have values 0, 3, 6…; those ending in 3 are 3, 33 (key 103)
        assertThat(s.byRule()).containsExactly(Map.entry("Key 103", 2L));
        RunSummary all = engine.start(new RunSpec("", List.of(InputSpec.live("test")), null, null, 0, true, null)).await();
        assertThat(all.byRule()).containsEntry("Type 2", 20L);
    }

    @Test
    void aPolicysMonitorCanAlertAndStopTheRun() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        engine.addPolicy(new SourcePolicy() {
            @Override
            public String source() {
                return "test";
            }

            @Override
            public StreamMonitor monitor(StreamMonitor.Context context) {
                return new StreamMonitor() {
                    int batches;

                    @Override
                    public StreamMonitor.Stop afterBatch(EventBatch batch, int size, SourceStats stats) {
                        if (++batches == 3) {
                            context.alert(new Alert(batch.timestamp(size - 1), "Internal: watched", org.lanner.api.output.Priority.DEBUG, "internal", List.of(),
                                    "three batches from a " + context.input() + " input", List.of(), null));
                            // the first 4 events of this batch are still evaluated, as Falco does before its exit
                            return new StreamMonitor.Stop(4, "the monitor had seen enough");
                        }
                        return null;
                    }

                    @Override
                    public long dropOccurrences() {
                        return 7;
                    }
                };
            }
        }, Fixtures.serviceProps());
        engine.load(RulesRequest.of(List.of(rules(rule("Any", "test", "test.type in (0, 1, 2)", "x")))));
        live(new ListSource(Fixtures.events(100, 3, 1), 10));
        RunSummary s = engine.start(RunSpec.of(InputSpec.live("test"))).await();
        assertThat(s.state()).isEqualTo(RunState.FAILED);
        assertThat(s.failure()).isEqualTo("the monitor had seen enough");
        assertThat(s.events()).isEqualTo(24);
        assertThat(s.byRule()).containsEntry("Any", 24L);
        assertThat(s.source("test").monitored()).isTrue();
        assertThat(s.source("test").dropOccurrences()).isEqualTo(7);
        assertThat(publisher.alerts).filteredOn(a -> a.rule().equals("Internal: watched")).extracting(Alert::output)
                .containsExactly("three batches from a live input");
    }

    /** What a client's monitor heard, in order (the reader thread writes, the test reads after the run). */
    private static final class Heard implements StreamMonitor {
        final String source;
        final List<String> calls = new ArrayList<>();
        final String stopAfter;

        Heard(String source, String stopAfter) {
            this.source = source;
            this.stopAfter = stopAfter;
        }

        @Override
        public void start(SourceStats initial) {
            calls.add("start " + initial.events());
        }

        @Override
        public StreamMonitor.Stop afterBatch(EventBatch batch, int size, SourceStats stats) {
            calls.add("batch " + stats.events() + "/" + stats.drops());
            return stopAfter != null && stats.events() >= 20 ? new StreamMonitor.Stop(size, stopAfter) : null;
        }

        @Override
        public void idle(SourceStats stats) {
            calls.add("idle " + stats.events());
        }
    }

    @Test
    void aClientsMonitorWatchesEachInputWithTheStreamsCounters() throws Exception {
        engine(Map.of("evaluation_lanes", 2));
        engine.addExtractor(new TestExtractor("other", "other"), Fixtures.serviceProps());
        engine.load(RulesRequest.of(List.of(rules(rule("Any", "test", "test.type in (0, 1, 2)", "x")))));
        ListSource test = new ListSource(Fixtures.events(25, 3, 1), 10);
        test.dropsPerEvent = 2;
        live(test);
        live(new ListSource("other", Fixtures.events(4, 3, 1), 4));
        List<Heard> monitors = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunSpec spec = RunSpec.of(InputSpec.live("test"), InputSpec.live("other")).withMonitor((source, input, context) -> {
            assertThat(input.source()).isEqualTo(source);
            Heard h = new Heard(source, null);
            monitors.add(h);
            return h;
        });

        RunSummary s = engine.start(spec).await();

        assertThat(s.state()).isEqualTo(RunState.DONE);
        assertThat(monitors).extracting(h -> h.source).containsExactlyInAnyOrder("test", "other");
        Heard t = monitors.stream().filter(h -> h.source.equals("test")).findFirst().orElseThrow();
        // the stream's counters after each batch of 10, 10 and 5 events (two drops per event)
        assertThat(t.calls).containsExactly("start 0", "batch 10/20", "batch 20/40", "batch 25/50");
        assertThat(s.source("test").monitored()).as("only a policy's monitor counts as drop monitoring").isFalse();
    }

    @Test
    void aClientsMonitorHearsEmptyReadsAndCanStopTheRun() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        engine.load(RulesRequest.of(List.of(rules(rule("Any", "test", "test.type in (0, 1, 2)", "x")))));
        live(new EventSource() {
            @Override
            public String sourceName() {
                return "test";
            }

            @Override
            public EventStream open(String params) {
                return new EventStream() {
                    int calls;
                    long delivered;

                    @Override
                    public int nextBatch(EventBatch batch) {
                        // every other read finds nothing, as a quiet live source
                        if (++calls % 2 == 1) {
                            return TIMEOUT;
                        }
                        batch.source("test");
                        for (int i = 0; i < 5; i++) {
                            byte[] r = Fixtures.record(new Ev(1, 1, 1_000_000_000L + delivered, delivered++));
                            batch.add(r, 0, r.length, 0, 0);
                        }
                        return 5;
                    }

                    @Override
                    public SourceStats stats() {
                        return new SourceStats(delivered, 0, 0, 0, 0, 0);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        });
        Heard heard = new Heard("test", "enough");
        RunSummary s = engine.start(RunSpec.of(InputSpec.live("test")).withMonitor((source, input, context) -> heard))
                .await(Duration.ofSeconds(10)).orElseThrow();
        assertThat(s.state()).isEqualTo(RunState.FAILED);
        assertThat(s.failure()).isEqualTo("enough");
        assertThat(heard.calls).containsExactly("start 0", "idle 0", "batch 5/0", "idle 5", "batch 10/0", "idle 10", "batch 15/0",
                "idle 15", "batch 20/0");
    }

    @Test
    void theRunsBufferFormatReachesTheParsersOfItsStreams() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        engine.load(RulesRequest.of(List.of(rules(rule("Any", "test", "test.type in (0, 1, 2)", "x")))));
        List<org.lanner.api.extract.BufferFormat> formats = new java.util.concurrent.CopyOnWriteArrayList<>();
        engine.addParser(new org.lanner.api.parse.EventParser() {
            @Override
            public java.util.Set<String> sources() {
                return java.util.Set.of("test");
            }

            @Override
            public org.lanner.api.parse.ParseSession open(java.util.Optional<org.lanner.api.source.Snapshot> snapshot) {
                throw new AssertionError("the engine opens sessions with the run's buffer format");
            }

            @Override
            public org.lanner.api.parse.ParseSession open(java.util.Optional<org.lanner.api.source.Snapshot> snapshot,
                    org.lanner.api.extract.BufferFormat format) {
                formats.add(format);
                return new org.lanner.api.parse.ParseSession() {
                    @Override
                    public void parse(EventBatch batch) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        }, Fixtures.serviceProps());
        live(new ListSource(Fixtures.events(10, 3, 1), 10));
        engine.start(RunSpec.of(InputSpec.live("test"))).await();
        engine.start(RunSpec.of(InputSpec.live("test")).withBufferFormat(org.lanner.api.extract.BufferFormat.BASE64)).await();
        assertThat(formats).containsExactly(org.lanner.api.extract.BufferFormat.NORMAL, org.lanner.api.extract.BufferFormat.BASE64);
    }

    @Test
    void theHighestServiceRankingDecidesWhichExtractorAFieldComesFrom() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        // a second "test" class whose test.value reads the thread id, registered later but ranked higher
        engine.addExtractor(new TestExtractor() {
            @Override
            public org.lanner.api.extract.FieldAccessor bind(String field, String argument)
                    throws org.lanner.api.extract.FieldBindException {
                return super.bind(field.equals("test.value") ? "test.tid" : field, argument);
            }
        }, Fixtures.ranked(10));
        engine.load(RulesRequest.of(List.of(rules(rule("Value", "test", "test.type = 1 and test.value = 1", "v %test.value")))));
        live(new ListSource(Fixtures.events(6, 3, 1), 10));
        engine.start(RunSpec.of(InputSpec.live("test"))).await();
        // events of thread 100 only: test.value = 1 never holds for the thread id
        assertThat(publisher.alerts).isEmpty();
        assertThat(engine.fieldClasses()).as("--list: the classes of every source first, then in registration order")
                .extracting(c -> c.name()).containsExactly("evt", "test", "test");
    }

    @Test
    void everyAlertOfTheRunIsCountedAtEveryOutput() throws Exception {
        List<String> failing = List.of("broken");
        publisher = new KeepingPublisher() {
            @Override
            public void publish(Alert alert, DeliveryListener listener) {
                alerts.add(alert);
                listener.queued("keep");
                listener.delivered("keep");
                listener.queued("broken");
                listener.failed("broken");
                listener.dropped("full");
                listener.queued("absent");
                listener.skipped("absent");
            }

            @Override
            public List<String> sinks() {
                List<String> all = new ArrayList<>(List.of("keep", "full", "absent"));
                all.addAll(failing);
                return all;
            }
        };
        engine(Map.of("evaluation_lanes", 2));
        engine.load(RulesRequest.of(List.of(rules(rule("Big", "test", "test.type in (1, 2) and test.value > 90", "x")))));
        live(new ListSource(Fixtures.events(100, 3, 4), 7));
        RunSummary s = engine.start(RunSpec.of(InputSpec.live("test"))).await();
        assertThat(s.outputs()).containsExactly(new OutputCounters("absent", 0, 0, 0, 0, 6),
                new OutputCounters("broken", 0, 6, 0, 0), new OutputCounters("full", 0, 0, 6, 0),
                new OutputCounters("keep", 6, 0, 0, 0));
        assertThat(s.alertsLost()).as("skipped at an output whose target is absent is not lost").isEqualTo(12);
        assertThat(s.alertsPending()).isZero();
    }

    @Test
    void anErrorOnTheEventPathFailsTheRunInsteadOfEndingItQuietly() throws Exception {
        engine(Map.of("evaluation_lanes", 1));
        engine.load(RulesRequest.of(List.of(rules(rule("Any", "test", "test.type in (0, 1, 2)", "x")))));
        // a parser that overflows its stack on the second batch, as a deeply nested document could make it
        engine.addParser(new org.lanner.api.parse.EventParser() {
            @Override
            public java.util.Set<String> sources() {
                return java.util.Set.of("test");
            }

            @Override
            public org.lanner.api.parse.ParseSession open(java.util.Optional<org.lanner.api.source.Snapshot> snapshot) {
                return new org.lanner.api.parse.ParseSession() {
                    int batches;

                    @Override
                    public void parse(EventBatch batch) {
                        if (++batches == 2) {
                            throw new StackOverflowError();
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        }, Fixtures.serviceProps());
        live(new ListSource(Fixtures.events(100, 3, 1), 10));
        RunSummary s = engine.start(RunSpec.of(InputSpec.live("test"))).await(Duration.ofSeconds(10)).orElseThrow();
        assertThat(s.state()).isEqualTo(RunState.FAILED);
        // one line that says what was lost: the events before the failing batch were evaluated, the rest not
        assertThat(s.failure()).isEqualTo("internal error reading test/live: java.lang.StackOverflowError (10 event(s) of "
                + "test/live evaluated, the rest not)");
        assertThat(s.events()).as("the first batch went through").isEqualTo(10);
    }

    @Test
    void aStreamThatFailsEndsTheRunAsFailedWithItsMessage() throws Exception {
        engine(Map.of("evaluation_lanes", 2));
        engine.load(RulesRequest.of(List.of(rules(rule("Any", "test", "test.type in (0, 1, 2)", "x")))));
        live(new EventSource() {
            @Override
            public String sourceName() {
                return "test";
            }

            @Override
            public EventStream open(String params) {
                return new EventStream() {
                    int calls;

                    @Override
                    public int nextBatch(EventBatch batch) throws org.lanner.api.source.SourceException {
                        if (++calls > 3) {
                            throw new org.lanner.api.source.SourceException("capture.scap: offset 1234: damaged block");
                        }
                        batch.source("test");
                        byte[] r = Fixtures.record(new Ev(1, 1, 1_000_000_000L + calls, calls));
                        batch.add(r, 0, r.length, 0, 0);
                        return 1;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        });
        RunSummary s = engine.start(RunSpec.of(InputSpec.live("test"))).await(Duration.ofSeconds(10)).orElseThrow();
        assertThat(s.state()).isEqualTo(RunState.FAILED);
        assertThat(s.failure()).isEqualTo("capture.scap: offset 1234: damaged block (3 event(s) of test/live evaluated, the rest not)");
        assertThat(s.events()).as("what came before the damage").isEqualTo(3);
        assertThat(s.detections()).isEqualTo(3);
    }

    /** A live source that delivers one event per call until closed. */
    private static final class EndlessSource implements EventSource {
        final CountDownLatch started = new CountDownLatch(2);

        @Override
        public String sourceName() {
            return "test";
        }

        @Override
        public EventStream open(String params) {
            started.countDown();
            return new EventStream() {
                volatile boolean closed;
                long n;

                @Override
                public int nextBatch(EventBatch batch) {
                    if (closed) {
                        return EOF;
                    }
                    batch.source("test");
                    byte[] r = Fixtures.record(new Ev(1, 1, 1_000_000_000L + n, n++));
                    batch.add(r, 0, r.length, 0, 0);
                    Thread.onSpinWait();
                    return 1;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    @Test
    void aCaptureWaitsForASlowOutputSoThatEveryAlertIsDelivered() throws Exception {
        OutputPublisher real = realOutputs(2);
        AtomicInteger got = new AtomicInteger();
        real.attach("slow", "slow", alert -> {
            LockSupport.parkNanos(100_000); // a slow reader: every alert takes a while
            got.incrementAndGet();
        });
        engineWith(real, Map.of("evaluation_lanes", 2));
        engine.load(RulesRequest.of(List.of(rules(rule("Every", "test", "test.type in (0, 1, 2)", "e %test.value")))));
        Path capture = Files.writeString(dir.resolve("capture.bin"), "TEST-EVENTS");
        engine.addSource(new ListSource(Fixtures.events(3000, 3, 4), 50), Fixtures.sourceProps("test", EventSource.INPUT_FILE));

        RunSummary s = engine.start(RunSpec.of(InputSpec.file("test", capture))).await();

        assertThat(s.detections()).isEqualTo(3000);
        assertThat(s.outputs()).as("a capture has no real time to keep up with: nothing dropped")
                .containsExactly(new OutputCounters("slow", 3000, 0, 0, 0));
        assertThat(got).hasValue(3000);
        assertThat(s.alertsLost()).isZero();
    }

    @Test
    void aLiveRunDropsAtAFullOutputQueueAndCountsEachDrop() throws Exception {
        OutputPublisher real = realOutputs(3);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        real.attach("blocked", "blocked", alert -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        engineWith(real, Map.of("evaluation_lanes", 1));
        engine.load(RulesRequest.of(List.of(rules(rule("Every", "test", "test.type in (0, 1, 2)", "e %test.value")))));
        // one event per batch; the second batch comes once the output holds the first alert, so that the
        // queue's 3 places are all that is left for the 99 alerts that follow
        live(new ListSource(Fixtures.events(100, 3, 1), 1) {
            @Override
            public EventStream open(String params) {
                EventStream inner = super.open(params);
                return new EventStream() {
                    int calls;

                    @Override
                    public int nextBatch(EventBatch batch) throws org.lanner.api.source.SourceException {
                        if (calls++ == 1) {
                            try {
                                entered.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return inner.nextBatch(batch);
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }
        });
        Run run = engine.start(RunSpec.of(InputSpec.live("test")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (accounted(run.summary(), "blocked") < 100) {
            assertThat(System.nanoTime()).as("every alert reached the output's queue or was dropped").isLessThan(deadline);
            Thread.onSpinWait();
        }
        release.countDown();
        RunSummary s = run.await();
        assertThat(s.outputs()).containsExactly(new OutputCounters("blocked", 4, 0, 96, 0));
        assertThat(s.alertsLost()).isEqualTo(96);
    }

    private static long accounted(RunSummary s, String output) {
        return s.outputs().stream().filter(o -> o.output().equals(output))
                .mapToLong(o -> o.delivered() + o.failed() + o.dropped() + o.pending()).sum();
    }
}

package org.lanner.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.parse.EventParser;
import org.lanner.api.parse.ParseSession;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunSummary;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.Snapshot;
import org.lanner.engine.internal.Fixtures.KeepingPublisher;
import org.lanner.engine.internal.Fixtures.ListSource;
import org.lanner.engine.internal.Fixtures.TestExtractor;

/**
 * The engine keeps the {@link ParseSession} contract written in its javadoc: a session whose contexts
 * are poisoned as soon as the contract allows it (released events, reused batches) must never have a
 * poisoned context read by a rule, on several lanes with a slow rule; released numbers grow, cover
 * every event at the end, and a batch comes back only once all its events were released.
 */
class ParseSessionContractTest {

    @TempDir
    Path dir;

    private EngineComponent engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.deactivate();
        }
    }

    /** What one event's fields read. Poisoned when the contract says nobody reads it any more. */
    static final class Context {
        volatile long number;
        volatile boolean poisoned;
    }

    /** A session that poisons what the contract lets it reuse, and records what the engine did. */
    static final class PoisoningSession implements ParseSession {
        final Map<EventBatch, List<Context>> byBatch = new IdentityHashMap<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final AtomicLong released = new AtomicLong();
        final AtomicLong highestParsed = new AtomicLong();
        final Thread owner = Thread.currentThread();
        volatile boolean closed;
        final AtomicLong lastNumber = new AtomicLong();

        @Override
        public void parse(EventBatch batch) {
            check("parse");
            List<Context> previous = byBatch.get(batch);
            if (previous != null) {
                for (Context c : previous) {
                    if (c.number > released.get()) {
                        violations.add("batch handed again while event " + c.number + " was not released (released up to "
                                + released.get() + ")");
                    }
                    c.poisoned = true;
                }
            }
            List<Context> contexts = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                long n = batch.number(i);
                if (n != lastNumber.get() + 1) {
                    violations.add("event " + n + " after " + lastNumber.get());
                }
                lastNumber.set(n);
                Context c = new Context();
                c.number = n;
                batch.context(i, c);
                contexts.add(c);
                highestParsed.set(n);
            }
            byBatch.put(batch, contexts);
        }

        @Override
        public void released(long number) {
            check("released");
            if (number <= released.get()) {
                violations.add("released " + number + " after " + released.get());
            }
            if (number > highestParsed.get()) {
                violations.add("released " + number + " before it was parsed (" + highestParsed.get() + ")");
            }
            released.set(number);
            for (List<Context> list : byBatch.values()) {
                for (Context c : list) {
                    if (c.number <= number) {
                        c.poisoned = true;
                    }
                }
            }
        }

        @Override
        public void close() {
            check("close");
            if (released.get() != highestParsed.get()) {
                violations.add("closed with events up to " + highestParsed.get() + " parsed but only " + released.get() + " released");
            }
            closed = true;
        }

        private void check(String call) {
            if (closed) {
                violations.add(call + " after close");
            }
        }
    }

    /** A field that reads the context, slowly, and notes when it finds it poisoned. */
    static final class ContextFields implements FieldExtractor {
        final Set<String> seenPoisoned = Collections.synchronizedSet(new java.util.TreeSet<>());
        final AtomicLong reads = new AtomicLong();

        @Override
        public String fieldClass() {
            return "ctx";
        }

        @Override
        public Set<String> sources() {
            return Set.of(Fixtures.SOURCE);
        }

        @Override
        public List<FieldInfo> fields() {
            return List.of(FieldInfo.of("ctx.number", FieldType.UINT64, "the context's event number"));
        }

        @Override
        public FieldAccessor bind(String field, String argument) {
            return new FieldAccessor() {
                @Override
                public FieldType type() {
                    return FieldType.UINT64;
                }

                @Override
                public boolean extract(Event event, ValueHolder out) {
                    Context c = (Context) event.context();
                    long spin = System.nanoTime() + 2_000; // a slow rule keeps lanes behind the reader
                    while (System.nanoTime() < spin) {
                        Thread.onSpinWait();
                    }
                    if (c.poisoned || c.number != event.number()) {
                        seenPoisoned.add(event.number() + "");
                    }
                    reads.incrementAndGet();
                    out.setLong(c.number);
                    return true;
                }
            };
        }
    }

    @RepeatedTest(3)
    void theEngineNeverLetsARuleReadAReleasedContext() throws Exception {
        engine = new EngineComponent(new KeepingPublisher(), Fixtures.config(Map.of("evaluation_lanes", 3)));
        engine.addExtractor(new TestExtractor(), Fixtures.serviceProps());
        ContextFields fields = new ContextFields();
        engine.addExtractor(fields, Fixtures.serviceProps());
        List<PoisoningSession> sessions = new CopyOnWriteArrayList<>();
        EventParser parser = new EventParser() {
            @Override
            public Set<String> sources() {
                return Set.of(Fixtures.SOURCE);
            }

            @Override
            public ParseSession open(Optional<Snapshot> snapshot) {
                PoisoningSession s = new PoisoningSession();
                sessions.add(s);
                return s;
            }
        };
        engine.addParser(parser, Fixtures.serviceProps());
        Path rules = Files.writeString(dir.resolve("r.yaml"), """
                - rule: Reads the context
                  desc: every event, through its context
                  condition: test.type in (0, 1, 2) and ctx.number = 0
                  output: never
                  priority: INFO
                  source: test
                """);
        assertThat(engine.load(RulesRequest.of(List.of(rules))).ok()).isTrue();
        int events = 20_000;
        engine.addSource(new ListSource(Fixtures.events(events, 3, 7), 50), Fixtures.sourceProps(Fixtures.SOURCE, EventSource.INPUT_LIVE));

        RunSummary s = engine.start(RunSpec.of(InputSpec.live(Fixtures.SOURCE))).await();

        assertThat(s.events()).isEqualTo(events);
        assertThat(fields.reads.get()).as("every event read through its context").isEqualTo(events);
        assertThat(fields.seenPoisoned).as("contexts read after the contract let the session reuse them").isEmpty();
        assertThat(sessions).hasSize(1);
        PoisoningSession session = sessions.get(0);
        assertThat(session.violations).isEmpty();
        assertThat(session.closed).isTrue();
        assertThat(session.released.get()).as("everything released before close").isEqualTo(events);
    }
}

package org.lanner.engine.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.DeliveryListener;
import org.lanner.api.output.SinkStats;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceStats;
import org.lanner.test.Configs;

/** A tiny "test" source, its fields and a publisher that keeps alerts, for driving the engine in plain Java. */
final class Fixtures {

    static final String SOURCE = "test";
    private static final AtomicLong IDS = new AtomicLong(1000);

    private Fixtures() {
    }

    /** One test event: type, thread, timestamp, and one u64 parameter "value". */
    record Ev(int type, long tid, long ts, long value) {
    }

    static byte[] record(Ev e) {
        ByteBuffer b = ByteBuffer.allocate(Event.HEADER_SIZE + 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(e.ts()).putLong(e.tid()).putInt(b.capacity()).putShort((short) e.type()).putInt(1).putShort((short) 8).putLong(e.value());
        return b.array();
    }

    /** A source delivering the given events, a few per batch, with the given stats. */
    static class ListSource implements EventSource {
        final List<Ev> events;
        final int perBatch;
        final String name;
        /** Drops the stream reports per event delivered (a live source losing events). */
        volatile int dropsPerEvent;
        volatile BitSet interesting;

        ListSource(List<Ev> events, int perBatch) {
            this(Fixtures.SOURCE, events, perBatch);
        }

        ListSource(String name, List<Ev> events, int perBatch) {
            this.name = name;
            this.events = events;
            this.perBatch = perBatch;
        }

        @Override
        public String sourceName() {
            return name;
        }

        @Override
        public EventStream open(String params) {
            return new EventStream() {
                int next;
                volatile boolean closed;

                @Override
                public int nextBatch(EventBatch batch) {
                    if (closed || next >= events.size()) {
                        return EOF;
                    }
                    batch.source(name);
                    int n = 0;
                    while (next < events.size() && n < perBatch) {
                        byte[] r = record(events.get(next++));
                        batch.add(r, 0, r.length, 0, 0);
                        n++;
                    }
                    return n;
                }

                @Override
                public SourceStats stats() {
                    long drops = (long) next * dropsPerEvent;
                    return new SourceStats(next, drops, drops, 0, 0, 0);
                }

                @Override
                public void interestingEventTypes(BitSet types) {
                    interesting = types;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    /**
     * Fields of test events: PREFIX.type (evt.type-like, indexes rules), PREFIX.value, PREFIX.tid,
     * PREFIX.arg.NAME (dotted); the prefix is the class name, "test" by default.
     */
    static class TestExtractor implements FieldExtractor {
        private final String prefix;
        private final Set<String> sources;

        TestExtractor() {
            this("test", SOURCE);
        }

        TestExtractor(String prefix, String... sources) {
            this.prefix = prefix;
            this.sources = Set.of(sources);
        }

        @Override
        public String fieldClass() {
            return prefix;
        }

        @Override
        public Set<String> sources() {
            return sources;
        }

        @Override
        public List<FieldInfo> fields() {
            return List.of(FieldInfo.of(prefix + ".type", FieldType.UINT16, "event type"), FieldInfo.of(prefix + ".value", FieldType.UINT64, "value"),
                    FieldInfo.of(prefix + ".tid", FieldType.INT64, "thread"),
                    new FieldInfo(prefix + ".arg", FieldType.CHARBUF, "the argument, echoed", ArgKind.REQUIRED, Set.of(FieldFlag.DOTTED_ARGUMENT)));
        }

        @Override
        public FieldAccessor bind(String field, String argument) throws FieldBindException {
            String name = field.startsWith(prefix + ".") ? field.substring(prefix.length() + 1) : field;
            return switch (name) {
                case "type" -> new Accessor(FieldType.UINT16, 0) {
                    @Override
                    public BitSet eventTypes(String operator, List<String> values) {
                        if (!operator.equals("=") && !operator.equals("in")) {
                            return null;
                        }
                        BitSet b = new BitSet();
                        values.forEach(v -> b.set(Integer.parseInt(v)));
                        return b;
                    }
                };
                case "value" -> new Accessor(FieldType.UINT64, 1);
                case "tid" -> new Accessor(FieldType.INT64, 2);
                case "arg" -> {
                    if (argument == null) {
                        throw new FieldBindException(field + " needs an argument");
                    }
                    yield new FieldAccessor() {
                        @Override
                        public FieldType type() {
                            return FieldType.CHARBUF;
                        }

                        @Override
                        public boolean extract(Event event, ValueHolder out) {
                            out.setString(argument);
                            return true;
                        }
                    };
                }
                default -> throw new FieldBindException("unknown " + field);
            };
        }
    }

    private static class Accessor implements FieldAccessor {
        private final FieldType type;
        private final int what;

        Accessor(FieldType type, int what) {
            this.type = type;
            this.what = what;
        }

        @Override
        public FieldType type() {
            return type;
        }

        @Override
        public boolean extract(Event event, ValueHolder out) {
            switch (what) {
                case 0 -> out.setLong(event.type());
                case 1 -> out.setLong(event.buffer().getLong(event.paramOffset(0)));
                default -> out.setLong(event.threadId());
            }
            return true;
        }
    }

    /** Keeps every alert, as an output named "keep" that takes them all. */
    static class KeepingPublisher implements AlertPublisher {
        final List<Alert> alerts = new CopyOnWriteArrayList<>();

        @Override
        public void publish(Alert alert) {
            alerts.add(alert);
        }

        @Override
        public void publish(Alert alert, DeliveryListener listener) {
            alerts.add(alert);
            if (listener != null) {
                listener.queued("keep");
                listener.delivered("keep");
            }
        }

        @Override
        public void publishWaiting(Alert alert, DeliveryListener listener, long stallNanos) {
            publish(alert, listener);
        }

        @Override
        public boolean drain(long timeoutMillis) {
            return true;
        }

        @Override
        public void reopen() {
        }

        @Override
        public List<String> sinks() {
            return List.of("keep");
        }

        @Override
        public List<SinkStats> stats() {
            return List.of();
        }

        @Override
        public long rateLimited() {
            return 0;
        }
    }

    static EngineConfig config(Map<String, Object> overrides) {
        Map<String, Object> m = new HashMap<>(overrides);
        return Configs.of(EngineConfig.class, m);
    }

    static Map<String, Object> serviceProps() {
        Map<String, Object> m = new HashMap<>();
        m.put("service.id", IDS.incrementAndGet());
        return m;
    }

    /** The properties of a source service: its name and kind of input. */
    static Map<String, Object> sourceProps(String name, String input) {
        Map<String, Object> m = serviceProps();
        m.put(EventSource.SOURCE, name);
        m.put(EventSource.INPUT, input);
        return m;
    }

    /** Properties with a service.ranking. */
    static Map<String, Object> ranked(int ranking) {
        Map<String, Object> m = serviceProps();
        m.put("service.ranking", ranking);
        return m;
    }

    static List<Ev> events(int n, int types, int threads) {
        List<Ev> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Ev(i % types, 100 + i % threads, 1_000_000_000L * 1_700_000_000L + i * 1_000_000L, i));
        }
        return list;
    }
}

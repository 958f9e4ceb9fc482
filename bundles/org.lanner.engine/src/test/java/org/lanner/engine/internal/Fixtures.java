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
    static final class ListSource implements EventSource {
        final List<Ev> events;
        final int perBatch;
        /** Drops the stream reports per event delivered (a live source losing events). */
        volatile int dropsPerEvent;
        volatile BitSet interesting;

        ListSource(List<Ev> events, int perBatch) {
            this.events = events;
            this.perBatch = perBatch;
        }

        @Override
        public String sourceName() {
            return Fixtures.SOURCE;
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
                    batch.source(Fixtures.SOURCE); // not EventSource.SOURCE, the property name
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

    /** Fields of test events: test.type (evt.type-like, indexes rules), test.value, test.tid, test.arg.NAME (dotted). */
    static final class TestExtractor implements FieldExtractor {
        @Override
        public String fieldClass() {
            return "test";
        }

        @Override
        public Set<String> sources() {
            return Set.of(SOURCE);
        }

        @Override
        public List<FieldInfo> fields() {
            return List.of(FieldInfo.of("test.type", FieldType.UINT16, "event type"), FieldInfo.of("test.value", FieldType.UINT64, "value"),
                    FieldInfo.of("test.tid", FieldType.INT64, "thread"),
                    new FieldInfo("test.arg", FieldType.CHARBUF, "the argument, echoed", ArgKind.REQUIRED, Set.of(FieldFlag.DOTTED_ARGUMENT)));
        }

        @Override
        public FieldAccessor bind(String field, String argument) throws FieldBindException {
            return switch (field) {
                case "test.type" -> new Accessor(FieldType.UINT16, 0) {
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
                case "test.value" -> new Accessor(FieldType.UINT64, 1);
                case "test.tid" -> new Accessor(FieldType.INT64, 2);
                case "test.arg" -> {
                    if (argument == null) {
                        throw new FieldBindException("test.arg needs an argument");
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

    static final class KeepingPublisher implements AlertPublisher {
        final List<Alert> alerts = new CopyOnWriteArrayList<>();

        @Override
        public void publish(Alert alert) {
            alerts.add(alert);
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
            return List.of();
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

    static List<Ev> events(int n, int types, int threads) {
        List<Ev> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Ev(i % types, 100 + i % threads, 1_000_000_000L * 1_700_000_000L + i * 1_000_000L, i));
        }
        return list;
    }
}

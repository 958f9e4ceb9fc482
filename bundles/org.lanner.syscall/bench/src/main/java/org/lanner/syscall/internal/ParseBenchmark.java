package org.lanner.syscall.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.scap.internal.ScapEventStream;
import org.lanner.scap.internal.SyntheticCapture;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The system-call parser and the field accessors on a capture held in memory: {@code parse}
 * updates the state with every event and attaches its context, as the engine's ingest thread does
 * (the same session and batches each time, as the engine reuses its batch pool); {@code extract}
 * reads the fields a typical rule and its output use on every parsed event, as a lane does. The
 * {@code events} counter is events per second. The capture is the synthetic one of the capture
 * bundle's {@code SyntheticCapture} (created once in the temporary directory); {@code -p file=PATH}
 * benchmarks any other.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ParseBenchmark {

    /** Fields of a typical rule condition and output. */
    static final String[] FIELDS = {"evt.type", "evt.dir", "proc.name", "proc.pname", "proc.cmdline", "user.name",
        "container.id", "fd.name", "fd.typechar", "evt.is_open_read", "proc.aname[2]", "evt.res"};

    @Param({"500000"})
    public long events;

    /** A capture to use instead of the synthetic one. */
    @Param({""})
    public String file;

    private final List<EventBatch> batches = new ArrayList<>();
    private Optional<SystemSnapshot> snapshot;
    private SyscallSession session;
    private long number;
    private final FieldAccessor[] accessors = new FieldAccessor[FIELDS.length];
    private final EventCursor cursor = new EventCursor();
    private final ValueHolder holder = new ValueHolder();

    @Setup(Level.Trial)
    public void load() throws IOException, SourceException {
        Path capture;
        if (!file.isEmpty()) {
            capture = Path.of(file);
        } else {
            capture = Path.of(System.getProperty("java.io.tmpdir"), "lanner-synthetic-" + events + ".scap");
            if (!Files.exists(capture)) {
                SyntheticCapture.write(capture, events, 8, false);
            }
        }
        try (ScapEventStream stream = ScapEventStream.open(capture.toString(), id -> null)) {
            snapshot = stream.snapshot();
            while (true) {
                EventBatch b = new EventBatch(8 << 20, 8192);
                int r = stream.nextBatch(b);
                if (r == EventStream.EOF) {
                    break;
                }
                if (b.size() > 0) {
                    batches.add(b);
                }
            }
        }
        session = new SyscallSession(snapshot, SyscallParser.PURGE_INTERVAL_NS);
        List<FieldExtractor> classes = List.of(new EventFields(), new ProcessFields(), new UserFields(), new GroupFields(),
                new ContainerFields(), new FdFields(), new FdListFields());
        for (int i = 0; i < FIELDS.length; i++) {
            accessors[i] = bind(classes, FIELDS[i]);
        }
        parse(new Counters());
    }

    private static FieldAccessor bind(List<FieldExtractor> classes, String ref) {
        int br = ref.indexOf('[');
        String name = br > 0 ? ref.substring(0, br) : ref;
        String arg = br > 0 ? ref.substring(br + 1, ref.length() - 1) : null;
        for (FieldExtractor x : classes) {
            if (x.fields().stream().anyMatch(f -> f.name().equals(name))) {
                try {
                    return x.bind(name, arg);
                } catch (Exception e) {
                    throw new IllegalStateException(ref, e);
                }
            }
        }
        throw new IllegalStateException("unknown field " + ref);
    }

    /** Events handled per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long events;
    }

    @Benchmark
    public long parse(Counters counters) {
        long n = 0;
        for (EventBatch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                b.number(i, ++number);
            }
            session.parse(b);
            n += b.size();
        }
        counters.events += n;
        return n;
    }

    @Benchmark
    public long extract(Counters counters) {
        long n = 0;
        long found = 0;
        for (EventBatch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                cursor.moveTo(b, i);
                for (FieldAccessor a : accessors) {
                    holder.clear();
                    if (a.extract(cursor, holder)) {
                        found++;
                    }
                }
            }
            n += b.size();
        }
        counters.events += n;
        return found;
    }
}

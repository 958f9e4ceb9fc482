package org.lanner.metadata.fields.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.parse.ParseSession;
import org.lanner.api.source.EventStream;
import org.lanner.filter.ConditionParser;
import org.lanner.filter.EvalContext;
import org.lanner.filter.FieldBinding;
import org.lanner.filter.FieldSlots;
import org.lanner.filter.Filter;
import org.lanner.filter.FilterCompiler;
import org.lanner.filter.FilterException;
import org.lanner.rules.OutputTemplate;
import org.lanner.rules.UnknownFieldException;
import org.lanner.scap.internal.ScapEventStream;
import org.lanner.syscall.internal.ContainerFields;
import org.lanner.syscall.internal.EventFields;
import org.lanner.syscall.internal.ProcessFields;
import org.lanner.syscall.internal.SyscallParser;

/**
 * Test helper: real events, and fields bound as the engine binds them. A capture is read by the capture
 * reader and parsed by the syscall state, so every event carries the state view the metadata fields read.
 */
final class Captures {

    private Captures() {
    }

    /** Hands every event of {@code capture}, parsed, to {@code visitor} before the next batch is read. */
    static void replay(Path capture, Consumer<EventCursor> visitor) throws Exception {
        try (EventStream s = ScapEventStream.open(capture.toString(), id -> null);
                ParseSession session = new SyscallParser().open(s.snapshot())) {
            EventBatch b = new EventBatch(1 << 20, 256);
            EventCursor cursor = new EventCursor();
            long number = 0;
            while (true) {
                b.clear();
                int n = s.nextBatch(b);
                if (n == EventStream.EOF) {
                    break;
                }
                if (n == EventStream.NEW_SNAPSHOT) {
                    throw new IllegalStateException(capture + ": a concatenated capture; the tests use single ones");
                }
                for (int i = 0; i < b.size(); i++) {
                    b.number(i, ++number);
                }
                session.parse(b);
                for (int i = 0; i < b.size(); i++) {
                    visitor.accept(cursor.moveTo(b, i));
                }
                if (b.size() > 0) {
                    session.released(b.number(b.size() - 1));
                }
            }
        }
    }

    /** The syscall classes a condition over metadata fields may mix in, and {@code fields}. */
    static List<FieldExtractor> classes(FieldExtractor fields) {
        return List.of(new EventFields(), new ProcessFields(), new ContainerFields(), fields);
    }

    /** How many events of {@code capture} each condition selects. */
    static Map<String, Long> count(Path capture, FieldExtractor fields, String... conditions) throws Exception {
        List<FieldExtractor> classes = classes(fields);
        FieldSlots slots = new FieldSlots();
        Map<String, Filter> filters = new LinkedHashMap<>();
        for (String c : conditions) {
            filters.put(c, FilterCompiler.compile(ConditionParser.parse(c), ref -> {
                try {
                    return new FieldBinding(resolve(classes, ref.name(), ref.argument()), slots.slot(ref.text()));
                } catch (FieldBindException e) {
                    throw new FilterException(ref.position(), e.getMessage());
                }
            }, slots));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        filters.keySet().forEach(c -> counts.put(c, 0L));
        EvalContext ctx = slots.newContext();
        replay(capture, e -> filters.forEach((c, f) -> {
            if (f.matches(e, ctx)) {
                counts.merge(c, 1L, Long::sum);
            }
        }));
        return counts;
    }

    /** An output format compiled over {@code fields} and the syscall classes. */
    static OutputTemplate template(FieldExtractor fields, String format) throws Exception {
        List<FieldExtractor> classes = classes(fields);
        FieldSlots slots = new FieldSlots();
        return OutputTemplate.compile(format, (name, argument) -> new FieldBinding(resolve(classes, name, argument),
                slots.slot(argument == null ? name : name + "[" + argument + "]")));
    }

    /**
     * Resolves a field reference as the engine's field index does: an exact name (with the argument
     * written in brackets, if any), else the longest field taking a dotted argument
     * ({@code k8s.pod.label.app}).
     */
    static FieldAccessor resolve(List<FieldExtractor> classes, String name, String argument) throws FieldBindException {
        for (FieldExtractor x : classes) {
            for (FieldInfo f : x.fields()) {
                if (f.name().equals(name)) {
                    return x.bind(name, argument);
                }
            }
        }
        if (argument == null) {
            List<Object[]> candidates = new ArrayList<>();
            for (FieldExtractor x : classes) {
                for (FieldInfo f : x.fields()) {
                    if (f.has(FieldFlag.DOTTED_ARGUMENT) && name.startsWith(f.name() + ".") && name.length() > f.name().length() + 1) {
                        candidates.add(new Object[] {x, f.name()});
                    }
                }
            }
            candidates.sort((a, b) -> ((String) b[1]).length() - ((String) a[1]).length());
            if (!candidates.isEmpty()) {
                String f = (String) candidates.get(0)[1];
                return ((FieldExtractor) candidates.get(0)[0]).bind(f, name.substring(f.length() + 1));
            }
        }
        throw new UnknownFieldException("unknown field " + name);
    }
}

package org.lanner.syscall.internal;

import java.util.List;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.ValueText;

/** Test helper: every syscall field class and the engine's generic one, and field references resolved as the engine does. */
final class Fields {

    static final List<FieldExtractor> CLASSES = List.of(
            // the engine's fields of every event (evt.num, evt.time…): no syscall class defines one of its names, so
            // the order decides nothing but the order of sysdig's format, whose stale buffers some fields show
            new org.lanner.engine.internal.GenericEventFields(),
            new EventFields(), new ProcessFields(), new UserFields(), new GroupFields(), new ContainerFields(), new FdFields(),
            new FdListFields());

    private Fields() {
    }

    /** Binds {@code proc.name}, {@code proc.aname[2]}, {@code evt.arg.flags}… */
    static FieldAccessor bind(String ref) throws FieldBindException {
        String name = ref;
        String arg = null;
        int br = ref.indexOf('[');
        if (br > 0 && ref.endsWith("]")) {
            name = ref.substring(0, br);
            arg = ref.substring(br + 1, ref.length() - 1);
        }
        for (FieldExtractor x : CLASSES) {
            for (FieldInfo f : x.fields()) {
                if (f.name().equals(name)) {
                    return x.bind(name, arg);
                }
            }
        }
        FieldInfo best = null;
        FieldExtractor owner = null;
        for (FieldExtractor x : CLASSES) {
            for (FieldInfo f : x.fields()) {
                if (f.has(FieldFlag.DOTTED_ARGUMENT) && name.startsWith(f.name() + ".")
                        && (best == null || f.name().length() > best.name().length())) {
                    best = f;
                    owner = x;
                }
            }
        }
        if (best == null || arg != null) {
            throw new FieldBindException("unknown field " + ref);
        }
        return owner.bind(best.name(), name.substring(best.name().length() + 1));
    }

    /** The value as outputs print it, {@code <NA>} when there is none. */
    static String text(FieldAccessor a, Event e, ValueHolder h) {
        h.clear();
        if (!a.extractForOutput(e, h)) {
            return "<NA>";
        }
        String s = ValueText.text(a.type(), h);
        return s == null ? "<NA>" : s;
    }
}

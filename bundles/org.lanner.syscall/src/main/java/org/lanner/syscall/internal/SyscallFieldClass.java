package org.lanner.syscall.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lanner.api.event.Event;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.common.EventTime;

/**
 * A class of system-call fields: the schema, and the binding of a field reference to an accessor
 * that reads the event's {@link EventContext}. Accessors keep no state of their own: lanes share
 * them.
 */
abstract class SyscallFieldClass implements FieldExtractor {

    /** Computes one value; false when the event has none. */
    @FunctionalInterface
    interface Getter {
        boolean get(EventContext c, Event e, ValueHolder out);
    }

    /** Binds a field that takes an argument. */
    @FunctionalInterface
    interface Binder {
        FieldAccessor bind(String argument) throws FieldBindException;
    }

    private record Def(FieldInfo info, Binder binder) {
    }

    private final String name;
    private final String description;
    private final List<FieldInfo> fields = new ArrayList<>();
    private final Map<String, Def> defs = new HashMap<>();

    SyscallFieldClass(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public String fieldClass() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<String> sources() {
        return Set.of("syscall");
    }

    @Override
    public List<FieldInfo> fields() {
        return List.copyOf(fields);
    }

    @Override
    public FieldAccessor bind(String field, String argument) throws FieldBindException {
        Def d = defs.get(field);
        if (d == null) {
            throw new FieldBindException("unknown field " + field);
        }
        if (d.info.argument() == ArgKind.NONE && argument != null) {
            throw new FieldBindException("field " + field + " takes no argument");
        }
        if (d.info.argument() == ArgKind.REQUIRED && (argument == null || argument.isEmpty())) {
            throw new FieldBindException("field " + field + " requires an argument");
        }
        return d.binder.bind(argument);
    }

    /** Declares a field without argument. */
    void field(String field, FieldType type, String desc, Getter getter, FieldFlag... flags) {
        Accessor acc = new Accessor(type, getter);
        declare(new FieldInfo(field, type, desc, ArgKind.NONE, flags(flags)), arg -> acc);
    }

    /** Declares a field with its own binder (arguments, JSON forms, multiplicity). */
    void declare(FieldInfo info, Binder binder) {
        fields.add(info);
        defs.put(info.name(), new Def(info, binder));
    }

    static Set<FieldFlag> flags(FieldFlag... flags) {
        return flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags);
    }

    /** An accessor reading the event's context. */
    static class Accessor implements FieldAccessor {
        private final FieldType type;
        private final Getter getter;

        Accessor(FieldType type, Getter getter) {
            this.type = type;
            this.getter = getter;
        }

        @Override
        public FieldType type() {
            return type;
        }

        @Override
        public boolean extract(Event event, ValueHolder out) {
            return event.context() instanceof EventContext c && getter.get(c, event, out);
        }
    }

    /** An accessor whose JSON form differs from its text (times: nanoseconds). */
    static final class JsonAccessor extends Accessor {
        private final Getter json;

        JsonAccessor(FieldType type, Getter getter, Getter json) {
            super(type, getter);
            this.json = json;
        }

        @Override
        public boolean extractForJson(Event event, ValueHolder out) {
            return event.context() instanceof EventContext c && json.get(c, event, out);
        }
    }

    /** An accessor whose printed form differs from the compared value (cleaned names). */
    static class OutputAccessor extends Accessor {
        private final Getter output;

        OutputAccessor(FieldType type, Getter getter, Getter output) {
            super(type, getter);
            this.output = output;
        }

        @Override
        public boolean extractForOutput(Event event, ValueHolder out) {
            return event.context() instanceof EventContext c && output.get(c, event, out);
        }
    }

    /** A number printed with at least nine digits, zero-padded (libsinsp's PF_10_PADDED_DEC); JSON keeps the number. */
    static final class PaddedAccessor extends Accessor {
        PaddedAccessor(FieldType type, Getter getter) {
            super(type, getter);
        }

        @Override
        public boolean extractForOutput(Event event, ValueHolder out) {
            if (!extract(event, out)) {
                return false;
            }
            if (out.kind() == ValueHolder.LONG) {
                out.setString(EventTime.padded(out.longValue()));
            }
            return true;
        }

        @Override
        public boolean extractForJson(Event event, ValueHolder out) {
            return extract(event, out);
        }
    }

    /** Declares a number field printed zero-padded to nine digits. */
    void padded(String field, FieldType type, String desc, Getter getter) {
        Accessor acc = new PaddedAccessor(type, getter);
        declare(new FieldInfo(field, type, desc, ArgKind.NONE, flags()), arg -> acc);
    }

    /** An accessor whose value is a set compared through its members. */
    static final class SetAccessor extends Accessor {
        private final Multiplicity multiplicity;

        SetAccessor(FieldType type, Getter getter, Multiplicity multiplicity) {
            super(type, getter);
            this.multiplicity = multiplicity;
        }

        @Override
        public Multiplicity multiplicity() {
            return multiplicity;
        }
    }

    /** An accessor that also names the event types a comparison can match. */
    abstract static class TypedAccessor extends Accessor {
        TypedAccessor(FieldType type, Getter getter) {
            super(type, getter);
        }

        @Override
        public abstract BitSet eventTypes(String operator, List<String> values);
    }

    static int parseIndex(String field, String arg) throws FieldBindException {
        try {
            return Integer.parseInt(arg.trim());
        } catch (NumberFormatException e) {
            throw new FieldBindException(field + " needs a number as argument, not '" + arg + "'");
        }
    }
}

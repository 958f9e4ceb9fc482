package org.lanner.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.common.EventTime;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code evt} fields every event has, whatever its source: its number, its time in Falco's forms,
 * its source (libsinsp's {@code sinsp_filter_check_gen_event}, "All event types"). They read only the
 * event itself, so they work for plugin and audit events as for system calls ({@code evt.reltime}
 * counts from the stream's start, which a source's parser may move: the syscall state moves it to the
 * first event that is not a container event, as libsinsp does). Registered with a low
 * {@code service.ranking}: a source's own class may define a field of the same name with its own
 * meaning, and then wins.
 */
@Component(service = FieldExtractor.class, property = "service.ranking:Integer=" + GenericEventFields.RANKING)
@FieldClass(fields_class = "evt")
public final class GenericEventFields implements FieldExtractor {

    /** Below the default ranking (0) of every other extractor. */
    static final int RANKING = -100;

    private static final long NS = 1_000_000_000L;

    private final Map<String, Def> defs = new LinkedHashMap<>();

    private record Def(FieldInfo info, FieldAccessor accessor) {
    }

    public GenericEventFields() {
        number("evt.num", FieldType.UINT64, "the number of the event in its stream, from 1.", Event::number, false);
        time("evt.time", "the event time (local), with nanoseconds: HH:MM:SS.nnnnnnnnn.",
                (e, o) -> EventTime.LOCAL.appendClock(e.timestamp(), true, o));
        time("evt.time.s", "the event time (local), to the second: HH:MM:SS.",
                (e, o) -> EventTime.LOCAL.appendClock(e.timestamp(), false, o));
        time("evt.time.iso8601", "the event time in ISO 8601, UTC, with nanoseconds.",
                (e, o) -> o.append(EventTime.iso8601(e.timestamp())));
        time("evt.datetime", "the event date and time (local), with nanoseconds.",
                (e, o) -> EventTime.LOCAL.appendDateTime(e.timestamp(), true, o));
        time("evt.datetime.s", "the event date and time (local), to the second.",
                (e, o) -> EventTime.LOCAL.appendDateTime(e.timestamp(), false, o));
        number("evt.rawtime", FieldType.ABSTIME, "the event time in nanoseconds since the epoch.", Event::timestamp, false);
        number("evt.rawtime.s", FieldType.ABSTIME, "the seconds part of evt.rawtime.",
                e -> Long.divideUnsigned(e.timestamp(), NS), false);
        number("evt.rawtime.ns", FieldType.ABSTIME, "the nanoseconds part of evt.rawtime.",
                e -> Long.remainderUnsigned(e.timestamp(), NS), true);
        number("evt.reltime", FieldType.RELTIME, "nanoseconds since the first event of the stream.",
                e -> e.timestamp() - e.streamStart(), true);
        number("evt.reltime.s", FieldType.RELTIME, "the seconds part of evt.reltime.",
                e -> Long.divideUnsigned(e.timestamp() - e.streamStart(), NS), false);
        number("evt.reltime.ns", FieldType.RELTIME, "the nanoseconds part of evt.reltime.",
                e -> Long.remainderUnsigned(e.timestamp() - e.streamStart(), NS), true);
        declare(FieldInfo.of("evt.source", FieldType.CHARBUF, "the name of the source of the event (syscall, k8s_audit, a plugin's source…)."),
                new FieldAccessor() {
                    @Override
                    public FieldType type() {
                        return FieldType.CHARBUF;
                    }

                    @Override
                    public boolean extract(Event event, ValueHolder out) {
                        out.setString(event.source());
                        return true;
                    }
                });
    }

    @Override
    public String fieldClass() {
        return "evt";
    }

    @Override
    public String description() {
        return "All event types: the event's number, time and source, for the events of every source.";
    }

    @Override
    public Set<String> sources() {
        return Set.of();
    }

    @Override
    public List<FieldInfo> fields() {
        List<FieldInfo> list = new ArrayList<>();
        defs.values().forEach(d -> list.add(d.info()));
        return list;
    }

    @Override
    public FieldAccessor bind(String field, String argument) throws FieldBindException {
        Def d = defs.get(field);
        if (d == null) {
            throw new FieldBindException("unknown field " + field);
        }
        if (argument != null) {
            throw new FieldBindException("field " + field + " takes no argument");
        }
        return d.accessor();
    }

    private void declare(FieldInfo info, FieldAccessor accessor) {
        defs.put(info.name(), new Def(info, accessor));
    }

    /**
     * A number; {@code padded} numbers print with at least nine digits (libsinsp's
     * {@code PF_10_PADDED_DEC}) and stay numbers in JSON.
     */
    private void number(String name, FieldType type, String desc, ToLongFunction<Event> value, boolean padded) {
        declare(FieldInfo.of(name, type, desc), new FieldAccessor() {
            @Override
            public FieldType type() {
                return type;
            }

            @Override
            public boolean extract(Event event, ValueHolder out) {
                out.setLong(value.applyAsLong(event));
                return true;
            }

            @Override
            public boolean extractForOutput(Event event, ValueHolder out) {
                extract(event, out);
                if (padded) {
                    out.setString(EventTime.padded(out.longValue()));
                }
                return true;
            }

            @Override
            public boolean extractForJson(Event event, ValueHolder out) {
                return extract(event, out);
            }
        });
    }

    /** Formats a time into a builder. */
    @FunctionalInterface
    private interface TimeText {
        void append(Event event, StringBuilder out);
    }

    /** A time printed as text; in JSON, the nanoseconds since the epoch (as Falco's outputs do). */
    private void time(String name, String desc, TimeText text) {
        declare(FieldInfo.of(name, FieldType.CHARBUF, desc), new FieldAccessor() {
            @Override
            public FieldType type() {
                return FieldType.CHARBUF;
            }

            @Override
            public boolean extract(Event event, ValueHolder out) {
                StringBuilder sb = new StringBuilder(32);
                text.append(event, sb);
                out.setString(sb.toString());
                return true;
            }

            @Override
            public boolean extractForJson(Event event, ValueHolder out) {
                out.setLong(event.timestamp());
                return true;
            }
        });
    }
}

package org.lanner.api.extract;

import java.util.BitSet;
import java.util.List;

import org.lanner.api.event.Event;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One field reference ({@code proc.aname[2]}) bound to the extractor that computes it. Created when
 * rules compile, then called for every event a rule needs it on, possibly from several lanes at
 * once: implementations keep no per-event state of their own.
 */
@ConsumerType
public interface FieldAccessor {

    /** The type of the values {@link #extract} produces. */
    FieldType type();

    /**
     * Computes the value for {@code event} into {@code out} (which the caller has cleared).
     *
     * @return false when the event has no value for this field (then {@code out} stays empty)
     */
    boolean extract(Event event, ValueHolder out);

    /**
     * Computes the value as text outputs print it. Most fields print the value filters compare
     * ({@link #extract}) and need not override this; a few print a cleaned value: libsinsp drops the
     * unprintable characters of file and socket names ({@code fd.name}, {@code fd.directory},
     * {@code fd.filename}) in outputs but compares them as they are, so a name holding a newline
     * cannot split an alert line.
     */
    default boolean extractForOutput(Event event, ValueHolder out) {
        return extract(event, out);
    }

    /**
     * Computes the value as JSON outputs show it (Falco's {@code tojson}). Most fields show the
     * same value as {@link #extractForOutput} (numbers as numbers, text as text) and need not
     * override this; fields whose JSON form differs from their text form (a time printed as text
     * but serialised as nanoseconds) do.
     */
    default boolean extractForJson(Event event, ValueHolder out) {
        return extractForOutput(event, out);
    }

    /**
     * The event types a comparison on this field can match, so rules can be indexed by event type.
     * {@code evt.type} answers for {@code =}, {@code in} and friends; fields that exist only on some
     * events (plugin fields: plugin events) answer whatever the comparison. Null means any type.
     *
     * @param operator the comparison operator as written ({@code =}, {@code in}, {@code exists}…)
     * @param values the right-hand values as written (after list expansion)
     */
    default BitSet eventTypes(String operator, List<String> values) {
        return null;
    }

    /**
     * How a comparison treats the values of this field when {@link #extract} gives several of them
     * ({@link ValueHolder#LIST}). Most fields give one value ({@link Multiplicity#SINGLE}); a few
     * Falco fields stand for a set that a comparison matches through any member: the endpoints of a
     * connection ({@code fd.ip}, {@code fd.port}, {@code fd.net}, {@code fd.proto}) and the ancestors
     * of a process ({@code proc.aname}, {@code proc.apid} without an index).
     */
    default Multiplicity multiplicity() {
        return Multiplicity.SINGLE;
    }

    /** See {@link #multiplicity()}. */
    enum Multiplicity {
        /** One value, or a list compared as a whole (as the list fields of Kubernetes audit events). */
        SINGLE,
        /**
         * The comparison holds when it holds for at least one of the listed values, whatever the
         * operator ({@code proc.aname != bash}: some ancestor is not bash). No value: false.
         */
        ANY,
        /**
         * As {@link #ANY}, except that {@code !=} holds only when no listed value is equal (Falco's
         * {@code fd.ip != 1.2.3.4}: neither endpoint is that address).
         */
        ANY_NOT_EQUAL_NONE
    }
}

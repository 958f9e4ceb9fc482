package org.lanner.api.syscall.table;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import org.lanner.api.event.Event;

/**
 * The keys by which rules are indexed for system-call events. A key is the event type, except for
 * generic events (type {@code syscall}, ids 0 and 1): they carry the system call in their first
 * parameter, and a rule asking for {@code evt.type = mount} only needs the generic events of
 * {@code mount}. Those get a key of their own per system-call code and direction, above every event
 * type, so the index hands a generic event only to the rules that can match its system call. Keys
 * keep the direction in their parity, as event types do (even: enter, odd: exit).
 */
public final class IndexKeys {

    /** The first key of generic events: {@code GENERIC_BASE + 2 * code + (exit ? 1 : 0)}. */
    public static final int GENERIC_BASE = 1024;

    /** One past the highest key. */
    public static final int MAX = GENERIC_BASE + 2 * EventTable.syscallCount();

    private static final int GENERIC_E = 0;
    private static final int GENERIC_X = 1;

    private IndexKeys() {
    }

    /** The key of a generic event of system-call {@code code} (a {@code PPM_SC_*} code). */
    public static int generic(int code, boolean exit) {
        return GENERIC_BASE + 2 * code + (exit ? 1 : 0);
    }

    /** The key of a system-call event: its type, or for a generic event its {@link #generic} key. */
    public static int of(Event e) {
        int type = e.type();
        if (!isGeneric(type) || e.paramCount() < 1 || e.paramLength(0) < 2) {
            return type;
        }
        int code = Short.toUnsignedInt(e.buffer().getShort(e.paramOffset(0)));
        return generic(code, type == GENERIC_X);
    }

    /** Whether events of {@code type} are keyed by their system call ({@link #generic}). */
    public static boolean isGeneric(int type) {
        return type == GENERIC_E || type == GENERIC_X;
    }

    /**
     * The event types behind a set of keys: the types below {@link #GENERIC_BASE}, and the generic
     * types when a generic key is set (what a driver must capture to deliver those keys).
     */
    public static BitSet eventTypes(BitSet keys) {
        return eventTypes(keys, false);
    }

    /**
     * What a live driver must capture to deliver a set of keys: as {@link #eventTypes(BitSet)}, except
     * that the generic key of a system call with an event type of its own ({@code open}, {@code mount}
     * …) does not ask for generic events, since a driver of this event table reports that call with
     * its own events (only captures from older drivers carry it as a generic event).
     */
    public static BitSet liveEventTypes(BitSet keys) {
        return eventTypes(keys, true);
    }

    private static BitSet eventTypes(BitSet keys, boolean live) {
        BitSet types = keys.get(0, Math.min(GENERIC_BASE, EventTable.EVENT_MAX));
        for (int k = keys.nextSetBit(GENERIC_BASE); k >= 0; k = keys.nextSetBit(k + 1)) {
            if (!live || !DEDICATED.contains(EventTable.syscallName((k - GENERIC_BASE) / 2))) {
                types.set((k & 1) == 0 ? GENERIC_E : GENERIC_X);
            }
        }
        return types;
    }

    /** Names of the event types other than the generic one. */
    private static final Set<String> DEDICATED = dedicated();

    private static Set<String> dedicated() {
        Set<String> names = new HashSet<>();
        for (EventInfo e : EventTable.all()) {
            if (!isGeneric(e.id()) && !e.has(EventFlags.UNUSED)) {
                names.add(e.name());
            }
        }
        return Set.copyOf(names);
    }
}

package org.lanner.syscall.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Thread slots by thread id: an open-addressing hash table with one writer (the parser) and any
 * number of lock-free readers (the lanes). Readers see either the old or the new state of a cell;
 * a resize publishes a new array, so a reader in the middle of a probe keeps a consistent one.
 * Keys are primitive longs: a lookup allocates nothing.
 */
final class TidMap {

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(TidSlot[].class);
    private static final TidSlot DELETED = new TidSlot(Long.MIN_VALUE);

    private volatile TidSlot[] table = new TidSlot[1024];
    private int size;
    private int used;

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Lock-free lookup; safe from any thread. */
    TidSlot get(long tid) {
        TidSlot[] t = table;
        int mask = t.length - 1;
        int i = hash(tid) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            TidSlot s = (TidSlot) CELLS.getAcquire(t, i);
            if (s == null) {
                return null;
            }
            if (s != DELETED && s.tid == tid) {
                return s;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Number of slots. */
    int size() {
        return size;
    }

    /** Adds a slot (writer only); the id must not be present. */
    void put(TidSlot slot) {
        if ((used + 1) * 4 >= table.length * 3) {
            rehash(size * 4 >= table.length ? table.length * 2 : table.length);
        }
        TidSlot[] t = table;
        int mask = t.length - 1;
        int i = hash(slot.tid) & mask;
        while (true) {
            TidSlot s = t[i];
            if (s == null) {
                used++;
                break;
            }
            if (s == DELETED) {
                break;
            }
            i = (i + 1) & mask;
        }
        size++;
        CELLS.setRelease(t, i, slot);
    }

    /** Removes a slot (writer only). */
    void remove(TidSlot slot) {
        TidSlot[] t = table;
        int mask = t.length - 1;
        int i = hash(slot.tid) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            TidSlot s = t[i];
            if (s == null) {
                return;
            }
            if (s == slot) {
                CELLS.setRelease(t, i, DELETED);
                size--;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Visits every slot (writer only). */
    void forEach(Consumer<TidSlot> visitor) {
        for (TidSlot s : table) {
            if (s != null && s != DELETED) {
                visitor.accept(s);
            }
        }
    }

    private void rehash(int capacity) {
        TidSlot[] old = table;
        TidSlot[] t = new TidSlot[capacity];
        int mask = capacity - 1;
        for (TidSlot s : old) {
            if (s != null && s != DELETED) {
                int i = hash(s.tid) & mask;
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = s;
            }
        }
        used = size;
        table = t;
    }
}

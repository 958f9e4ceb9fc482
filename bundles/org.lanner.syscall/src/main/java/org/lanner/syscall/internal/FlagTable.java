package org.lanner.syscall.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A named value table (flag bits or enumeration values) and how libsinsp names a value with it:
 * entries are tried in table order; an entry whose value is fully contained in what is left of
 * the value is named and removed from it; an entry equal to the whole original value ends the
 * scan and is named last. A zero-valued entry names the value 0 only.
 */
final class FlagTable {

    private static final int CACHE = 256;

    private final String[] names;
    private final long[] values;
    /** Rendered names of recently seen values; a miss renders and stores (no lock, last write wins). */
    private final AtomicReferenceArray<Entry> cache = new AtomicReferenceArray<>(CACHE);

    private record Entry(long value, String text) {
    }

    FlagTable(String[] names, long[] values) {
        this.names = names;
        this.values = values;
    }

    /** The names of {@code value} joined with {@code |}; empty when nothing matches. */
    String names(long value) {
        int slot = (int) ((value ^ (value >>> 17)) & (CACHE - 1));
        Entry e = cache.get(slot);
        if (e != null && e.value == value) {
            return e.text;
        }
        StringBuilder sb = new StringBuilder();
        render(value, sb);
        String s = sb.toString();
        cache.set(slot, new Entry(value, s));
        return s;
    }

    void render(long initial, StringBuilder sb) {
        long val = initial;
        String sep = "";
        int j = 0;
        for (; j < names.length && values[j] != initial; j++) {
            long v = values[j];
            if ((v == 0 && initial == 0) || (v != 0 && (val & v) == v && val != 0)) {
                sb.append(sep).append(names[j]);
                sep = "|";
                val &= ~v;
            }
        }
        if (j < names.length) {
            sb.append(sep).append(names[j]);
        }
    }

    /** The value of an entry name, or -1. */
    long valueOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return -1;
    }
}

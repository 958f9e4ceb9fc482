package org.lanner.filter.internal;

import java.util.Arrays;

/** An open-addressing table of byte-string keys, looked up by byte range without allocating. */
public final class BytesTable {

    private byte[][] keys;
    private int[] values;
    private int size;

    public BytesTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new byte[cap][];
        values = new int[cap];
    }

    public int size() {
        return size;
    }

    /** Adds a key with a value; an existing key keeps its first value. */
    public void put(byte[] key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = Bytes.hash(key, 0, key.length) & mask;
        while (keys[i] != null) {
            if (Arrays.equals(keys[i], key)) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** The value of the key equal to the range, or -1. */
    public int get(byte[] a, int off, int len) {
        int mask = keys.length - 1;
        int i = Bytes.hash(a, off, len) & mask;
        byte[] k;
        while ((k = keys[i]) != null) {
            if (Bytes.equals(a, off, len, k)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}

package org.lanner.filter.internal;

import java.util.Arrays;

/** Operations on byte ranges, the way libsinsp compares C strings and buffers. */
public final class Bytes {

    private Bytes() {
    }

    public static boolean equals(byte[] a, int off, int len, byte[] k) {
        return len == k.length && Arrays.equals(a, off, off + len, k, 0, len);
    }

    public static boolean startsWith(byte[] a, int off, int len, byte[] k) {
        return len >= k.length && Arrays.equals(a, off, off + k.length, k, 0, k.length);
    }

    public static boolean endsWith(byte[] a, int off, int len, byte[] k) {
        int base = off + len - k.length;
        return len >= k.length && Arrays.equals(a, base, base + k.length, k, 0, k.length);
    }

    /** Index of {@code k} in the range, -1 when absent. */
    public static int indexOf(byte[] a, int off, int len, byte[] k) {
        int kl = k.length;
        if (kl == 0) {
            return 0;
        }
        byte first = k[0];
        int last = off + len - kl;
        outer:
        for (int i = off; i <= last; i++) {
            if (a[i] != first) {
                continue;
            }
            for (int j = 1; j < kl; j++) {
                if (a[i + j] != k[j]) {
                    continue outer;
                }
            }
            return i - off;
        }
        return -1;
    }

    /** Like {@link #indexOf} ignoring ASCII case; {@code lowerK} must be lower-cased already. */
    public static boolean containsIgnoreCase(byte[] a, int off, int len, byte[] lowerK) {
        int kl = lowerK.length;
        if (kl == 0) {
            return true;
        }
        int last = off + len - kl;
        outer:
        for (int i = off; i <= last; i++) {
            for (int j = 0; j < kl; j++) {
                if (lower(a[i + j]) != lowerK[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    public static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    /** strcmp: unsigned bytes, shorter prefix first. */
    public static int compare(byte[] a, int off, int len, byte[] k) {
        int n = Math.min(len, k.length);
        for (int i = 0; i < n; i++) {
            int x = a[off + i] & 0xFF;
            int y = k[i] & 0xFF;
            if (x != y) {
                return x - y;
            }
        }
        return len - k.length;
    }

    public static int hash(byte[] a, int off, int len) {
        int h = 0x811C9DC5;
        for (int i = off; i < off + len; i++) {
            h ^= a[i] & 0xFF;
            h *= 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}

package org.lanner.syscall.internal;

import java.nio.charset.StandardCharsets;

/** Text of socket address parameters as libsinsp prints them (its "simple" format, no name lookups). */
final class Render {

    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private Render() {
    }

    /** libsinsp's sanitize_string: drops every byte that is not printable ASCII. */
    static String sanitized(byte[] a, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            byte b = a[off + i];
            if (b == 0) {
                break;
            }
            if (Paths.printable(b)) {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    /**
     * libsinsp's sanitize_string on a decoded string: every character outside printable ASCII is
     * dropped (multi-byte UTF-8 characters too: libsinsp drops each of their bytes). The same
     * instance when nothing is dropped.
     */
    static String sanitized(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) >= 0x20 && s.charAt(i) < 0x7f) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch < 0x7f) {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** libsinsp's strcpy_sanitized of a text parameter: up to the NUL, unprintable bytes dropped. */
    static String sanitizedText(byte[] a, int off, int len) {
        boolean clean = true;
        int end = len;
        for (int i = 0; i < len; i++) {
            byte b = a[off + i];
            if (b == 0) {
                end = i;
                break;
            }
            if (!Paths.printable(b)) {
                clean = false;
            }
        }
        return clean ? new String(a, off, end, StandardCharsets.US_ASCII) : sanitized(a, off, end);
    }

    /** A PT_SOCKADDR value. */
    static String sockaddr(byte[] a, int off, int len) {
        if (len == 0) {
            return "NULL";
        }
        int family = a[off];
        if (family == AF_UNIX) {
            return sanitized(a, off + 1, len - 1);
        }
        if (family == AF_INET) {
            if (len != 7) {
                return "INVALID IPv4";
            }
            StringBuilder sb = new StringBuilder(21);
            NetFormat.ipv4Endpoint(NetFormat.ipv4Raw(a, off + 1), u16(a, off + 5), sb);
            return sb.toString();
        }
        if (family == AF_INET6) {
            if (len != 19) {
                return "INVALID IPv6";
            }
            return NetFormat.ipv6(a, off + 1) + ":" + u16(a, off + 17);
        }
        return "family " + family;
    }

    /** A PT_SOCKTUPLE value. */
    static String socktuple(byte[] a, int off, int len) {
        if (len == 0) {
            return "NULL";
        }
        int family = a[off];
        if (family == AF_INET) {
            if (len != 13) {
                return "INVALID IPv4";
            }
            return NetFormat.ipv4Tuple(NetFormat.ipv4Raw(a, off + 1), u16(a, off + 5), NetFormat.ipv4Raw(a, off + 7),
                    u16(a, off + 11));
        }
        if (family == AF_INET6) {
            if (len != 37) {
                return "INVALID IPv6";
            }
            if (NetFormat.isV4Mapped(a, off + 1) && NetFormat.isV4Mapped(a, off + 19)) {
                return NetFormat.ipv4Tuple(NetFormat.ipv4Raw(a, off + 13), u16(a, off + 17), NetFormat.ipv4Raw(a, off + 31),
                        u16(a, off + 35));
            }
            return NetFormat.ipv6(a, off + 1) + ":" + u16(a, off + 17) + "->" + NetFormat.ipv6(a, off + 19) + ":"
                    + u16(a, off + 35);
        }
        if (family == AF_UNIX) {
            long src = u64(a, off + 1, off + len);
            long dst = u64(a, off + 9, off + len);
            String path = len > 17 ? sanitized(a, off + 17, len - 17) : "";
            return Long.toHexString(src) + "->" + Long.toHexString(dst) + " " + path;
        }
        return "family " + family;
    }

    static int u16(byte[] a, int off) {
        return (a[off] & 0xff) | (a[off + 1] & 0xff) << 8;
    }

    /** A little-endian u64 read that treats bytes at or past {@code end} as zero. */
    static long u64(byte[] a, int off, int end) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            int k = off + i;
            v = (v << 8) | (k < end && k < a.length ? a[k] & 0xff : 0);
        }
        return v;
    }
}

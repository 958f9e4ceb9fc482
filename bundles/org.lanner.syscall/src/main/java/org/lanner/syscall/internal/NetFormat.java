package org.lanner.syscall.internal;

/**
 * Text forms of addresses as libsinsp prints them. IPv4 addresses are held as the little-endian
 * reading of their four network-order bytes (the first octet is the low byte), like libsinsp's
 * {@code uint32_t} on x86; ports are plain numbers.
 */
final class NetFormat {

    private NetFormat() {
    }

    static void ipv4(int raw, StringBuilder sb) {
        sb.append(raw & 0xff).append('.').append((raw >>> 8) & 0xff).append('.')
                .append((raw >>> 16) & 0xff).append('.').append((raw >>> 24) & 0xff);
    }

    static String ipv4(int raw) {
        StringBuilder sb = new StringBuilder(15);
        ipv4(raw, sb);
        return sb.toString();
    }

    /** {@code a.b.c.d:port}. */
    static void ipv4Endpoint(int raw, int port, StringBuilder sb) {
        ipv4(raw, sb);
        sb.append(':').append(port);
    }

    /** {@code sip:sport->dip:dport}. */
    static String ipv4Tuple(int sip, int sport, int dip, int dport) {
        StringBuilder sb = new StringBuilder(45);
        ipv4Endpoint(sip, sport, sb);
        sb.append("->");
        ipv4Endpoint(dip, dport, sb);
        return sb.toString();
    }

    /** The four address bytes of a raw IPv4 value, in network order. */
    static byte[] ipv4Bytes(int raw) {
        return new byte[] {(byte) raw, (byte) (raw >>> 8), (byte) (raw >>> 16), (byte) (raw >>> 24)};
    }

    /** Reads 4 network-order bytes as a raw IPv4 value. */
    static int ipv4Raw(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    /** True for {@code ::ffff:a.b.c.d}. */
    static boolean isV4Mapped(byte[] a, int off) {
        for (int i = 0; i < 10; i++) {
            if (a[off + i] != 0) {
                return false;
            }
        }
        return a[off + 10] == (byte) 0xff && a[off + 11] == (byte) 0xff;
    }

    /** An IPv6 address as glibc's {@code inet_ntop} writes it. */
    static void ipv6(byte[] a, int off, StringBuilder sb) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (a[off + 2 * i] & 0xff) << 8 | (a[off + 2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(a[off + 12] & 0xff).append('.').append(a[off + 13] & 0xff).append('.')
                        .append(a[off + 14] & 0xff).append('.').append(a[off + 15] & 0xff);
                return;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
    }

    static String ipv6(byte[] a, int off) {
        StringBuilder sb = new StringBuilder(39);
        ipv6(a, off, sb);
        return sb.toString();
    }
}

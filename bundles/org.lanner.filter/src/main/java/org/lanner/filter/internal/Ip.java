package org.lanner.filter.internal;

/** IPv4 and IPv6 addresses and networks: parsing as inet_pton does and printing as inet_ntop does. */
public final class Ip {

    private Ip() {
    }

    /** An address or network: 4 or 16 bytes plus a prefix length in bits. */
    public record Net(byte[] address, int prefix) {

        /** Whether the address in the range lies in this network (same family only). */
        public boolean contains(byte[] a, int off, int len) {
            if (len != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[off + i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest != 0) {
                int mask = (0xFF << (8 - rest)) & 0xFF;
                return (a[off + full] & mask) == (address[full] & mask);
            }
            return true;
        }
    }

    /** Parses a dotted IPv4 address; null when invalid. */
    public static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (char c : p.toCharArray()) {
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Parses an IPv6 address (with {@code ::} and a trailing dotted IPv4 part); null when invalid. */
    public static byte[] parseV6(String s) {
        if (s.isEmpty()) {
            return null;
        }
        byte[] out = new byte[16];
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head, dbl < 0);
        int[] t = groups(tail, true);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if (dbl < 0 ? total != 16 : total > 14) {
            return null;
        }
        System.arraycopy(toBytes(h), 0, out, 0, h.length);
        System.arraycopy(toBytes(t), 0, out, 16 - t.length, t.length);
        return out;
    }

    /** Hex groups (and a final IPv4 part when allowed) as bytes in an int array; null when invalid. */
    private static int[] groups(String s, boolean allowV4) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length * 2 + 2];
        int k = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && allowV4 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                if (v4 == null) {
                    return null;
                }
                for (byte b : v4) {
                    out[k++] = b & 0xFF;
                }
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v;
            try {
                v = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            out[k++] = v >> 8;
            out[k++] = v & 0xFF;
        }
        return java.util.Arrays.copyOf(out, k);
    }

    private static byte[] toBytes(int[] v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** An address, IPv4 when it contains no colon. */
    public static byte[] parseAddress(String s) {
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    /** A network {@code addr/prefix}; an address alone is a network of one address. */
    public static Net parseNet(String s) {
        int slash = s.indexOf('/');
        byte[] addr = parseAddress(slash < 0 ? s : s.substring(0, slash));
        if (addr == null) {
            return null;
        }
        int prefix = addr.length * 8;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > addr.length * 8) {
                return null;
            }
        }
        return new Net(addr, prefix);
    }

    /** Prints 4 or 16 bytes as libsinsp does (dotted quad, or inet_ntop's IPv6 form). */
    public static String format(byte[] a, int off, int len) {
        if (len == 4) {
            return (a[off] & 0xFF) + "." + (a[off + 1] & 0xFF) + "." + (a[off + 2] & 0xFF) + "." + (a[off + 3] & 0xFF);
        }
        if (len != 16) {
            return null;
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[off + 2 * i] & 0xFF) << 8) | (a[off + 2 * i + 1] & 0xFF);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i > 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xFFFF))) {
                sb.append(format(a, off + 12, 4));
                break;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}

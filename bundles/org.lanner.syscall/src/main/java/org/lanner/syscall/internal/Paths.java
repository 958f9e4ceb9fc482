package org.lanner.syscall.internal;

import java.nio.charset.StandardCharsets;

/**
 * Path resolution as libsinsp does it: a relative path is appended to a base directory (the cwd or
 * a directory fd's name) and normalised on the fly ({@code ./} dropped, {@code ../} climbs one
 * level, doubled slashes collapsed, a trailing slash removed); bytes that are not printable ASCII
 * become {@code .}. An absolute path is only normalised. The quirks of libsinsp's algorithm are
 * kept on purpose (e.g. a lone {@code ...} at the end becomes {@code ..}), so paths compare equal to
 * Falco's.
 */
final class Paths {

    /** libsinsp's path buffer size for paths it stores in the state (fd names, exe paths). */
    static final int MAX_PATH = 1024;

    static final String TOO_LONG = "/PATH_TOO_LONG";

    private Paths() {
    }

    /** True for the bytes libsinsp keeps in names: printable ASCII. */
    static boolean printable(byte b) {
        return b >= 0x20 && b < 0x7f;
    }

    /**
     * Resolves {@code path} (the bytes from {@code off}, up to {@code len} or the first NUL) against
     * {@code base}.
     *
     * @param declaredLength the length libsinsp believes the path has (a parameter's length,
     *     terminating NUL included), used only for the size limit
     * @param limit the size of libsinsp's target buffer, or 0 for no limit
     * @return the resolved path; {@link #TOO_LONG} when it would not fit the limit
     */
    static String resolve(String base, byte[] path, int off, int len, int declaredLength, int limit) {
        byte[] b = base.getBytes(StandardCharsets.UTF_8);
        if (limit > 0 && limit < b.length + declaredLength + 1) {
            return TOO_LONG;
        }
        byte[] out = new byte[b.length + len + 1];
        int n;
        if (len != 0 && path[off] != '/') {
            System.arraycopy(b, 0, out, 0, b.length);
            n = copy(out, b.length, path, off, off + len);
        } else {
            n = copy(out, 0, path, off, off + len);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** {@link #resolve(String, byte[], int, int, int, int)} for a path given as text. */
    static String resolve(String base, String path, int limit) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        return resolve(base, p, 0, p.length, p.length + 1, limit);
    }

    /** True when resolving {@code path} against any base gives the path itself (a clean absolute path). */
    static boolean isCanonicalAbsolute(byte[] path, int off, int len) {
        if (len == 0 || path[off] != '/') {
            return false;
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = path[i];
            if (c == 0) {
                end = i;
                break;
            }
            if (!printable(c)) {
                return false;
            }
            if (c == '/' && i > off && path[i - 1] == '/') {
                return false;
            }
            if (c == '.' && path[i - 1] == '/') {
                return false;
            }
        }
        return end - off == 1 || path[end - 1] != '/';
    }

    /**
     * Copies and normalises {@code src[from..to)} (stopping at a NUL) into {@code out} at
     * {@code start}; the whole of {@code out} before {@code start} is the base a {@code ../} may
     * climb into.
     *
     * @return the length of the result in {@code out}
     */
    private static int copy(byte[] out, int start, byte[] src, int from, int to) {
        int tc = start;
        int pc = from;
        while (true) {
            byte c = at(src, pc, to);
            if (c == 0) {
                if (tc > 1 && out[tc - 1] == '/') {
                    tc--;
                }
                return tc;
            }
            if (!printable(c)) {
                out[tc++] = '.';
                pc++;
            } else if (c == '.' && at(src, pc + 1, to) == '.' && at(src, pc + 2, to) == '/') {
                tc = rewind(out, tc);
                pc += 3;
            } else if (c == '.' && at(src, pc + 1, to) == '.') {
                if (at(src, pc + 2, to) == 0) {
                    tc = rewind(out, tc);
                    pc += 2;
                } else {
                    out[tc++] = '.';
                    out[tc++] = '.';
                    pc += 2;
                }
            } else if (c == '.' && at(src, pc + 1, to) == '/') {
                pc += 2;
            } else if (c == '.') {
                if (at(src, pc + 1, to) != 0) {
                    out[tc++] = '.';
                }
                pc++;
            } else if (c == '/') {
                if (!(tc > 0 && out[tc - 1] == '/')) {
                    out[tc++] = '/';
                }
                pc++;
            } else {
                out[tc++] = c;
                pc++;
            }
        }
    }

    /** Moves back to just after the previous separator (libsinsp's "parent directory" step). */
    private static int rewind(byte[] out, int tc) {
        if (tc <= 1) {
            return tc;
        }
        tc--;
        while (tc >= 1 && out[tc - 1] != '/') {
            tc--;
        }
        return tc;
    }

    private static byte at(byte[] src, int i, int to) {
        return i < to ? src[i] : 0;
    }
}

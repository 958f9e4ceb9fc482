package org.lanner.syscall.internal;

import java.util.function.BiConsumer;

/**
 * An immutable table of file descriptors by number: a sparse radix trie of 32-way nodes, so a
 * change copies one path (a few small arrays) and every earlier version stays valid for the events
 * that refer to it. Descriptor numbers from 0 to 2^30 are stored; libsinsp's placeholder for a
 * cancelled close ({@link #CANCELED}) is kept beside the trie.
 */
final class FdTable {

    /** libsinsp's CANCELED_FD_NUMBER (INT64_MAX). */
    static final long CANCELED = Long.MAX_VALUE;

    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final long MAX_FD = 1L << 30;

    static final FdTable EMPTY = new FdTable(null, 0, 0, null);

    private final Object[] root;
    private final int levels;
    private final int size;
    private final FdInfo canceled;

    private FdTable(Object[] root, int levels, int size, FdInfo canceled) {
        this.root = root;
        this.levels = levels;
        this.size = size;
        this.canceled = canceled;
    }

    /** Number of descriptors (libsinsp counts the cancelled-close placeholder too). */
    int size() {
        return size;
    }

    FdInfo get(long fd) {
        if (fd == CANCELED) {
            return canceled;
        }
        if (fd < 0 || root == null || fd >= capacity(levels)) {
            return null;
        }
        Object[] node = root;
        for (int level = levels - 1; level > 0; level--) {
            node = (Object[]) node[(int) (fd >>> (BITS * level)) & MASK];
            if (node == null) {
                return null;
            }
        }
        return (FdInfo) node[(int) fd & MASK];
    }

    /** A table with {@code fd} set to {@code info} (numbers outside the stored range are ignored). */
    FdTable put(long fd, FdInfo info) {
        if (fd == CANCELED) {
            return new FdTable(root, levels, canceled == null ? size + 1 : size, info);
        }
        if (fd < 0 || fd >= MAX_FD) {
            return this;
        }
        int lv = Math.max(levels, 1);
        Object[] r = root == null ? new Object[WIDTH] : root;
        while (fd >= capacity(lv)) {
            Object[] up = new Object[WIDTH];
            up[0] = r;
            r = up;
            lv++;
        }
        boolean added = info != null && get(fd) == null;
        Object[] nr = set(r, lv - 1, fd, info);
        return new FdTable(nr, lv, added ? size + 1 : size, canceled);
    }

    /** A table without {@code fd}. */
    FdTable remove(long fd) {
        if (fd == CANCELED) {
            return canceled == null ? this : new FdTable(root, levels, size - 1, null);
        }
        if (get(fd) == null) {
            return this;
        }
        Object[] nr = set(root, levels - 1, fd, null);
        return new FdTable(nr, levels, size - 1, canceled);
    }

    /** Visits every descriptor in increasing order (the cancelled placeholder last). */
    void forEach(BiConsumer<Long, FdInfo> visitor) {
        if (root != null) {
            visit(root, levels - 1, 0, visitor);
        }
        if (canceled != null) {
            visitor.accept(CANCELED, canceled);
        }
    }

    private static void visit(Object[] node, int level, long prefix, BiConsumer<Long, FdInfo> visitor) {
        for (int i = 0; i < WIDTH; i++) {
            Object o = node[i];
            if (o == null) {
                continue;
            }
            long key = (prefix << BITS) | i;
            if (level == 0) {
                visitor.accept(key, (FdInfo) o);
            } else {
                visit((Object[]) o, level - 1, key, visitor);
            }
        }
    }

    private static Object[] set(Object[] node, int level, long fd, FdInfo info) {
        Object[] copy = node == null ? new Object[WIDTH] : node.clone();
        int idx = (int) (fd >>> (BITS * level)) & MASK;
        if (level == 0) {
            copy[idx] = info;
        } else {
            copy[idx] = set((Object[]) copy[idx], level - 1, fd, info);
        }
        return copy;
    }

    private static long capacity(int levels) {
        return 1L << (BITS * levels);
    }
}

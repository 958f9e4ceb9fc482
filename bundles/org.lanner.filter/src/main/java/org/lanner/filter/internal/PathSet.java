package org.lanner.filter.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The search paths of {@code pmatch}: a path matches when one of the search paths is a prefix of it
 * component by component ({@code /var/run} matches {@code /var/run} and {@code /var/run/docker},
 * not {@code /var/running} nor {@code /var}). Empty components are ignored, so {@code //a/} is
 * {@code /a}; {@code /} matches every path.
 */
public final class PathSet {

    private static final class Node {
        boolean terminal;
        BytesTable index;
        final List<Node> children = new ArrayList<>();

        Node child(byte[] a, int off, int len) {
            if (index == null) {
                return null;
            }
            int k = index.get(a, off, len);
            return k < 0 ? null : children.get(k);
        }

        Node addChild(byte[] name) {
            if (index == null) {
                index = new BytesTable(4);
            }
            int k = index.get(name, 0, name.length);
            if (k >= 0) {
                return children.get(k);
            }
            Node n = new Node();
            index.put(name, children.size());
            children.add(n);
            return n;
        }
    }

    private final Node root = new Node();

    public void add(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        Node node = root;
        if (node.terminal) {
            return;
        }
        int i = 0;
        while (i < p.length) {
            if (p[i] == '/') {
                i++;
                continue;
            }
            int start = i;
            while (i < p.length && p[i] != '/') {
                i++;
            }
            byte[] comp = java.util.Arrays.copyOfRange(p, start, i);
            node = node.addChild(comp);
            if (node.terminal) {
                return; // a shorter search path already covers this one
            }
        }
        node.terminal = true;
        node.index = null; // longer search paths below are covered now
        node.children.clear();
    }

    public boolean matches(byte[] a, int off, int len) {
        Node node = root;
        if (node.terminal) {
            return true;
        }
        int end = off + len;
        int i = off;
        while (i < end) {
            if (a[i] == '/') {
                i++;
                continue;
            }
            int start = i;
            while (i < end && a[i] != '/') {
                i++;
            }
            node = node.child(a, start, i - start);
            if (node == null) {
                return false;
            }
            if (node.terminal) {
                return true;
            }
        }
        return false;
    }
}

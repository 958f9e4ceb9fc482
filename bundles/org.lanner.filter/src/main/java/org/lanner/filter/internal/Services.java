package org.lanner.filter.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Service names for port values ({@code fd.sport = http}), read once from {@code /etc/services}. */
public final class Services {

    private static volatile Map<String, Integer> byName;

    private Services() {
    }

    /** The port of a service name, or -1. */
    public static int port(String name) {
        Map<String, Integer> m = byName;
        if (m == null) {
            m = load(Path.of("/etc/services"));
            byName = m;
        }
        return m.getOrDefault(name, -1);
    }

    static Map<String, Integer> load(Path file) {
        Map<String, Integer> m = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return m;
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            int slash = parts[1].indexOf('/');
            try {
                int port = Integer.parseInt(slash < 0 ? parts[1] : parts[1].substring(0, slash));
                for (int i = 0; i < parts.length; i++) {
                    if (i != 1) {
                        m.putIfAbsent(parts[i], port);
                    }
                }
            } catch (NumberFormatException e) {
                // not a service line
            }
        }
        return m;
    }
}

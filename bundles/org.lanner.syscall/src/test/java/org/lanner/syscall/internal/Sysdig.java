package org.lanner.syscall.internal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Test helper: runs Debian's sysdig (the oracle) on a capture and reads its values per event number. */
final class Sysdig {

    private Sysdig() {
    }

    /** Skips the calling test when sysdig is not installed. */
    static String require() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(dir, "sysdig");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        Assumptions.assumeTrue(false, "SKIPPED: sysdig is not installed (apt-get install -y --no-install-recommends sysdig)");
        return null;
    }

    /**
     * The values of {@code fields} for every event sysdig prints, by event number: every event,
     * internal ones included, without a filter; the system-call events that satisfy it with one.
     *
     * @param filter a sysdig filter, or null for every event
     */
    static Map<Long, String[]> values(Path capture, List<String> fields, String filter) throws Exception {
        return run(capture, fields, filter).values;
    }

    /** What sysdig printed: the values by event number, and whether it stopped with an error. */
    record Output(Map<Long, String[]> values, boolean failed) {
    }

    /** Like {@link #values} but also says whether sysdig exited with an error (a damaged capture). */
    static Output run(Path capture, List<String> fields, String filter) throws Exception {
        return run(capture, fields, filter, List.of());
    }

    /** As {@link #run(Path, List, String)} with more options for sysdig ({@code -b}: buffers in base64). */
    static Output run(Path capture, List<String> fields, String filter, List<String> options) throws Exception {
        String sysdig = require();
        // values may hold tabs and newlines (buffers): records start with \u0002, fields end with \u0001
        StringBuilder fmt = new StringBuilder("*\u0002%evt.num");
        for (String f : fields) {
            fmt.append('\u0001').append('%').append(f);
        }
        fmt.append('\u0001');
        // -D shows internal events; sysdig then shows them whatever the filter, so a filter runs without it
        List<String> cmd = new ArrayList<>(List.of(sysdig, "-v", "-r", capture.toString(), "-p", fmt.toString()));
        cmd.addAll(1, options);
        if (filter != null) {
            cmd.add(filter);
        } else {
            cmd.add(1, "-D");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        Map<Long, String[]> out = new LinkedHashMap<>();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (String record : all.split("\u0002", -1)) {
            String[] parts = record.split("\u0001", -1);
            if (parts.length != fields.size() + 2 || parts[0].isEmpty() || !Character.isDigit(parts[0].charAt(0))) {
                continue;
            }
            String[] vals = new String[fields.size()];
            System.arraycopy(parts, 1, vals, 0, vals.length);
            out.put(Long.parseLong(parts[0]), vals);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sysdig did not finish on " + capture);
        }
        return new Output(out, p.exitValue() != 0);
    }
}

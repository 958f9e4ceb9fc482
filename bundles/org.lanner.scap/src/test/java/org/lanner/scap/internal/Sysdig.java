package org.lanner.scap.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs Debian's sysdig, the oracle for what a capture holds; tests skip when it is not installed. */
final class Sysdig {

    private static final String[] DIRS = {"/usr/bin", "/usr/local/bin", "/bin"};

    private Sysdig() {
    }

    static Path executable() {
        for (String dir : DIRS) {
            Path p = Path.of(dir, "sysdig");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Skips the calling test when sysdig is not installed. */
    static void require() {
        Assumptions.assumeTrue(executable() != null,
                "SKIPPED: Debian's sysdig is not installed (apt-get install -y --no-install-recommends sysdig)");
    }

    /** What {@code sysdig -D -r FILE -p '*FORMAT'} prints, one element per event line. */
    static Result run(Path capture, String format) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sysdig", ".txt");
        try {
            Process p = new ProcessBuilder(executable().toString(), "-D", "-r", capture.toString(), "-p", "*" + format)
                    .redirectOutput(out.toFile()).redirectErrorStream(true).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("sysdig did not finish within 120 s on " + capture);
            }
            List<String> events = new ArrayList<>();
            List<String> other = new ArrayList<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (!line.isEmpty() && Character.isDigit(line.charAt(0)) && !line.matches("^\\d\\d-\\d\\d \\d\\d:.*")) {
                    events.add(line);
                } else {
                    other.add(line);
                }
            }
            return new Result(events, other);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * @param events the event lines
     * @param other sysdig's own messages (log lines, errors)
     */
    record Result(List<String> events, List<String> other) {
    }
}

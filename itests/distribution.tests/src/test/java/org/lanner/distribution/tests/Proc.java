package org.lanner.distribution.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a user would, with a deadline, and keeps what it printed. */
final class Proc {

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Proc() {
    }

    static Result run(Path dir, Duration timeout, Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("proc", ".out");
        Path err = Files.createTempFile("proc", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command) + "\nstdout:\n"
                        + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        return run(dir, timeout, Map.of(), command);
    }

    /** Starts a command in the background, its output going to files in {@code logDir}. */
    static Process start(Path dir, Path logDir, String name, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectOutput(logDir.resolve(name + ".out").toFile()).redirectError(logDir.resolve(name + ".err").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }
}

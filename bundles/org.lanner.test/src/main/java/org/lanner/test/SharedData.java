package org.lanner.test;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The shared test data that lives beside the repository ({@code ../shared}: Falco's traces, the
 * format specifications). It exists for developers and CI, not in a user's clone: tests that need
 * it call {@link #require(String)}, which skips the test with a clear message when it is absent.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared folder, or null when it is not there. */
    public static Path root() {
        String configured = System.getProperty("lanner.shared");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "shared");
        return Files.isDirectory(dir) ? dir.toAbsolutePath().normalize() : null;
    }

    /**
     * A file or folder of the shared data; skips the calling test when it is missing.
     *
     * @param relative path inside the shared folder, e.g. {@code traces/falco-0.30.0/cat_write.scap}
     */
    public static Path require(String relative) {
        Path root = root();
        Assumptions.assumeTrue(root != null,
                "SKIPPED: shared test data not found (set -Dlanner.shared or place it at ../shared beside the repository)");
        Path p = root.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "SKIPPED: shared test data " + p + " is missing");
        return p;
    }

    /** The repository root (for tests reading the project's own data, e.g. {@code rules/}). */
    public static Path repositoryRoot() {
        String configured = System.getProperty("lanner.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (no .mvn folder above " + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }
}

package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where the built distributions are. */
final class Dist {

    private Dist() {
    }

    static String version() {
        return System.getProperty("lanner.version", "0.1.0-SNAPSHOT");
    }

    static Path root() {
        return Path.of(System.getProperty("lanner.root", "../..")).toAbsolutePath().normalize();
    }

    /** The unpacked standalone distribution (the assembly's dir format). */
    static Path standalone() {
        String v = version();
        Path dir = root().resolve("distribution/standalone/target/lanner-" + v + "/lanner-" + v);
        if (!Files.isExecutable(dir.resolve("bin/lanner"))) {
            throw new IllegalStateException("the standalone distribution is not built: " + dir);
        }
        return dir;
    }

    static Path karafArchive() {
        Path tar = root().resolve("distribution/karaf/target/lanner-karaf-" + version() + ".tar.gz");
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException("the Karaf distribution is not built: " + tar);
        }
        return tar;
    }

    static Path deployableSink() {
        return testBundle("org.lanner.itest.sink");
    }

    /** The bundle of lineage.* fields over the syscall state view. */
    static Path lineageFields() {
        return testBundle("org.lanner.itest.fields");
    }

    private static Path testBundle(String bsn) {
        Path jar = root().resolve("itests/" + bsn + "/target/" + bsn + "-" + version() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the test bundle is not built: " + jar);
        }
        return jar;
    }

    /** The shared test data, or null. */
    static Path shared(String relative) {
        Path p = Path.of(System.getProperty("lanner.shared", "../../../shared")).resolve(relative);
        return Files.exists(p) ? p : null;
    }

    /** Copies a directory tree (keeping executable bits). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The line a live run ends with when the driver lost events (exit status 1). */
    static final Pattern LIVE_DROPS = Pattern.compile(
            "Live capture lost (\\d+) of (\\d+) events in the driver \\(ring buffer full: (\\d+), page faults: (\\d+), "
                    + "probe errors: (\\d+), preemptions: (\\d+)\\)\\.");

    /**
     * The exit status of a live run that was to succeed: 0, or 1 when the driver lost events on a
     * loaded host and said so, with nothing else failing. Tests of other things accept it rather
     * than fail on a busy machine.
     */
    static void assertLiveSuccess(int exitCode, String stderr) {
        if (exitCode == 0) {
            assertThat(stderr).doesNotContain("Live capture lost");
            return;
        }
        assertThat(exitCode).as(stderr).isEqualTo(1);
        assertThat(LIVE_DROPS.matcher(stderr).find()).as("exit 1 without a drop line: " + stderr).isTrue();
        assertThat(stderr).as("nothing else failed").doesNotContain("Runtime error")
                .doesNotContain("Not every alert was delivered");
    }
}

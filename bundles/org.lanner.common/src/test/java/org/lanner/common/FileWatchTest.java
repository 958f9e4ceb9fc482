package org.lanner.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchTest {

    @TempDir
    Path dir;

    private FileWatch watch;

    @AfterEach
    void close() throws Exception {
        if (watch != null) {
            watch.close();
            assertThat(watch.stopped()).isTrue();
        }
    }

    /** A watch whose thread never checks on its own within a test: the test calls check(). */
    private FileWatch manual(List<Path> files, List<String> seen) {
        return new FileWatch("test-watch", 3_600_000, () -> files, list -> seen.add(read(list)));
    }

    private static String read(List<Path> list) {
        try {
            StringBuilder sb = new StringBuilder();
            for (Path p : list) {
                sb.append(Files.isRegularFile(p) ? Files.readString(p) : Files.isDirectory(p) ? "<dir>" : "<missing>");
            }
            return sb.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void firstCheckHandsOverEvenAMissingFileThenOnlyChanges() throws Exception {
        Path f = dir.resolve("lanner.yaml");
        List<String> seen = new CopyOnWriteArrayList<>();
        watch = manual(List.of(f), seen);
        awaitSize(seen, 1); // the thread's own first check
        assertThat(seen).containsExactly("<missing>");
        watch.check();
        assertThat(seen).as("nothing changed").hasSize(1);
        Files.writeString(f, "a: 1\n");
        watch.check();
        assertThat(seen).containsExactly("<missing>", "a: 1\n");
        watch.check();
        assertThat(seen).hasSize(2);
    }

    @Test
    void aFolderStandsForItsYamlFiles() throws Exception {
        Path d = Files.createDirectories(dir.resolve("rules.d"));
        List<String> seen = new CopyOnWriteArrayList<>();
        watch = manual(List.of(d), seen);
        awaitSize(seen, 1);
        Files.writeString(d.resolve("notes.txt"), "ignored");
        watch.check();
        assertThat(seen).hasSize(1);
        Files.writeString(d.resolve("extra.yml"), "- list: x\n");
        watch.check();
        assertThat(seen).hasSize(2);
    }

    @Test
    void aFileStillBeingWrittenIsNotHandedOver() throws Exception {
        Path f = Files.writeString(dir.resolve("rules.yaml"), "old");
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicReference<String> writtenWhileSettling = new AtomicReference<>();
        // a writer still at work: the file changes between the two reads of one check
        watch = new FileWatch("test-watch", 3_600_000, () -> List.of(f), list -> seen.add(read(list)), () -> {
            String next = writtenWhileSettling.getAndSet(null);
            if (next != null) {
                write(f, next);
            }
        });
        awaitSize(seen, 1);
        Files.writeString(f, "");
        writtenWhileSettling.set("new, whole");
        watch.check();
        assertThat(seen).as("the empty, truncated state is never handed over").containsExactly("old");
        watch.check();
        assertThat(seen).containsExactly("old", "new, whole");
    }

    @Test
    void nullFromTheSupplierSkipsTheCheck() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicReference<List<Path>> files = new AtomicReference<>();
        watch = new FileWatch("test-watch", 3_600_000, files::get, list -> seen.add(read(list)));
        watch.check();
        assertThat(seen).isEmpty();
        files.set(List.of(Files.writeString(dir.resolve("r.yaml"), "x")));
        watch.check();
        assertThat(seen).containsExactly("x");
    }

    private static void write(Path f, String text) {
        try {
            Files.writeString(f, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitSize(List<String> seen, int n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (seen.size() < n) {
            assertThat(System.nanoTime()).as("first check within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aLoadThatDiesOfAnErrorDoesNotStopTheWatch() throws Exception {
        // issue 12: a StackOverflowError in a reload cancelled the periodic check, silently and for good
        Path f = Files.writeString(dir.resolve("rules.yaml"), "bad");
        List<String> seen = new CopyOnWriteArrayList<>();
        watch = new FileWatch("test-watch", 50, () -> List.of(f), list -> {
            String text = read(list);
            seen.add(text);
            if (text.equals("bad")) {
                throw new StackOverflowError("hostile rules");
            }
        });
        awaitSize(seen, 1);
        Files.writeString(f, "good");
        awaitSize(seen, 2); // the watch's own thread, still checking
        assertThat(seen).containsExactly("bad", "good");
    }

    @Test
    void anEndlessFileIsDigestedWithinABound() throws Exception {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        // read whole, this would fill any heap; streamed without a bound, it would never end
        assertThat(FileWatch.digest(List.of(zero))).isEqualTo(FileWatch.digest(List.of(zero)));
    }
}

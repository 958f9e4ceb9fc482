package org.lanner.common;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches some files by content and hands them over when they changed, once the change has settled:
 * a file being rewritten (a shell's {@code >}, an editor that truncates first) is handed over only
 * when two reads {@value #SETTLE_MILLIS} ms apart agree, so nobody loads it empty or half written.
 *
 * <p>It polls rather than following file-system events: reading a few small files costs nothing and
 * sees every way a file can change (editors that rename, Kubernetes config maps that swap symbolic
 * links, network file systems). A folder stands for its {@code .yaml}/{@code .yml} files. The first
 * check always hands the files over (also when they are missing, so the caller can say so).
 */
public final class FileWatch implements AutoCloseable {

    /** A change is handed over when two reads this far apart agree. */
    public static final long SETTLE_MILLIS = 30;

    private static final Logger LOG = System.getLogger(FileWatch.class.getName());
    private static final long STOP_WAIT_SECONDS = 5;

    /** Most bytes of one file read into its digest: more than any loader accepts (16 MiB of rules). */
    static final long MAX_DIGEST_BYTES = 17L * 1024 * 1024;

    private final String name;
    private final Supplier<List<Path>> files;
    private final Consumer<List<Path>> onChange;
    private final ScheduledExecutorService executor;
    private final Settle settle;
    private byte[] last;

    /** The pause between the two reads of a changed file. */
    interface Settle {
        void pause() throws InterruptedException;
    }

    /**
     * Starts watching on a thread of its own, first check at once.
     *
     * @param name the thread's name, and what log lines call the watch
     * @param intervalMillis time between two checks (at least 50 ms)
     * @param files the files to watch, asked at every check; null skips the check (nothing to watch yet)
     * @param onChange called on the watch's thread with the files, at the first check and whenever they changed
     */
    public FileWatch(String name, long intervalMillis, Supplier<List<Path>> files, Consumer<List<Path>> onChange) {
        this(name, intervalMillis, files, onChange, () -> Thread.sleep(SETTLE_MILLIS));
    }

    FileWatch(String name, long intervalMillis, Supplier<List<Path>> files, Consumer<List<Path>> onChange, Settle settle) {
        this.name = name;
        this.settle = settle;
        this.files = files;
        this.onChange = onChange;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::check, 0, Math.max(50, intervalMillis), TimeUnit.MILLISECONDS);
    }

    /** One check; runs on the watch's thread (tests may call it directly). */
    public synchronized void check() {
        List<Path> list = null;
        try {
            list = files.get();
            if (list == null) {
                return;
            }
            byte[] digest = digest(list);
            if (last != null) {
                if (Arrays.equals(digest, last)) {
                    return;
                }
                settle.pause();
                if (!Arrays.equals(digest, digest(list))) {
                    return; // still being written: the next check sees it whole
                }
            }
            last = digest;
            onChange.accept(list);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // an Error escaping here would cancel the periodic check for good, silently: say it, keep watching
            LOG.log(Level.ERROR, name + ": loading " + (list == null ? "the watched files" : list) + " failed: " + e
                    + " (a bug: please report it); what runs stays, and the next change is loaded again", e);
        }
    }

    /** Stops watching and waits (a bounded time) for a check in progress to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, name + " did not stop within " + STOP_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once closed and the thread has ended. */
    public boolean stopped() {
        return executor.isTerminated();
    }

    /**
     * A digest of the files' names and contents (a folder contributes its {@code .yaml}/{@code .yml}
     * files in name order; a missing or unreadable file contributes a marker), changing with any of them.
     */
    public static byte[] digest(List<Path> files) {
        MessageDigest md = sha256();
        for (Path f : files) {
            for (Path p : expand(f)) {
                md.update(p.toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(contentDigest(p));
            }
        }
        return md.digest();
    }

    /**
     * A digest of one file's content, read as a stream and at most {@value #MAX_DIGEST_BYTES} bytes
     * (so {@code /dev/zero} neither fills the heap nor holds the watch): what lies beyond stands as a
     * marker, and the loader refuses such a file with its own, smaller, limit.
     */
    private static byte[] contentDigest(Path p) {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total <= MAX_DIGEST_BYTES && (n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
                total += n;
            }
            md.update((byte) (total > MAX_DIGEST_BYTES ? 3 : 1));
        } catch (IOException e) {
            md.update((byte) 2);
        }
        return md.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> expand(Path f) {
        List<Path> list = new ArrayList<>();
        if (Files.isDirectory(f)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(f, "*.{yaml,yml}")) {
                s.forEach(list::add);
            } catch (IOException e) {
                list.add(f);
            }
            list.sort(null);
        } else {
            list.add(f);
        }
        return list;
    }
}

package org.lanner.scap.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.IntFunction;

import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.Snapshot;
import org.lanner.api.source.SourceException;
import org.lanner.api.source.SourceStats;
import org.lanner.api.syscall.SystemSnapshot;

/**
 * The {@link EventStream} of a capture file. Opening reads the first section's header blocks (the
 * {@link #snapshot()}); each {@link #nextBatch} delivers the next events, {@link #NEW_SNAPSHOT}
 * when a concatenated capture starts a new section, and, when the file turns out corrupt or
 * truncated, first the events before the damage and then a {@link SourceException} naming the
 * file, the offset and the block.
 */
public final class ScapEventStream implements EventStream {

    private static final System.Logger LOG = System.getLogger(ScapEventStream.class.getName());

    private final ScapReader reader;
    private final String name;
    private volatile boolean closed;
    private volatile SystemSnapshot snapshot;
    private SourceException pending;
    private boolean ended;
    private long reportedPluginSkips;

    private ScapEventStream(ScapReader reader) {
        this.reader = reader;
        this.name = reader.name();
    }

    /**
     * Opens a capture file ({@code -} for standard input) and reads its header blocks.
     *
     * @param pluginSources source name of each plugin id whose events the capture may hold (null
     *     result: unknown, those events are skipped and counted)
     */
    public static ScapEventStream open(String path, IntFunction<String> pluginSources) throws SourceException {
        CaptureInput input;
        try {
            input = CaptureInput.open(path);
        } catch (IOException e) {
            throw new SourceException("cannot open capture " + e.getMessage());
        }
        return open(new ScapReader(input, pluginSources));
    }

    static ScapEventStream open(ScapReader reader) throws SourceException {
        ScapEventStream stream = new ScapEventStream(reader);
        try {
            stream.snapshot = reader.readSection();
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw stream.failure(e);
        }
        return stream;
    }

    @Override
    public int nextBatch(EventBatch batch) throws SourceException {
        if (closed || ended) {
            return EOF;
        }
        if (pending != null) {
            SourceException e = pending;
            pending = null;
            ended = true;
            throw e;
        }
        int n;
        try {
            n = reader.fill(batch);
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return EOF;
            }
            SourceException failure = failure(e);
            if (!batch.isEmpty()) {
                pending = failure;
                return batch.size();
            }
            ended = true;
            throw failure;
        }
        reportSkippedPlugins();
        if (n == ScapReader.NEW_SECTION) {
            try {
                snapshot = reader.readSection();
            } catch (IOException | RuntimeException e) {
                ended = true;
                if (closed) {
                    return EOF;
                }
                throw failure(e);
            }
            return NEW_SNAPSHOT;
        }
        if (n == ScapReader.EOF) {
            ended = true;
            return EOF;
        }
        return n;
    }

    private void reportSkippedPlugins() {
        long skipped = reader.skippedPluginEvents();
        if (skipped > 0 && reportedPluginSkips == 0) {
            LOG.log(Level.WARNING, () -> name + ": skipping plugin events of plugin ids " + reader.unknownPluginIds()
                    + ": no event source is registered for them");
            reportedPluginSkips = skipped;
        }
    }

    private SourceException failure(Throwable e) {
        if (e instanceof ScapFormatException f) {
            return new SourceException(f.describeIn(name), f);
        }
        if (e instanceof IOException) {
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return new SourceException(name + ": offset " + reader.offset() + ": " + message, e);
        }
        // A bug in this reader, not the user's doing: say so rather than show a stack trace.
        return new SourceException(name + ": offset " + reader.offset() + ": internal error of the capture reader: " + e, e);
    }

    @Override
    public Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /**
     * Events delivered, and as drops the plugin events skipped because no source is known for
     * their plugin id.
     */
    @Override
    public SourceStats stats() {
        long skipped = reader.skippedPluginEvents();
        return new SourceStats(reader.eventsRead() + skipped, skipped, 0, 0, 0, 0);
    }

    /** Plugin events skipped because no source is registered for their plugin id. */
    public long skippedPluginEvents() {
        return reader.skippedPluginEvents();
    }

    /** Events skipped because their type is unknown (written by a newer driver). */
    public long skippedUnknownEvents() {
        return reader.skippedUnknownType();
    }

    @Override
    public int progress() {
        return ended ? 10000 : reader.progress();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long skipped = reader.skippedPluginEvents();
        if (skipped > 0) {
            LOG.log(Level.WARNING, () -> name + ": " + skipped + " plugin events skipped (plugin ids " + reader.unknownPluginIds()
                    + " have no event source)");
        }
        try {
            reader.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> name + ": closing: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "capture " + name;
    }
}

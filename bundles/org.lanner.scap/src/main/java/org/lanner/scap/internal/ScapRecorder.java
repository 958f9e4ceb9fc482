package org.lanner.scap.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.Snapshot;
import org.lanner.api.syscall.SystemSnapshot;

/**
 * Records a stream into a capture file: each snapshot starts a section (so a stream with several
 * snapshots gives a concatenated capture), each batch's events follow as event blocks. Events that
 * arrive before any snapshot go into a section without header blocks, like a plugin capture.
 */
public final class ScapRecorder implements EventRecorder {

    private final ScapWriter writer;
    private final String name;
    private boolean sectionStarted;

    ScapRecorder(OutputStream out, String name) {
        this.writer = new ScapWriter(out);
        this.name = name;
    }

    /**
     * Creates (or replaces) {@code file}; {@code -} writes to standard output.
     *
     * @param compress gzip the capture
     */
    public static ScapRecorder create(Path file, boolean compress) throws IOException {
        String name = file.toString();
        OutputStream out;
        if ("-".equals(name)) {
            out = new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    this.out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    // standard output stays open for the rest of the process
                    flush();
                }
            };
        } else {
            out = Files.newOutputStream(file);
        }
        if (compress) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new ScapRecorder(out, name);
    }

    /** Starts a section with a system snapshot; a capture file holds no other kind. */
    @Override
    public void snapshot(Snapshot snapshot) throws IOException {
        if (!(snapshot instanceof SystemSnapshot system)) {
            throw new IOException("a capture file holds system snapshots, not " + snapshot.getClass().getName());
        }
        writer.section(system);
        sectionStarted = true;
    }

    @Override
    public void record(EventBatch batch) throws IOException {
        if (!sectionStarted) {
            writer.section(SystemSnapshot.empty());
            sectionStarted = true;
        }
        writer.events(batch);
    }

    /** Writes what is buffered to the file. */
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        if (!sectionStarted) {
            // an empty stream still gives a valid section header
            writer.section(SystemSnapshot.empty());
            sectionStarted = true;
        }
        writer.close();
    }

    @Override
    public String toString() {
        return "scap recorder " + name;
    }
}

package org.lanner.output.file.internal;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputName;
import org.lanner.api.output.OutputSink;
import org.lanner.output.core.AlertFormatter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code file_output}: appends one line per alert. With {@code keep_alive} the file stays open (and
 * buffered; the publisher flushes it per {@code buffered_outputs}) until {@link #reopen()}; without
 * it, the file is opened and closed for every alert, as Falco does. After a failed write the file is
 * reopened on the next alert, so a full disk or a removed directory heals once fixed. Called from the
 * publisher's single thread for this sink.
 */
@Component(service = OutputSink.class, configurationPid = FileConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FileConfig.class)
@OutputName(output = "file")
public final class FileOutputSink implements OutputSink {

    private final AlertFormatter formatter;
    private final Path file;
    private final boolean keepAlive;
    private FileOutputStream raw;
    private OutputStream out;

    @Activate
    public FileOutputSink(@Reference AlertFormatter formatter, FileConfig config) {
        this.formatter = formatter;
        if (config.filename() == null || config.filename().isBlank()) {
            throw new IllegalArgumentException("file_output.filename: file output enabled but no filename given");
        }
        this.file = Path.of(config.filename());
        this.keepAlive = config.keep__alive();
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        byte[] line = (formatter.format(alert) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (keepAlive) {
                if (out == null) {
                    out = open();
                }
                out.write(line);
            } else {
                try (OutputStream o = new FileOutputStream(file.toFile(), true)) {
                    o.write(line);
                }
            }
        } catch (IOException e) {
            discard();
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                discard();
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Closes the file and opens it again (log rotation on SIGUSR1). */
    @Override
    public void reopen() throws IOException {
        IOException closing = null;
        try {
            close();
        } catch (IOException e) {
            discard();
            closing = e;
        }
        if (keepAlive) {
            try {
                out = open();
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        if (closing != null) {
            throw new IOException(file + ": buffered alerts lost when closing: " + closing.getMessage(), closing);
        }
    }

    private OutputStream open() throws IOException {
        raw = new FileOutputStream(file.toFile(), true);
        return new BufferedOutputStream(raw, 1 << 16);
    }

    /** Drops the stream after a failure without writing what it still buffers (that would fail again). */
    private void discard() {
        FileOutputStream r = raw;
        raw = null;
        out = null;
        if (r != null) {
            try {
                r.close();
            } catch (IOException ignored) {
                // the stream is abandoned after a failure that is already reported
            }
        }
    }

    @Deactivate
    public void close() throws IOException {
        OutputStream o = out;
        out = null;
        raw = null;
        if (o != null) {
            o.close();
        }
    }
}

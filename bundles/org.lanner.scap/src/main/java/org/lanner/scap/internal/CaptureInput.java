package org.lanner.scap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The uncompressed bytes of a capture, from a file or standard input, plain or gzip (sniffed from
 * the first two bytes, as zlib's transparent reading does), with the compressed position for
 * progress.
 */
final class CaptureInput implements AutoCloseable {

    private final String name;
    private final InputStream raw;
    private final InputStream data;
    private final GzipMembersInputStream gzip;
    private final long size;
    private long rawRead;

    private CaptureInput(String name, InputStream raw, long size) throws IOException {
        this.name = name;
        this.size = size;
        PushbackInputStream sniff = new PushbackInputStream(new CountingStream(raw), 2);
        this.raw = sniff;
        byte[] magic = new byte[2];
        int n = sniff.readNBytes(magic, 0, 2);
        if (n > 0) {
            sniff.unread(magic, 0, n);
        }
        if (n == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
            this.gzip = new GzipMembersInputStream(sniff);
            this.data = gzip;
        } else {
            this.gzip = null;
            this.data = sniff;
        }
    }

    /**
     * Opens a capture file, or standard input for {@code -}.
     *
     * @throws IOException with a message naming the file when it cannot be opened
     */
    static CaptureInput open(String path) throws IOException {
        if ("-".equals(path)) {
            return new CaptureInput("<stdin>", new NonClosingStream(System.in), -1);
        }
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            throw new IOException(path + ": is a directory, not a capture file");
        }
        try {
            return new CaptureInput(path, Files.newInputStream(file), Files.size(file));
        } catch (NoSuchFileException e) {
            throw new IOException(path + ": no such file");
        }
    }

    /** A capture held by a stream (tests, embedded use). */
    static CaptureInput of(String name, InputStream in, long size) throws IOException {
        return new CaptureInput(name, in, size);
    }

    String name() {
        return name;
    }

    boolean compressed() {
        return gzip != null;
    }

    /** The uncompressed bytes. */
    InputStream stream() {
        return data;
    }

    /** Size of the file on disk, -1 when unknown (standard input). */
    long size() {
        return size;
    }

    /** Bytes of the file consumed by the decoder so far (compressed bytes for gzip). */
    long position(long uncompressedConsumed) {
        return gzip != null ? gzip.compressedConsumed() : uncompressedConsumed;
    }

    /** Bytes read from the file so far (may run ahead of what was consumed). */
    long rawRead() {
        return rawRead;
    }

    @Override
    public void close() throws IOException {
        if (gzip != null) {
            gzip.close();
        } else {
            raw.close();
        }
    }

    private final class CountingStream extends InputStream {

        private final InputStream in;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                rawRead++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                rawRead += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Standard input must stay open for the rest of the process. */
    private static final class NonClosingStream extends InputStream {

        private final InputStream in;

        NonClosingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // not ours to close
        }
    }
}

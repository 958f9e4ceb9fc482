package org.lanner.scap.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip stream of one or more members, as zlib's {@code gzread} does for libscap:
 * members follow each other until the input ends; bytes after a complete member that do not start
 * another member are ignored. Each member's CRC-32 and size are checked. Unlike
 * {@link java.util.zip.GZIPInputStream} the next member is found whether or not the underlying
 * stream reports bytes as available (pipes).
 */
final class GzipMembersInputStream extends InputStream {

    private static final int FTEXT_FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long compressedConsumed;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberSize;
    private boolean inMember;
    private boolean eof;
    private final byte[] one = new byte[1];

    GzipMembersInputStream(InputStream in) {
        this.in = in;
    }

    /** Compressed bytes consumed so far (for progress). */
    long compressedConsumed() {
        return compressedConsumed;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (!inMember) {
                if (!startMember()) {
                    eof = true;
                    break;
                }
            }
            int n;
            try {
                n = inflater.inflate(out, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("corrupt gzip data: " + e.getMessage());
            }
            consumeInflaterInput();
            if (n > 0) {
                crc.update(out, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                finishMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("corrupt gzip data: a preset dictionary is required");
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("unexpected end of the gzip stream (truncated file)");
                }
                inflater.setInput(buf, pos, lim - pos);
            }
        }
        return -1;
    }

    /** Bytes the inflater took from {@code buf} since the last call. */
    private void consumeInflaterInput() {
        int remaining = inflater.getRemaining();
        int taken = (lim - pos) - remaining;
        pos += taken;
        compressedConsumed += taken;
    }

    /** Reads a member header; false when the input ends or what follows is not a gzip member. */
    private boolean startMember() throws IOException {
        if (!ensure(2)) {
            if (lim - pos > 0) {
                // one stray byte after a member: ignored like zlib does
                skip(lim - pos);
            }
            return false;
        }
        if ((buf[pos] & 0xFF) != 0x1F || (buf[pos + 1] & 0xFF) != 0x8B) {
            // Not another member: zlib ignores trailing data after a complete gzip stream.
            return false;
        }
        requireBytes(10);
        int method = buf[pos + 2] & 0xFF;
        int flags = buf[pos + 3] & 0xFF;
        if (method != 8) {
            throw new ZipException("unsupported gzip compression method " + method);
        }
        skip(10);
        if ((flags & FEXTRA) != 0) {
            requireBytes(2);
            int xlen = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
            skip(2);
            skipFully(xlen);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FTEXT_FHCRC) != 0) {
            skipFully(2);
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        inMember = true;
        if (pos == lim && !fill()) {
            throw new EOFException("unexpected end of the gzip stream (truncated file)");
        }
        inflater.setInput(buf, pos, lim - pos);
        return true;
    }

    private void finishMember() throws IOException {
        requireBytes(8);
        long expectedCrc = readIntLe() & 0xFFFFFFFFL;
        long expectedSize = readIntLe() & 0xFFFFFFFFL;
        if (expectedCrc != crc.getValue()) {
            throw new ZipException("corrupt gzip data: CRC mismatch");
        }
        if (expectedSize != (memberSize & 0xFFFFFFFFL)) {
            throw new ZipException("corrupt gzip data: size mismatch");
        }
        inMember = false;
    }

    private int readIntLe() {
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        skip(4);
        return v;
    }

    private void skip(int n) {
        pos += n;
        compressedConsumed += n;
    }

    private void skipFully(int n) throws IOException {
        int left = n;
        while (left > 0) {
            if (pos == lim && !fill()) {
                throw new EOFException("unexpected end of the gzip stream (truncated header)");
            }
            int k = Math.min(left, lim - pos);
            skip(k);
            left -= k;
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (true) {
            if (pos == lim && !fill()) {
                throw new EOFException("unexpected end of the gzip stream (truncated header)");
            }
            byte b = buf[pos];
            skip(1);
            if (b == 0) {
                return;
            }
        }
    }

    private void requireBytes(int n) throws IOException {
        if (!ensure(n)) {
            throw new EOFException("unexpected end of the gzip stream (truncated file)");
        }
    }

    /** Makes {@code n} (at most the buffer size) bytes available from {@code pos}; false at end of input. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        return true;
    }

    /** Reads more input into an empty buffer; false at end of input. */
    private boolean fill() throws IOException {
        pos = 0;
        lim = 0;
        int r;
        do {
            r = in.read(buf, 0, buf.length);
        } while (r == 0);
        if (r < 0) {
            return false;
        }
        lim = r;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}

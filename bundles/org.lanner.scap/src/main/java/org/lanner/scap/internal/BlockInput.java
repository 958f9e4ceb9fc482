package org.lanner.scap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A little-endian window over the uncompressed capture bytes. Blocks are parsed in place: the
 * reader asks for {@link #ensure(int) n bytes}, reads them with absolute gets on {@link #buffer()}
 * from {@link #position()}, then {@link #consume(int) consumes} them.
 *
 * <p>The window grows only as data actually arrives (at most doubling each time), so a corrupt
 * length in a truncated file never makes it allocate what the length claims.
 */
final class BlockInput {

    private static final int INITIAL = 1 << 20;

    private final InputStream in;
    private byte[] buf;
    private ByteBuffer bb;
    private int pos;
    private int lim;
    /** Offset in the uncompressed stream of {@code buf[0]}. */
    private long base;
    private boolean eof;

    BlockInput(InputStream in) {
        this(in, INITIAL);
    }

    BlockInput(InputStream in, int initialSize) {
        this.in = in;
        this.buf = new byte[initialSize];
        this.bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The window; valid until the next {@link #ensure(int)}. Use absolute gets only. */
    ByteBuffer buffer() {
        return bb;
    }

    /** Index in {@link #buffer()} of the next unread byte. */
    int position() {
        return pos;
    }

    /** Bytes available from {@link #position()} without reading. */
    int available() {
        return lim - pos;
    }

    /** Offset in the uncompressed stream of the next unread byte. */
    long offset() {
        return base + pos;
    }

    /**
     * Makes {@code n} bytes available from {@link #position()}.
     *
     * @return false when the input ends first ({@link #available()} tells how many there are)
     */
    boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            if (eof) {
                return false;
            }
            if (lim == buf.length) {
                int grown = (int) Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16);
                byte[] bigger = new byte[grown];
                System.arraycopy(buf, 0, bigger, 0, lim);
                buf = bigger;
                bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            }
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return true;
    }

    void consume(int n) {
        pos += n;
    }

    /** Consumes {@code n} bytes, reading past them in pieces; false when the input ends first. */
    boolean skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == lim && !ensure(1)) {
                return false;
            }
            int k = (int) Math.min(left, lim - pos);
            pos += k;
            left -= k;
        }
        return true;
    }
}

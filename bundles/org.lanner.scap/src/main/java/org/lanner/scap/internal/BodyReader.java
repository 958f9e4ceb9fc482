package org.lanner.scap.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of a metadata block body with bounds checks: every read checks that the bytes
 * are inside the current limit (the block body, or the entry when it has a length), so a corrupt
 * length ends in a {@link ScapFormatException} naming the block, the entry and the field.
 */
final class BodyReader {

    private final ByteBuffer bb;
    private final long blockOffset;
    private final int blockType;
    private final int bodyStart;
    private final int bodyEnd;
    private int pos;
    private int limit;
    private String entry = "";

    /**
     * @param bb little-endian buffer holding the body
     * @param start index of the first body byte
     * @param length body length (without header and trailer)
     */
    BodyReader(ByteBuffer bb, int start, int length, long blockOffset, int blockType) {
        this.bb = bb;
        this.bodyStart = start;
        this.bodyEnd = start + length;
        this.pos = start;
        this.limit = bodyEnd;
        this.blockOffset = blockOffset;
        this.blockType = blockType;
    }

    /** Bytes left in the body (not limited by the current entry). */
    int bodyRemaining() {
        return bodyEnd - pos;
    }

    /** Bytes of the current limit left. */
    int remaining() {
        return limit - pos;
    }

    /** Bytes consumed since {@code mark}. */
    int since(int mark) {
        return pos - mark;
    }

    int position() {
        return pos;
    }

    /** Names the entry being read, for error messages. */
    void entry(String description) {
        this.entry = description;
    }

    /** Restricts reads to {@code length} bytes from {@code start} (an entry with a length field). */
    void limitTo(int start, long length, String what) throws ScapFormatException {
        if (length < 0 || start + length > bodyEnd) {
            throw error(what + " length " + length + " runs past the end of the block (" + (bodyEnd - start) + " bytes left)");
        }
        limit = (int) (start + length);
    }

    /** Lifts an entry limit. */
    void unlimit() {
        limit = bodyEnd;
    }

    /** Moves to {@code to} (the end of an entry), which must not be behind the position. */
    void seek(int to) {
        pos = to;
    }

    ScapFormatException error(String detail) {
        String where = entry.isEmpty() ? "" : entry + ": ";
        return new ScapFormatException(blockOffset, blockType, where + detail);
    }

    private void need(int n, String field) throws ScapFormatException {
        if (limit - pos < n) {
            throw error(field + ": needs " + n + " bytes, only " + Math.max(0, limit - pos) + " left");
        }
    }

    int u8(String field) throws ScapFormatException {
        need(1, field);
        return bb.get(pos++) & 0xFF;
    }

    int u16(String field) throws ScapFormatException {
        need(2, field);
        int v = Short.toUnsignedInt(bb.getShort(pos));
        pos += 2;
        return v;
    }

    int i32(String field) throws ScapFormatException {
        need(4, field);
        int v = bb.getInt(pos);
        pos += 4;
        return v;
    }

    long u32(String field) throws ScapFormatException {
        return Integer.toUnsignedLong(i32(field));
    }

    long i64(String field) throws ScapFormatException {
        need(8, field);
        long v = bb.getLong(pos);
        pos += 8;
        return v;
    }

    byte[] bytes(int n, String field) throws ScapFormatException {
        need(n, field);
        byte[] out = new byte[n];
        bb.get(pos, out);
        pos += n;
        return out;
    }

    void skip(int n, String field) throws ScapFormatException {
        need(n, field);
        pos += n;
    }

    /**
     * A string with a u16 length prefix and no terminator.
     *
     * @param max the largest length allowed
     */
    String str16(String field, int max) throws ScapFormatException {
        int len = u16(field);
        if (len > max) {
            throw error(field + ": length " + len + " exceeds " + max);
        }
        need(len, field);
        String s = decode(pos, len);
        pos += len;
        return s;
    }

    /** A list of NUL-terminated strings with a u16 total length prefix. */
    List<String> list16(String field, int max) throws ScapFormatException {
        int len = u16(field);
        if (len > max) {
            throw error(field + ": length " + len + " exceeds " + max);
        }
        need(len, field);
        List<String> out = new ArrayList<>();
        int start = pos;
        int end = pos + len;
        for (int i = pos; i < end; i++) {
            if (bb.get(i) == 0) {
                out.add(decode(start, i - start));
                start = i + 1;
            }
        }
        if (start < end) {
            out.add(decode(start, end - start));
        }
        pos = end;
        return out;
    }

    /** A fixed-size field holding a NUL-padded string. */
    String fixedString(int size, String field) throws ScapFormatException {
        need(size, field);
        int len = 0;
        while (len < size && bb.get(pos + len) != 0) {
            len++;
        }
        String s = decode(pos, len);
        pos += size;
        return s;
    }

    private String decode(int at, int len) {
        if (bb.hasArray()) {
            return new String(bb.array(), bb.arrayOffset() + at, len, StandardCharsets.UTF_8);
        }
        byte[] tmp = new byte[len];
        bb.get(at, tmp);
        return new String(tmp, StandardCharsets.UTF_8);
    }

    int bodyStart() {
        return bodyStart;
    }
}

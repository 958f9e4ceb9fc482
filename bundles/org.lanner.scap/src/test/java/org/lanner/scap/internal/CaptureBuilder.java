package org.lanner.scap.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Crafts capture files byte by byte for reader tests, including the old and odd shapes no writer of
 * ours produces (legacy block ids, old event records, broken lengths). Independent of
 * {@link ScapWriter} on purpose.
 */
final class CaptureBuilder {

    private final Le out = new Le();

    /** Little-endian bytes. */
    static final class Le {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Le u8(int v) {
            bytes.write(v);
            return this;
        }

        Le u16(int v) {
            return u8(v).u8(v >>> 8);
        }

        Le u32(long v) {
            return u16((int) v).u16((int) (v >>> 16));
        }

        Le u64(long v) {
            return u32(v).u32(v >>> 32);
        }

        Le raw(byte[] b) {
            bytes.writeBytes(b);
            return this;
        }

        Le str16(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u16(b.length).raw(b);
        }

        /** NUL-terminated strings with a u16 total length. */
        Le list16(String... strings) {
            Le l = new Le();
            for (String s : strings) {
                l.raw(s.getBytes(StandardCharsets.UTF_8)).u8(0);
            }
            return u16(l.size()).raw(l.toBytes());
        }

        int size() {
            return bytes.size();
        }

        byte[] toBytes() {
            return bytes.toByteArray();
        }
    }

    static Le le() {
        return new Le();
    }

    CaptureBuilder shb(int major, int minor) {
        return block(BlockTypes.SHB, le().u32(BlockTypes.SHB_MAGIC).u16(major).u16(minor).u64(-1).toBytes());
    }

    CaptureBuilder shb() {
        return shb(1, 2);
    }

    /** A block with a correct length, padding and trailer. */
    CaptureBuilder block(int type, byte[] body) {
        int length = (8 + body.length + 4 + 3) & ~3;
        return rawBlock(type, length, body, length);
    }

    /** A block with the given header length and trailer (padding to 4 bytes added). */
    CaptureBuilder rawBlock(int type, int length, byte[] body, int trailer) {
        out.u32(type).u32(length).raw(body);
        while (out.size() % 4 != 0) {
            out.u8(0);
        }
        out.u32(trailer);
        return this;
    }

    CaptureBuilder raw(byte[] bytes) {
        out.raw(bytes);
        return this;
    }

    CaptureBuilder machineInfo(int type, int cpus, long memory, long maxPid, String host) {
        Le b = le().u32(cpus).u64(memory).u64(maxPid);
        byte[] h = new byte[128];
        byte[] hb = host.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(hb, 0, h, 0, hb.length);
        return block(type, b.raw(h).raw(new byte[32]).toBytes());
    }

    /** An event record in the current layout with u16 parameter lengths. */
    static byte[] record(long ts, long tid, int type, byte[]... params) {
        return record(ts, tid, type, false, params);
    }

    static byte[] record(long ts, long tid, int type, boolean large, byte[]... params) {
        int width = large ? 4 : 2;
        int length = 26 + width * params.length;
        for (byte[] p : params) {
            length += p.length;
        }
        Le e = le().u64(ts).u64(tid).u32(length).u16(type).u32(params.length);
        for (byte[] p : params) {
            if (large) {
                e.u32(p.length);
            } else {
                e.u16(p.length);
            }
        }
        for (byte[] p : params) {
            e.raw(p);
        }
        return e.toBytes();
    }

    /** An old (v1) event record: 22-byte header, no parameter count. */
    static byte[] recordV1(long ts, long tid, int type, int lengthAdjust, byte[]... params) {
        int length = 22 + 2 * params.length;
        for (byte[] p : params) {
            length += p.length;
        }
        Le e = le().u64(ts).u64(tid).u32(length + lengthAdjust).u16(type);
        for (byte[] p : params) {
            e.u16(p.length);
        }
        for (byte[] p : params) {
            e.raw(p);
        }
        return e.toBytes();
    }

    CaptureBuilder event(int blockType, int cpu, int dumpFlags, byte[] record) {
        Le b = le().u16(cpu);
        if (BlockTypes.hasDumpFlags(blockType)) {
            b.u32(dumpFlags);
        }
        return block(blockType, b.raw(record).toBytes());
    }

    CaptureBuilder event(byte[] record) {
        return event(BlockTypes.EV_V2, 0, 0, record);
    }

    static byte[] i64(long v) {
        return le().u64(v).toBytes();
    }

    static byte[] i32(long v) {
        return le().u32(v).toBytes();
    }

    static byte[] i16(int v) {
        return le().u16(v).toBytes();
    }

    static byte[] cstr(String s) {
        return le().raw(s.getBytes(StandardCharsets.UTF_8)).u8(0).toBytes();
    }

    byte[] bytes() {
        return out.toBytes();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }
}

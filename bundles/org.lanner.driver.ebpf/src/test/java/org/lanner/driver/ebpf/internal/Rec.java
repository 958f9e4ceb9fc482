package org.lanner.driver.ebpf.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.lanner.api.event.EventBatch;

/** A copied, decoded event record for assertions (tests only; the driver never decodes). */
record Rec(long ts, long tid, int type, int cpu, byte[][] params) {

    static Rec of(EventBatch batch, int i) {
        ByteBuffer b = batch.buffer();
        int at = batch.offset(i);
        long ts = b.getLong(at);
        long tid = b.getLong(at + 8);
        int type = Short.toUnsignedInt(b.getShort(at + 20));
        int np = b.getInt(at + 22);
        byte[][] params = new byte[np][];
        int data = at + 26 + 2 * np;
        for (int k = 0; k < np; k++) {
            int len = Short.toUnsignedInt(b.getShort(at + 26 + 2 * k));
            params[k] = new byte[len];
            b.get(data, params[k]);
            data += len;
        }
        return new Rec(ts, tid, type, batch.cpu(i), params);
    }

    private ByteBuffer le(int i) {
        return ByteBuffer.wrap(params[i]).order(ByteOrder.LITTLE_ENDIAN);
    }

    long s64(int i) {
        return le(i).getLong(0);
    }

    int u32(int i) {
        return le(i).getInt(0);
    }

    int u16(int i) {
        return Short.toUnsignedInt(le(i).getShort(0));
    }

    int u8(int i) {
        return Byte.toUnsignedInt(params[i][0]);
    }

    /** A NUL-terminated string parameter. */
    String str(int i) {
        byte[] p = params[i];
        int n = p.length > 0 && p[p.length - 1] == 0 ? p.length - 1 : p.length;
        return new String(p, 0, n, StandardCharsets.UTF_8);
    }

    /** NUL-separated strings (args, env, cgroups). */
    List<String> strings(int i) {
        List<String> out = new ArrayList<>();
        byte[] p = params[i];
        int start = 0;
        for (int k = 0; k < p.length; k++) {
            if (p[k] == 0) {
                out.add(new String(p, start, k - start, StandardCharsets.UTF_8));
                start = k + 1;
            }
        }
        return out;
    }

    boolean enter() {
        return type % 2 == 0;
    }

    @Override
    public String toString() {
        return "Rec[type=" + type + ", tid=" + tid + ", ts=" + ts + ", nparams=" + params.length + "]";
    }
}

package org.lanner.scap.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.lanner.api.event.EventBatch;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;
import org.lanner.api.syscall.UserEntry;

/**
 * Writes libscap capture files in the current format (1.2): per section an SHB, then MI, IL_V2,
 * UL_V2, one PL_V9 and one FDL_V2 per thread, then event blocks (EV_V2, or EVF_V2 when dump flags
 * are set; the {@code _LARGE} variants for large-payload event types). Block lengths are computed
 * from the bytes written. Strings longer than what libscap's reader accepts are cut to fit, so
 * every file written here reads back with libscap.
 *
 * <p>Writing an event copies its record into an output buffer and allocates nothing.
 */
final class ScapWriter implements Closeable {

    private static final boolean[] LARGE = new boolean[EventTable.EVENT_MAX];

    static {
        for (EventInfo info : EventTable.all()) {
            LARGE[info.id()] = info.largePayload();
        }
    }

    private final OutputStream out;
    private final byte[] buf;
    private final ByteBuffer bb;
    private int pos;
    private boolean closed;

    ScapWriter(OutputStream out) {
        this(out, 1 << 20);
    }

    ScapWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 64)];
        this.bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Starts a section: the section header and the header blocks of the snapshot. A snapshot with
     * nothing in it (a plugin capture) gives a section header only, as libscap writes in plugin
     * mode.
     */
    void section(SystemSnapshot snapshot) throws IOException {
        Bytes b = new Bytes();
        b.begin(BlockTypes.SHB);
        b.i32(BlockTypes.SHB_MAGIC).i16(BlockTypes.MAJOR_VERSION).i16(BlockTypes.MINOR_VERSION).i64(-1);
        b.end();
        boolean empty = snapshot.machine() == null && snapshot.threads().isEmpty() && snapshot.users().isEmpty()
                && snapshot.groups().isEmpty() && snapshot.interfaces().isEmpty();
        if (!empty) {
            if (snapshot.machine() != null) {
                machineInfo(b, snapshot.machine());
            }
            interfaces(b, snapshot.interfaces());
            users(b, snapshot.users(), snapshot.groups());
            processes(b, snapshot.threads());
            for (ThreadEntry t : snapshot.threads()) {
                fds(b, t);
            }
        }
        put(b.buf, 0, b.pos);
    }

    private static void machineInfo(Bytes b, MachineInfo mi) {
        b.begin(BlockTypes.MI);
        b.i32(mi.cpus()).i64(mi.memoryBytes()).i64(mi.maxPid());
        byte[] host = utf8(mi.hostname(), 127);
        b.raw(host).zeros(128 - host.length);
        b.zeros(32);
        b.end();
    }

    private static void interfaces(Bytes b, List<InterfaceEntry> list) {
        b.begin(BlockTypes.IL_V2);
        for (int pass = 0; pass < 2; pass++) {
            for (InterfaceEntry e : list) {
                boolean v6 = e.isIpv6();
                if (v6 != (pass == 1)) {
                    continue;
                }
                int width = v6 ? 16 : 4;
                byte[] name = utf8(e.name(), MetadataParser.MAX_NAME);
                b.i32(2 + 2 + 3 * width + 8 + name.length);
                b.i16(v6 ? 2 : 1).i16(name.length);
                b.address(e.address(), width).address(e.netmask(), width).address(e.broadcast(), width);
                b.i64(e.linkSpeed()).raw(name);
            }
        }
        b.end();
    }

    private static void users(Bytes b, List<UserEntry> users, List<GroupEntry> groups) {
        b.begin(BlockTypes.UL_V2);
        for (UserEntry u : users) {
            byte[] name = utf8(u.name(), MetadataParser.MAX_CREDENTIAL);
            byte[] home = utf8(u.homedir(), MetadataParser.MAX_CREDENTIAL);
            byte[] shell = utf8(u.shell(), MetadataParser.MAX_CREDENTIAL);
            b.i32(4 + 1 + 4 + 4 + 2 + name.length + 2 + home.length + 2 + shell.length);
            b.i8(0).i32(u.uid()).i32(u.gid()).str16(name).str16(home).str16(shell);
        }
        for (GroupEntry g : groups) {
            byte[] name = utf8(g.name(), MetadataParser.MAX_CREDENTIAL);
            b.i32(4 + 1 + 4 + 2 + name.length);
            b.i8(1).i32(g.gid()).str16(name);
        }
        b.end();
    }

    private static void processes(Bytes b, List<ThreadEntry> threads) {
        b.begin(BlockTypes.PL_V9);
        for (ThreadEntry t : threads) {
            int start = b.pos;
            b.i32(0);
            b.i64(t.tid()).i64(t.pid()).i64(t.ptid()).i64(t.sid()).i64(t.vpgid());
            b.str16(utf8(t.comm(), MetadataParser.MAX_PATH)).str16(utf8(t.exe(), MetadataParser.MAX_PATH));
            b.str16(utf8(t.exepath(), MetadataParser.MAX_PATH)).str16(list(t.args()));
            b.str16(utf8(t.cwd(), MetadataParser.MAX_PATH));
            b.i64(t.fdlimit()).i32(t.flags()).i32(t.uid()).i32(t.gid());
            b.i32(t.vmsizeKb()).i32(t.vmrssKb()).i32(t.vmswapKb()).i64(t.pfMajor()).i64(t.pfMinor());
            b.str16(list(t.env())).i64(t.vtid()).i64(t.vpid()).str16(list(t.cgroups()));
            b.str16(utf8(t.root(), MetadataParser.MAX_PATH));
            b.i32(t.loginuid()).i8(t.exeWritable() ? 1 : 0);
            b.patch32(start, b.pos - start);
        }
        b.end();
    }

    private static void fds(Bytes b, ThreadEntry t) {
        b.begin(BlockTypes.FDL_V2);
        b.i64(t.tid());
        for (FdEntry fd : t.fds()) {
            if (fd.type() == FdEntry.UNKNOWN) {
                // libscap never writes descriptors of unknown type
                continue;
            }
            int start = b.pos;
            b.i32(0).i64(fd.fd()).i64(fd.ino());
            switch (fd.type()) {
                case FdEntry.IPV4_SOCK, FdEntry.IPV6_SOCK -> {
                    int width = fd.type() == FdEntry.IPV4_SOCK ? 4 : 16;
                    b.i8(fd.type()).address(fd.sourceIp(), width).address(fd.destIp(), width);
                    b.i16(fd.sourcePort()).i16(fd.destPort()).i8(fd.l4proto());
                }
                case FdEntry.IPV4_SERVSOCK, FdEntry.IPV6_SERVSOCK -> {
                    int width = fd.type() == FdEntry.IPV4_SERVSOCK ? 4 : 16;
                    b.i8(fd.type()).address(fd.sourceIp(), width).i16(fd.sourcePort()).i8(fd.l4proto());
                }
                case FdEntry.UNIX_SOCK -> b.i8(fd.type()).i64(fd.sourceId()).i64(fd.destId())
                        .str16(utf8(fd.name(), MetadataParser.MAX_NAME));
                case FdEntry.FILE_V2 -> b.i8(fd.type()).i32(fd.openFlags()).str16(utf8(fd.name(), MetadataParser.MAX_NAME))
                        .i32(fd.dev());
                case FdEntry.FILE, FdEntry.DIRECTORY, FdEntry.FIFO, FdEntry.EVENT, FdEntry.UNSUPPORTED, FdEntry.SIGNALFD,
                        FdEntry.EVENTPOLL, FdEntry.INOTIFY, FdEntry.TIMERFD, FdEntry.NETLINK, FdEntry.BPF,
                        FdEntry.USERFAULTFD, FdEntry.IOURING, FdEntry.MEMFD, FdEntry.PIDFD ->
                    b.i8(fd.type()).str16(utf8(fd.name(), MetadataParser.MAX_NAME));
                default -> b.i8(FdEntry.UNSUPPORTED).str16(utf8(fd.name(), MetadataParser.MAX_NAME));
            }
            b.patch32(start, b.pos - start);
        }
        b.end();
    }

    /**
     * Writes one event record (current layout).
     *
     * @param batchFlags the {@link EventBatch} flags of the event
     */
    void event(ByteBuffer src, int offset, int length, int cpu, int batchFlags) throws IOException {
        int type = Short.toUnsignedInt(src.getShort(offset + 20));
        int dumpFlags = ((batchFlags & EventBatch.FLAG_STATE_ONLY) != 0 ? BlockTypes.DF_STATE_ONLY : 0)
                | ((batchFlags & EventBatch.FLAG_TRACER) != 0 ? BlockTypes.DF_TRACER : 0);
        int prefix = dumpFlags != 0 ? 6 : 2;
        long blockLength = (8L + prefix + length + 4 + 3) & ~3L;
        boolean large = (batchFlags & EventBatch.FLAG_LARGE_PARAMS) != 0 || (type < LARGE.length && LARGE[type])
                // a block libscap would refuse as non-large goes into a large block instead
                || blockLength - 8 > BlockTypes.MAX_SMALL_EVENT_BODY;
        if (blockLength > Integer.MAX_VALUE) {
            throw new IOException("event of " + length + " bytes is too large for a capture block");
        }
        int blockType = large ? (dumpFlags != 0 ? BlockTypes.EVF_V2_LARGE : BlockTypes.EV_V2_LARGE)
                : (dumpFlags != 0 ? BlockTypes.EVF_V2 : BlockTypes.EV_V2);
        int padding = (int) blockLength - (8 + prefix + length + 4);
        room(8 + prefix);
        bb.putInt(pos, blockType);
        bb.putInt(pos + 4, (int) blockLength);
        bb.putShort(pos + 8, (short) cpu);
        if (dumpFlags != 0) {
            bb.putInt(pos + 10, dumpFlags);
        }
        pos += 8 + prefix;
        put(src, offset, length);
        room(padding + 4);
        for (int i = 0; i < padding; i++) {
            buf[pos++] = 0;
        }
        bb.putInt(pos, (int) blockLength);
        pos += 4;
    }

    /** Writes every event of a batch. */
    void events(EventBatch batch) throws IOException {
        ByteBuffer data = batch.buffer();
        for (int i = 0, n = batch.size(); i < n; i++) {
            event(data, batch.offset(i), batch.length(i), batch.cpu(i), batch.flags(i));
        }
    }

    private void room(int n) throws IOException {
        if (buf.length - pos < n) {
            flushBuffer();
        }
    }

    private void put(ByteBuffer src, int offset, int length) throws IOException {
        int at = offset;
        int left = length;
        while (left > 0) {
            if (pos == buf.length) {
                flushBuffer();
            }
            int k = Math.min(left, buf.length - pos);
            src.get(at, buf, pos, k);
            pos += k;
            at += k;
            left -= k;
        }
    }

    private void put(byte[] src, int offset, int length) throws IOException {
        int at = offset;
        int left = length;
        while (left > 0) {
            if (pos == buf.length) {
                flushBuffer();
            }
            int k = Math.min(left, buf.length - pos);
            System.arraycopy(src, at, buf, pos, k);
            pos += k;
            at += k;
            left -= k;
        }
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }

    /** UTF-8 bytes of {@code s}, cut to {@code max} bytes at a character boundary. */
    static byte[] utf8(String s, int max) {
        byte[] bytes = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= max) {
            return bytes;
        }
        int n = max;
        while (n > 0 && (bytes[n] & 0xC0) == 0x80) {
            n--;
        }
        return Arrays.copyOf(bytes, n);
    }

    /** NUL-terminated strings back to back, as many whole strings as fit the reader's 4096 bytes. */
    static byte[] list(List<String> strings) {
        Bytes b = new Bytes();
        for (String s : strings) {
            byte[] bytes = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            if (b.pos + bytes.length + 1 > MetadataParser.MAX_LIST) {
                break;
            }
            b.raw(bytes).i8(0);
        }
        return Arrays.copyOf(b.buf, b.pos);
    }

    /** A growable little-endian byte array for header blocks. */
    private static final class Bytes {
        byte[] buf = new byte[4096];
        int pos;
        private int blockStart = -1;

        private void grow(int n) {
            if (buf.length - pos < n) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void begin(int type) {
            blockStart = pos;
            i32(type).i32(0);
        }

        /** Pads the block, writes its length in the header and as the trailer. */
        void end() {
            while ((pos - blockStart) % 4 != 0) {
                i8(0);
            }
            int length = pos - blockStart + 4;
            patch32(blockStart + 4, length);
            i32(length);
        }

        Bytes i8(int v) {
            grow(1);
            buf[pos++] = (byte) v;
            return this;
        }

        Bytes i16(int v) {
            grow(2);
            buf[pos++] = (byte) v;
            buf[pos++] = (byte) (v >>> 8);
            return this;
        }

        Bytes i32(int v) {
            grow(4);
            patch32(pos, v);
            pos += 4;
            return this;
        }

        Bytes i64(long v) {
            return i32((int) v).i32((int) (v >>> 32));
        }

        void patch32(int at, int v) {
            buf[at] = (byte) v;
            buf[at + 1] = (byte) (v >>> 8);
            buf[at + 2] = (byte) (v >>> 16);
            buf[at + 3] = (byte) (v >>> 24);
        }

        Bytes raw(byte[] bytes) {
            grow(bytes.length);
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
            return this;
        }

        Bytes zeros(int n) {
            grow(n);
            pos += n;
            return this;
        }

        Bytes str16(byte[] bytes) {
            return i16(bytes.length).raw(bytes);
        }

        /** An address of exactly {@code width} bytes (missing bytes as zeros). */
        Bytes address(byte[] addr, int width) {
            grow(width);
            if (addr != null) {
                System.arraycopy(addr, 0, buf, pos, Math.min(width, addr.length));
            }
            pos += width;
            return this;
        }
    }
}

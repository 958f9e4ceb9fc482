package org.lanner.syscall.internal;

import java.nio.charset.StandardCharsets;

import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.state.FdView;

/**
 * One file descriptor as libsinsp knows it. Immutable: a change (a connect filling in a socket's
 * tuple, a close marking it in progress) makes a new object through {@link Builder}, so an event's
 * context keeps seeing the descriptor as it was after that event.
 *
 * <p>The socket details live in a 40-byte array laid out like libsinsp's socket-info union (an
 * IPv4 tuple, an IPv4 server address, an IPv6 tuple, an IPv6 server address or a unix tuple at
 * the same offsets), so that reading one view after another was written gives libsinsp's values.
 */
final class FdInfo implements FdView {

    // fd flags (libsinsp sinsp_fdinfo flags)
    static final int FROM_PROC = 1;
    static final int ROLE_CLIENT = 1 << 2;
    static final int ROLE_SERVER = 1 << 3;
    static final int CLOSE_IN_PROGRESS = 1 << 4;
    static final int CLOSE_CANCELED = 1 << 5;
    static final int IS_TRACER_FILE = 1 << 7;
    static final int IS_TRACER_FD = 1 << 8;
    static final int IS_NOT_TRACER_FD = 1 << 9;
    static final int SOCKET_CONNECTED = 1 << 13;
    static final int IS_CLONED = 1 << 14;
    static final int CONNECTION_PENDING = 1 << 15;
    static final int CONNECTION_FAILED = 1 << 16;

    /** The type of a descriptor whose type libsinsp has not set (SCAP_FD_UNINITIALIZED). */
    static final int UNINITIALIZED = -1;

    // l4 protocols
    static final int L4_UNKNOWN = 0;
    static final int L4_NA = 1;
    static final int L4_TCP = 2;
    static final int L4_UDP = 3;
    static final int L4_ICMP = 4;
    static final int L4_RAW = 5;

    // offsets into the socket-info union
    static final int V4_SIP = 0;
    static final int V4_DIP = 4;
    static final int V4_SPORT = 8;
    static final int V4_DPORT = 10;
    static final int V4_L4 = 12;
    static final int V4S_IP = 0;
    static final int V4S_PORT = 4;
    static final int V4S_L4 = 6;
    static final int V6_SIP = 0;
    static final int V6_DIP = 16;
    static final int V6_SPORT = 32;
    static final int V6_DPORT = 34;
    static final int V6_L4 = 36;
    static final int V6S_IP = 0;
    static final int V6S_PORT = 16;
    static final int V6S_L4 = 18;
    static final int UNIX_SOURCE = 0;
    static final int UNIX_DEST = 8;
    static final int SOCK_SIZE = 40;

    private static final byte[] ZEROS = new byte[SOCK_SIZE];

    final int type;
    final int openFlags;
    final String name;
    final int flags;
    final int dev;
    final long ino;
    private final byte[] sock;
    private volatile byte[] nameBytes;
    private volatile String[] addressTexts;
    private volatile String[] portTexts;

    private FdInfo(Builder b) {
        this.type = b.type;
        this.openFlags = b.openFlags;
        this.name = b.name;
        this.flags = b.flags;
        this.dev = b.dev;
        this.ino = b.ino;
        this.sock = b.sock == null ? null : b.sock.clone();
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.openFlags = openFlags;
        b.name = name;
        b.flags = flags;
        b.dev = dev;
        b.ino = ino;
        b.sock = sock == null ? null : sock.clone();
        return b;
    }

    // ---- the exported view (FdView)

    @Override
    public char typeChar() {
        return typeChar(type);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int openFlags() {
        return openFlags;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The name as UTF-8 bytes (computed once). */
    byte[] nameBytes() {
        byte[] b = nameBytes;
        if (b == null) {
            b = name.getBytes(StandardCharsets.UTF_8);
            nameBytes = b;
        }
        return b;
    }

    /** Both addresses of a connection, or the address of a listening socket, as text; null for others. */
    String[] addressTexts() {
        String[] t = addressTexts;
        if (t == null) {
            byte[] s = sock();
            switch (type) {
                case FdEntry.IPV4_SOCK:
                    t = new String[] {NetFormat.ipv4(u32(V4_SIP)), NetFormat.ipv4(u32(V4_DIP))};
                    break;
                case FdEntry.IPV4_SERVSOCK:
                    t = new String[] {NetFormat.ipv4(u32(V4S_IP))};
                    break;
                case FdEntry.IPV6_SOCK:
                    t = new String[] {NetFormat.ipv6(s, V6_SIP), NetFormat.ipv6(s, V6_DIP)};
                    break;
                case FdEntry.IPV6_SERVSOCK:
                    t = new String[] {NetFormat.ipv6(s, V6S_IP)};
                    break;
                default:
                    return null;
            }
            addressTexts = t;
        }
        return t;
    }

    /** Both ports of a connection, or the port of a listening socket (twice), as text; null for others. */
    String[] portTexts() {
        String[] t = portTexts;
        if (t == null) {
            switch (type) {
                case FdEntry.IPV4_SOCK:
                    t = new String[] {Integer.toString(u16(V4_SPORT)), Integer.toString(u16(V4_DPORT))};
                    break;
                case FdEntry.IPV4_SERVSOCK:
                    t = new String[] {Integer.toString(u16(V4S_PORT))};
                    break;
                case FdEntry.IPV6_SOCK:
                    t = new String[] {Integer.toString(u16(V6_SPORT)), Integer.toString(u16(V6_DPORT))};
                    break;
                case FdEntry.IPV6_SERVSOCK:
                    t = new String[] {Integer.toString(u16(V6S_PORT))};
                    break;
                default:
                    return null;
            }
            portTexts = t;
        }
        return t;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    int u8(int off) {
        return sock == null ? 0 : sock[off] & 0xff;
    }

    int u16(int off) {
        return sock == null ? 0 : (sock[off] & 0xff) | (sock[off + 1] & 0xff) << 8;
    }

    int u32(int off) {
        return sock == null ? 0 : NetFormat.ipv4Raw(sock, off);
    }

    long u64(int off) {
        return (u32(off) & 0xffffffffL) | ((long) u32(off + 4)) << 32;
    }

    /** The socket-info bytes (never modified; zeros when the descriptor has none). */
    byte[] sock() {
        return sock == null ? ZEROS : sock;
    }

    boolean isFile() {
        return type == FdEntry.FILE || type == FdEntry.FILE_V2;
    }

    boolean isDirectory() {
        return type == FdEntry.DIRECTORY;
    }

    boolean isRoleServer() {
        return has(ROLE_SERVER);
    }

    boolean isRoleClient() {
        return has(ROLE_CLIENT);
    }

    boolean isRoleNone() {
        return (flags & (ROLE_CLIENT | ROLE_SERVER)) == 0;
    }

    boolean isUdpSocket() {
        return type == FdEntry.IPV4_SOCK && u8(V4_L4) == L4_UDP;
    }

    boolean isTcpSocket() {
        return type == FdEntry.IPV4_SOCK && u8(V4_L4) == L4_TCP;
    }

    /** libsinsp's {@code get_l4proto}. */
    int l4proto() {
        switch (type) {
            case FdEntry.IPV4_SOCK: {
                int p = u8(V4_L4);
                if (p == L4_RAW) {
                    return L4_RAW;
                }
                return isRoleNone() ? L4_NA : p;
            }
            case FdEntry.IPV4_SERVSOCK:
                return u8(V4S_L4);
            case FdEntry.IPV6_SOCK: {
                int p = u8(V6_L4);
                if (p == L4_RAW) {
                    return L4_RAW;
                }
                return isRoleNone() ? L4_NA : p;
            }
            case FdEntry.IPV6_SERVSOCK:
                return u8(V6S_L4);
            default:
                return L4_NA;
        }
    }

    /** {@code fd.type}. */
    static String typeString(int type) {
        switch (type) {
            case FdEntry.FILE:
            case FdEntry.FILE_V2:
                return "file";
            case FdEntry.DIRECTORY:
                return "directory";
            case FdEntry.IPV4_SOCK:
            case FdEntry.IPV4_SERVSOCK:
                return "ipv4";
            case FdEntry.IPV6_SOCK:
            case FdEntry.IPV6_SERVSOCK:
                return "ipv6";
            case FdEntry.UNIX_SOCK:
                return "unix";
            case FdEntry.FIFO:
                return "pipe";
            case FdEntry.EVENT:
                return "event";
            case FdEntry.SIGNALFD:
                return "signalfd";
            case FdEntry.EVENTPOLL:
                return "eventpoll";
            case FdEntry.INOTIFY:
                return "inotify";
            case FdEntry.TIMERFD:
                return "timerfd";
            case FdEntry.NETLINK:
                return "netlink";
            default:
                return "<NA>";
        }
    }

    /** {@code fd.typechar}. */
    static char typeChar(int type) {
        switch (type) {
            case FdEntry.FILE:
            case FdEntry.FILE_V2:
                return 'f';
            case FdEntry.IPV4_SOCK:
            case FdEntry.IPV4_SERVSOCK:
                return '4';
            case FdEntry.IPV6_SOCK:
            case FdEntry.IPV6_SERVSOCK:
                return '6';
            case FdEntry.DIRECTORY:
                return 'd';
            case FdEntry.FIFO:
                return 'p';
            case FdEntry.UNIX_SOCK:
                return 'u';
            case FdEntry.EVENT:
                return 'e';
            case FdEntry.UNKNOWN:
                return 'o';
            case FdEntry.UNSUPPORTED:
                return 'X';
            case FdEntry.SIGNALFD:
                return 's';
            case FdEntry.EVENTPOLL:
                return 'l';
            case FdEntry.INOTIFY:
                return 'i';
            case FdEntry.TIMERFD:
                return 't';
            case FdEntry.NETLINK:
                return 'n';
            default:
                return '?';
        }
    }

    @Override
    public String toString() {
        return "fd[" + typeString(type) + " " + name + "]";
    }

    /** A mutable copy to build the next version of a descriptor. */
    static final class Builder {
        int type = UNINITIALIZED;
        int openFlags;
        String name = "";
        int flags;
        int dev;
        long ino;
        byte[] sock;

        FdInfo build() {
            return new FdInfo(this);
        }

        private byte[] sock() {
            if (sock == null) {
                sock = new byte[SOCK_SIZE];
            }
            return sock;
        }

        /** The socket-info bytes, allocated when needed (writes go to the builder's copy). */
        byte[] sockBytes() {
            return sock();
        }

        int u8(int off) {
            return sock == null ? 0 : sock[off] & 0xff;
        }

        int u16(int off) {
            return sock == null ? 0 : (sock[off] & 0xff) | (sock[off + 1] & 0xff) << 8;
        }

        int u32(int off) {
            return sock == null ? 0 : NetFormat.ipv4Raw(sock, off);
        }

        Builder u8(int off, int v) {
            sock()[off] = (byte) v;
            return this;
        }

        Builder u16(int off, int v) {
            byte[] s = sock();
            s[off] = (byte) v;
            s[off + 1] = (byte) (v >>> 8);
            return this;
        }

        Builder u32(int off, int v) {
            byte[] s = sock();
            s[off] = (byte) v;
            s[off + 1] = (byte) (v >>> 8);
            s[off + 2] = (byte) (v >>> 16);
            s[off + 3] = (byte) (v >>> 24);
            return this;
        }

        Builder u64(int off, long v) {
            u32(off, (int) v);
            u32(off + 4, (int) (v >>> 32));
            return this;
        }

        Builder bytes(int off, byte[] src, int srcOff, int len) {
            System.arraycopy(src, srcOff, sock(), off, len);
            return this;
        }

        boolean equalBytes(int off, byte[] other, int otherOff, int len) {
            for (int i = 0; i < len; i++) {
                if ((sock == null ? 0 : sock[off + i]) != other[otherOff + i]) {
                    return false;
                }
            }
            return true;
        }

        boolean zeroBytes(int off, int len) {
            if (sock == null) {
                return true;
            }
            for (int i = 0; i < len; i++) {
                if (sock[off + i] != 0) {
                    return false;
                }
            }
            return true;
        }

        void clearSock(int len) {
            if (sock != null) {
                java.util.Arrays.fill(sock, 0, len, (byte) 0);
            }
        }

        boolean isRoleNone() {
            return (flags & (ROLE_CLIENT | ROLE_SERVER)) == 0;
        }

        boolean isRoleServer() {
            return (flags & ROLE_SERVER) != 0;
        }

        boolean isRoleClient() {
            return (flags & ROLE_CLIENT) != 0;
        }

        void connected() {
            flags = (flags & ~(CONNECTION_PENDING | CONNECTION_FAILED)) | SOCKET_CONNECTED;
        }

        void pending() {
            flags = (flags & ~(SOCKET_CONNECTED | CONNECTION_FAILED)) | CONNECTION_PENDING;
        }

        void failed() {
            flags = (flags & ~(SOCKET_CONNECTED | CONNECTION_PENDING)) | CONNECTION_FAILED;
        }

        /** libsinsp's {@code get_l4proto} on the builder's current content. */
        int l4proto() {
            return build().l4proto();
        }
    }
}

package org.lanner.output.syslog.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * A connected unix datagram socket, which Java's own API does not offer, through JNA to libc.
 * Not thread-safe: one thread sends, as the publisher's worker does.
 */
final class UnixDatagram implements AutoCloseable {

    /** The libc calls used; JNA throws {@link LastErrorException} with errno when one returns -1. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int connect(int fd, byte[] address, int length) throws LastErrorException;

        long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        String strerror(int errnum);
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH_MAX = 108;

    /** errno values after which the daemon may be back: reconnect and send again once. */
    static final int ENOENT = 2;
    static final int EPIPE = 32;
    static final int ENOTCONN = 107;
    static final int ECONNRESET = 104;
    static final int ECONNREFUSED = 111;

    private final String path;
    private final byte[] address;
    private int fd = -1;

    UnixDatagram(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (p.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("syslog_output.socket: path longer than " + (SUN_PATH_MAX - 1) + " bytes: " + path);
        }
        this.path = path;
        ByteBuffer b = ByteBuffer.allocate(2 + p.length + 1).order(ByteOrder.nativeOrder());
        b.putShort((short) AF_UNIX).put(p).put((byte) 0);
        this.address = b.array();
    }

    /** Sends one datagram, connecting first if needed and once more after the daemon went away. */
    void send(byte[] message) throws IOException {
        try {
            sendOnce(message);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            close();
            if (errno != ECONNREFUSED && errno != ENOTCONN && errno != ECONNRESET && errno != EPIPE && errno != ENOENT) {
                throw failure("send to", e);
            }
            try {
                sendOnce(message);
            } catch (LastErrorException again) {
                close();
                throw failure("send to", again);
            }
        }
    }

    private void sendOnce(byte[] message) {
        if (fd < 0) {
            int s = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            try {
                LibC.INSTANCE.connect(s, address, address.length);
            } catch (LastErrorException e) {
                LibC.INSTANCE.close(s);
                throw e;
            }
            fd = s;
        }
        LibC.INSTANCE.send(fd, message, message.length, MSG_NOSIGNAL);
    }

    private IOException failure(String what, LastErrorException e) {
        return new IOException(what + " " + path + ": " + LibC.INSTANCE.strerror(e.getErrorCode()) + " (errno " + e.getErrorCode() + ")");
    }

    @Override
    public void close() {
        if (fd >= 0) {
            int s = fd;
            fd = -1;
            try {
                LibC.INSTANCE.close(s);
            } catch (LastErrorException ignored) {
                // the descriptor is gone either way
            }
        }
    }
}

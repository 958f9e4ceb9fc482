package org.lanner.api.syscall;

/**
 * One open file descriptor of a thread (a libscap fd-list entry).
 *
 * <p>Which fields carry meaning depends on {@link #type()}: files, directories and the named
 * kinds use {@link #name()} (and files {@link #openFlags()} and {@link #dev()}); IP sockets use the
 * address fields; server sockets use {@link #sourceIp()}/{@link #sourcePort()} as their local
 * address; unix sockets use {@link #sourceId()}, {@link #destId()} and {@link #name()} as the path.
 * Address arrays hold 4 (IPv4) or 16 (IPv6) bytes in network order; do not modify them.
 *
 * @param fd the fd number
 * @param ino inode number (0 unknown)
 * @param type the {@code SCAP_FD_*} type, see the constants
 * @param name path or name
 * @param openFlags {@code PPM_O_*} open flags of files
 * @param dev device number of the file system of files
 * @param sourceIp source (client) address, or the local address of a server socket
 * @param sourcePort source port, or the local port of a server socket
 * @param destIp destination (server) address
 * @param destPort destination port
 * @param l4proto 0 unknown, 1 n/a, 2 TCP, 3 UDP, 4 ICMP, 5 raw
 * @param sourceId unix socket source (kernel address)
 * @param destId unix socket destination (kernel address)
 */
public record FdEntry(long fd, long ino, int type, String name, int openFlags, int dev, byte[] sourceIp,
        int sourcePort, byte[] destIp, int destPort, int l4proto, long sourceId, long destId) {

    public static final int UNKNOWN = 0;
    public static final int FILE = 1;
    public static final int DIRECTORY = 2;
    public static final int IPV4_SOCK = 3;
    public static final int IPV6_SOCK = 4;
    public static final int IPV4_SERVSOCK = 5;
    public static final int IPV6_SERVSOCK = 6;
    public static final int FIFO = 7;
    public static final int UNIX_SOCK = 8;
    public static final int EVENT = 9;
    public static final int UNSUPPORTED = 10;
    public static final int SIGNALFD = 11;
    public static final int EVENTPOLL = 12;
    public static final int INOTIFY = 13;
    public static final int TIMERFD = 14;
    public static final int NETLINK = 15;
    public static final int FILE_V2 = 16;
    /** A bpf object (newer libscap; known by its name like the other named kinds). */
    public static final int BPF = 17;
    /** A userfaultfd (newer libscap). */
    public static final int USERFAULTFD = 18;
    /** An io_uring instance (newer libscap). */
    public static final int IOURING = 19;
    /** A memfd (newer libscap). */
    public static final int MEMFD = 20;
    /** A pidfd (newer libscap). */
    public static final int PIDFD = 21;

    public FdEntry {
        name = name == null ? "" : name;
    }

    /** A descriptor known by its name only (files, directories, pipes, eventfds…). */
    public static FdEntry named(long fd, long ino, int type, String name, int openFlags, int dev) {
        return new FdEntry(fd, ino, type, name, openFlags, dev, null, 0, null, 0, 0, 0, 0);
    }

    /** A connected IPv4/IPv6 socket. */
    public static FdEntry socket(long fd, long ino, int type, byte[] sip, int sport, byte[] dip, int dport, int l4proto) {
        return new FdEntry(fd, ino, type, "", 0, 0, sip, sport, dip, dport, l4proto, 0, 0);
    }

    /** A listening IPv4/IPv6 socket. */
    public static FdEntry serverSocket(long fd, long ino, int type, byte[] ip, int port, int l4proto) {
        return new FdEntry(fd, ino, type, "", 0, 0, ip, port, null, 0, l4proto, 0, 0);
    }

    /** A unix socket. */
    public static FdEntry unixSocket(long fd, long ino, long source, long dest, String path) {
        return new FdEntry(fd, ino, UNIX_SOCK, path, 0, 0, null, 0, null, 0, 0, source, dest);
    }
}

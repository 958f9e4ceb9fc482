package org.lanner.driver.ebpf.internal;

/**
 * How the driver is opened.
 *
 * @param ringBytes size of each per-CPU ring buffer (a power of two)
 * @param snaplen bytes of I/O data kept in read/write/send/recv events
 * @param windowNanos reordering window: events younger than this wait for older ones from other CPUs
 * @param copyBufferBytes size of the direct buffer one native call copies into
 * @param maxEventsPerCall most events one native call returns
 */
public record DriverSettings(int ringBytes, int snaplen, long windowNanos, int copyBufferBytes, int maxEventsPerCall) {

    /** The largest snaplen: the longest I/O buffer the probe copies ({@code LANNER_MAX_SNAPLEN}, native/src/shared.h). */
    public static final int MAX_SNAPLEN = 8192;

    /** 8 MiB rings, 80-byte snaplen, 1 ms window: Falco's defaults where it has them. */
    public static final DriverSettings DEFAULTS = new DriverSettings(8 << 20, 80, 1_000_000L, 4 << 20, 65536);

    public DriverSettings {
        if (ringBytes < 4096 || Integer.bitCount(ringBytes) != 1) {
            throw new IllegalArgumentException("ring buffer size must be a power of two of at least 4096 bytes, not " + ringBytes);
        }
        if (snaplen < 0 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException("snaplen must be between 0 and " + MAX_SNAPLEN + ", not " + snaplen);
        }
    }

    /** The same settings with another snaplen. */
    public DriverSettings withSnaplen(int bytes) {
        return new DriverSettings(ringBytes, bytes, windowNanos, copyBufferBytes, maxEventsPerCall);
    }
}

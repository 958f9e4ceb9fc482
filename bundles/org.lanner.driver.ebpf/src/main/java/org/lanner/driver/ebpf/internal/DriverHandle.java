package org.lanner.driver.ebpf.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

import org.lanner.api.source.SourceException;
import org.lanner.api.source.SourceStats;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * One loaded and attached probe with its per-CPU rings, and the direct memory batches are
 * copied through. Closing detaches everything; so does the death of the process (the BPF links
 * are owned by its file descriptors).
 *
 * <p>Threads: {@link #read} from the reader thread; {@link #interesting}, {@link #snaplen},
 * {@link #stats} and {@link #close} from any thread. The native calls never block, so one monitor serialises them.
 */
final class DriverHandle implements AutoCloseable {

    /** Prefix of every error that stops live capture from starting. */
    static final String NEEDS = "live capture needs root or CAP_BPF+CAP_PERFMON and a kernel with BTF: ";

    private Pointer handle;
    private final ByteBuffer records;
    private final ByteBuffer cpus;
    private final ByteBuffer outBytes;
    private final Pointer recordsPtr;
    private final Pointer cpusPtr;
    private final Pointer outBytesPtr;
    private final int maxEvents;
    private final long[] stats = new long[LannerDrv.STAT_COUNT];

    private DriverHandle(Pointer handle, int bufferBytes, int maxEvents) {
        this.handle = handle;
        this.maxEvents = maxEvents;
        this.records = ByteBuffer.allocateDirect(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.cpus = ByteBuffer.allocateDirect(maxEvents * 2).order(ByteOrder.LITTLE_ENDIAN);
        this.outBytes = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
        this.recordsPtr = Native.getDirectBufferPointer(records);
        this.cpusPtr = Native.getDirectBufferPointer(cpus);
        this.outBytesPtr = Native.getDirectBufferPointer(outBytes);
    }

    /** Loads the probe with {@code s} and attaches it, capture still off; our own process is not captured. */
    static DriverHandle open(DriverSettings s) throws SourceException {
        return open(s.ringBytes(), s.snaplen(), (int) ProcessHandle.current().pid(), s.windowNanos(), s.copyBufferBytes(),
                s.maxEventsPerCall());
    }

    /**
     * Loads the probe and attaches it, capture still off.
     *
     * @param ringBytes per-CPU ring size (power of two)
     * @param snaplen bytes of I/O data kept per event
     * @param ignoreTgid process not captured (ours)
     * @param windowNanos reordering window
     * @param bufferBytes size of the copy buffer (the largest batch in bytes)
     * @param maxEvents most events per batch
     */
    static DriverHandle open(int ringBytes, int snaplen, int ignoreTgid, long windowNanos, int bufferBytes, int maxEvents)
            throws SourceException {
        try {
            LannerDrv.load();
        } catch (UnsatisfiedLinkError e) {
            throw new SourceException("live capture is unavailable: cannot load the driver library liblannerdrv.so ("
                    + e.getMessage() + "); it needs Linux x86_64 and libbpf.so.1 (Debian package libbpf1)", e);
        }
        byte[] err = new byte[1024];
        Pointer h = LannerDrv.lanner_open(ringBytes, snaplen, ignoreTgid, windowNanos, err, err.length);
        if (h == null) {
            throw new SourceException(NEEDS + cString(err));
        }
        return new DriverHandle(h, bufferBytes, maxEvents);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    synchronized void start() {
        if (handle != null) {
            LannerDrv.lanner_start(handle);
        }
    }

    /** Bytes of I/O data kept from now on (0..{@link DriverSettings#MAX_SNAPLEN}); the probe reads it at every event. */
    synchronized void snaplen(int bytes) {
        if (handle == null) {
            return;
        }
        int rc = LannerDrv.lanner_set_snaplen(handle, bytes);
        if (rc != 0) {
            throw new IllegalArgumentException("the driver refused snaplen " + bytes + " (error " + rc + ")");
        }
    }

    /** Event types to capture (null: everything). */
    synchronized void interesting(BitSet types) {
        if (handle == null) {
            return;
        }
        if (types == null) {
            LannerDrv.lanner_set_interesting(handle, null, 0);
        } else {
            byte[] bits = types.toByteArray();
            LannerDrv.lanner_set_interesting(handle, bits, bits.length);
        }
    }

    /** The records of the last {@link #read}: back to back from offset 0. */
    ByteBuffer records() {
        return records;
    }

    /** The CPU of event {@code i} of the last {@link #read}. */
    int cpu(int i) {
        return Short.toUnsignedInt(cpus.getShort(i * 2));
    }

    /** Bytes used by the last {@link #read}. */
    int bytes() {
        return outBytes.getInt(0);
    }

    /** {@link #read} result: the oldest event does not fit; its length is {@link #bytes()}. */
    static final int TOO_BIG = -7;

    /**
     * Copies the available events (at most {@code max} and {@code capBytes}) into the direct
     * buffer; returns how many, -1 once closed, or {@link #TOO_BIG}.
     */
    synchronized int read(int capBytes, int max) {
        if (handle == null) {
            return -1;
        }
        int cap = Math.min(capBytes, records.capacity());
        return LannerDrv.lanner_next_batch(handle, recordsPtr, cap, cpusPtr, Math.min(max, maxEvents), outBytesPtr);
    }

    synchronized SourceStats stats() {
        if (handle == null) {
            return new SourceStats(stats[LannerDrv.STAT_EVENTS], stats[LannerDrv.STAT_DROPS], stats[LannerDrv.STAT_DROPS_BUFFER],
                    stats[LannerDrv.STAT_DROPS_PF], stats[LannerDrv.STAT_DROPS_BUG], stats[LannerDrv.STAT_PREEMPTIONS]);
        }
        LannerDrv.lanner_stats(handle, stats);
        return new SourceStats(stats[LannerDrv.STAT_EVENTS], stats[LannerDrv.STAT_DROPS], stats[LannerDrv.STAT_DROPS_BUFFER],
                stats[LannerDrv.STAT_DROPS_PF], stats[LannerDrv.STAT_DROPS_BUG], stats[LannerDrv.STAT_PREEMPTIONS]);
    }

    /** Events handed out so far. */
    synchronized long delivered() {
        return handle == null ? stats[LannerDrv.STAT_DELIVERED] : statsDelivered();
    }

    private long statsDelivered() {
        LannerDrv.lanner_stats(handle, stats);
        return stats[LannerDrv.STAT_DELIVERED];
    }

    synchronized boolean isOpen() {
        return handle != null;
    }

    /** Detaches the probe and frees everything; the last stats stay readable. */
    @Override
    public synchronized void close() {
        if (handle != null) {
            LannerDrv.lanner_stats(handle, stats);
            LannerDrv.lanner_close(handle);
            handle = null;
        }
    }
}

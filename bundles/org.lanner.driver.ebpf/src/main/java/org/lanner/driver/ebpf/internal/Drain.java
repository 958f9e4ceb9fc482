package org.lanner.driver.ebpf.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;

/**
 * Empties the rings into memory from the moment capture starts until the stream is first read.
 * Capture starts before {@code /proc} is read (so that nothing that happens meanwhile is missed),
 * and reading {@code /proc}, then starting the run, takes a second or more on a loaded host; at
 * that moment the probe writes every event type (the run has not chosen its types yet), hundreds
 * of thousands a second, more than the rings hold. This thread keeps them in order in memory, up to
 * a bound in bytes; past the bound it stops reading and the rings fill, so any loss is still the
 * probe's, counted as a buffer drop.
 *
 * <p>Threads: its own thread reads the driver until {@link #stop}; {@link #take} after {@link #stop}
 * from the stream's reader, which reads the driver itself once the chunks are handed out.
 */
final class Drain {

    private static final long PAUSE_NANOS = 200_000L;

    /** Events copied out of the driver in one call: records back to back, and their CPUs. */
    private record Chunk(byte[] records, short[] cpus) {
    }

    private final DriverHandle driver;
    private final int maxBytes;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean stop;
    /** Whether reading stopped at {@link #maxBytes}. */
    private boolean full;
    /** Totals read from the driver. */
    private long events;
    private long bytes;
    /** Events of {@link #chunks} not handed out yet; read by any thread. */
    private volatile long queued;
    /** Where the reader is in the head chunk: event index and byte offset. */
    private int index;
    private int offset;

    Drain(DriverHandle driver, int maxBytes) {
        this.driver = driver;
        this.maxBytes = maxBytes;
        this.thread = new Thread(this::run, "lanner-driver-drain");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stop) {
            if (bytes >= maxBytes) {
                // the bound: what comes next waits in the rings, or is counted there as lost
                full = true;
                return;
            }
            int n = driver.read((int) Math.min(Integer.MAX_VALUE, maxBytes - bytes), Integer.MAX_VALUE);
            if (n < 0) {
                // closed, or an event larger than what is left: the stream's reader meets it
                full = n == DriverHandle.TOO_BIG;
                return;
            }
            if (n == 0) {
                LockSupport.parkNanos(PAUSE_NANOS);
                continue;
            }
            ByteBuffer src = driver.records();
            int len = driver.bytes();
            byte[] records = new byte[len];
            src.get(0, records);
            short[] cpus = new short[n];
            for (int i = 0; i < n; i++) {
                cpus[i] = (short) driver.cpu(i);
            }
            chunks.add(new Chunk(records, cpus));
            events += n;
            bytes += len;
            queued = events;
        }
    }

    /** Stops reading the driver and waits until the thread has ended; then the chunks are the reader's. */
    void stop() {
        stop = true;
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every event was handed out. */
    boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** The length of the next event to hand out. */
    int nextLength() {
        return length(chunks.peek().records, offset);
    }

    /** The length of the record at {@code off} (little-endian, at offset 16 of the libscap header). */
    private static int length(byte[] b, int off) {
        int at = off + 16;
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /** Whether reading stopped because the memory was full (after {@link #stop}). */
    boolean full() {
        return full;
    }

    /** Events read into memory. */
    long events() {
        return events;
    }

    /** Bytes read into memory. */
    long bytes() {
        return bytes;
    }

    /** Events read into memory and not handed out yet. */
    long queued() {
        return queued;
    }

    /**
     * Moves the next events into {@code batch}, as many as fit; after {@link #stop}.
     *
     * @return the number of events; 0 when every event was handed out, or when the next one does not
     *     fit in an empty batch ({@link #isEmpty} tells which, {@link #nextLength} its length)
     */
    int take(EventBatch batch) {
        int n = 0;
        while (!chunks.isEmpty()) {
            Chunk c = chunks.peek();
            while (index < c.cpus.length) {
                int len = length(c.records, offset);
                if (batch.size() >= batch.maxEvents() || batch.remainingBytes() < Math.max(len, Event.HEADER_SIZE)) {
                    queued -= n;
                    return n;
                }
                int at = batch.reserve(len);
                batch.buffer().put(at, c.records, offset, len);
                batch.commit(len, Short.toUnsignedInt(c.cpus[index]), 0);
                offset += len;
                index++;
                n++;
            }
            chunks.poll();
            index = 0;
            offset = 0;
        }
        queued -= n;
        return n;
    }
}

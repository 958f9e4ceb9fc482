package org.lanner.driver.ebpf.internal;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.Snapshot;
import org.lanner.api.source.SourceException;
import org.lanner.api.source.SourceStats;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.SystemSnapshot;

/**
 * A live capture: batches come straight from the driver's per-CPU rings (one native call copies
 * many events into a direct buffer, one bulk copy moves them into the {@link EventBatch}), in
 * timestamp order. When nothing is there the reader backs off (50 µs doubling up to 1 ms) and
 * returns {@link #TIMEOUT} after 30 ms, libscap's longest wait on empty buffers, so that
 * {@code syscall_event_timeouts.max_consecutives} (1000) means about 30 s of silence, as in Falco; no
 * wakeup is ever asked of the kernel. From the start of capture until the first {@link #nextBatch}, a
 * {@link Drain} empties the rings into memory; the first batches come from there.
 */
public final class LiveEventStream implements EventStream {

    private static final System.Logger LOG = System.getLogger(LiveEventStream.class.getName());

    /** Longest a {@link #nextBatch} call waits for events. */
    static final long IDLE_RETURN_NANOS = 30_000_000L;
    private static final long BACKOFF_MIN_NANOS = 50_000L;
    private static final long BACKOFF_MAX_NANOS = 1_000_000L;

    private final DriverHandle driver;
    private final SystemSnapshot snapshot;
    private volatile boolean closed;
    /** When capture was turned on ({@link System#nanoTime}). */
    private final long startedNanos;

    /** The events read from the rings before the first {@link #nextBatch}, until they are all handed out; then null. */
    private volatile Drain drain;
    private boolean drainStopped;
    /** At the first read: the events lost so far, and whether the memory they were read into was full. */
    private volatile long dropsAtFirstRead = -1;
    private volatile boolean drainFull;

    LiveEventStream(DriverHandle driver, SystemSnapshot snapshot, long startedNanos, Drain drain) {
        this.driver = driver;
        this.snapshot = snapshot;
        this.startedNanos = startedNanos;
        this.drain = drain;
    }

    /**
     * Opens the driver, reads the initial state from {@code /proc} (after attaching, so nothing
     * started in between is missed) and starts capturing.
     *
     * @param settings ring size, snaplen and the rest
     * @param scanner the /proc reader
     */
    public static LiveEventStream open(DriverSettings settings, ProcScanner scanner) throws SourceException {
        return open(settings, scanner::scan);
    }

    /** {@link #open(DriverSettings, ProcScanner)} with what reads the initial state. */
    static LiveEventStream open(DriverSettings settings, Supplier<SystemSnapshot> scan) throws SourceException {
        long t0 = System.nanoTime();
        return open(DriverHandle.open(settings), scan, t0);
    }

    /**
     * Starts capturing with a probe loaded beforehand ({@link DriverHandle#open(DriverSettings)}),
     * then reads the initial state from {@code /proc}.
     *
     * @param h the loaded, attached probe, capture still off; closed here if this fails
     * @param scan reads the initial state from /proc
     * @param t0 when loading the probe started (for the debug timings: the load time includes any
     *     wait for a load started ahead)
     */
    static LiveEventStream open(DriverHandle h, Supplier<SystemSnapshot> scan, long t0) {
        Drain drain = null;
        try {
            long t1 = System.nanoTime();
            h.start();
            // the rings fill while /proc is read and the run starts: empty them into memory meanwhile
            drain = new Drain(h, drainBytes());
            long t2 = System.nanoTime();
            SystemSnapshot snap = scan.get();
            long t3 = System.nanoTime();
            LOG.log(System.Logger.Level.DEBUG, () -> String.format("live capture opened: probe loaded in %d ms, attached in %d ms, "
                    + "/proc read in %d ms (%d threads)", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                    snap.threads().size()));
            return new LiveEventStream(h, snap, t1, drain);
        } catch (RuntimeException e) {
            if (drain != null) {
                drain.stop();
            }
            h.close();
            throw e;
        }
    }

    /** The most bytes of events held in memory before the first read: an eighth of the heap, at most 64 MiB. */
    static int drainBytes() {
        return (int) Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);
    }

    @Override
    public int nextBatch(EventBatch batch) throws SourceException {
        batch.source("syscall");
        if (drain != null) {
            if (!drainStopped) {
                drainStopped = true;
                drain.stop();
                drainFull = drain.full();
                logFirstRead();
                Drain d = drain;
                LOG.log(System.Logger.Level.DEBUG, () -> String.format("%d events (%d KiB) were read into memory while /proc was read "
                        + "and the run started", d.events(), d.bytes() >> 10));
            }
            if (closed) {
                return EOF;
            }
            int n = drain.take(batch);
            if (n > 0) {
                return n;
            }
            if (!drain.isEmpty()) {
                throw new SourceException("an event of " + drain.nextLength() + " bytes does not fit in a batch of "
                        + batch.byteCapacity() + " bytes; use batches of at least 64 KiB");
            }
            drain = null;
        }
        long deadline = 0;
        long backoff = BACKOFF_MIN_NANOS;
        while (true) {
            if (closed) {
                return EOF;
            }
            int room = batch.maxEvents() - batch.size();
            int cap = batch.remainingBytes();
            if (room <= 0 || cap < org.lanner.api.event.Event.HEADER_SIZE) {
                return batch.size() > 0 ? batch.size() : TIMEOUT;
            }
            int n = driver.read(cap, room);
            if (n == DriverHandle.TOO_BIG) {
                if (batch.size() > 0) {
                    return batch.size();
                }
                throw new SourceException("an event of " + driver.bytes() + " bytes does not fit in a batch of "
                        + batch.byteCapacity() + " bytes; use batches of at least 64 KiB");
            }
            if (n < 0) {
                return EOF;
            }
            if (n > 0) {
                copy(batch, n);
                return n;
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + IDLE_RETURN_NANOS;
            } else if (now >= deadline) {
                return TIMEOUT;
            }
            LockSupport.parkNanos(backoff);
            backoff = Math.min(backoff * 2, BACKOFF_MAX_NANOS);
        }
    }

    private void logFirstRead() {
        long ms = (System.nanoTime() - startedNanos) / 1_000_000;
        SourceStats st = driver.stats();
        dropsAtFirstRead = st.drops();
        LOG.log(System.Logger.Level.DEBUG, () -> String.format("first events read %d ms after capture started: by then the probe "
                + "had written %d events and lost %d", ms, st.events(), st.drops()));
    }

    /** One bulk copy of the records, then one commit per event (offsets and CPUs). */
    private void copy(EventBatch batch, int n) {
        ByteBuffer src = driver.records();
        int bytes = driver.bytes();
        int at = batch.reserve(bytes);
        if (at < 0) {
            throw new IllegalStateException("driver returned " + bytes + " bytes for a batch with " + batch.remainingBytes() + " free");
        }
        batch.buffer().put(at, src, 0, bytes);
        int off = 0;
        for (int i = 0; i < n; i++) {
            int len = src.getInt(off + 16);
            batch.commit(len, driver.cpu(i), 0);
            off += len;
        }
    }

    @Override
    public Optional<Snapshot> snapshot() {
        return Optional.of(snapshot);
    }

    /**
     * Selects what the probe captures: the given event types plus every type the state needs
     * (those that change process or file-descriptor state: exec, clone, procexit, the fd-creating
     * and fd-destroying calls, credentials…), so rules changes never starve the state. Null
     * captures everything.
     */
    @Override
    public void interestingEventTypes(BitSet types) {
        if (types == null) {
            driver.interesting(null);
        } else {
            BitSet wanted = (BitSet) types.clone();
            wanted.or(STATE_TYPES);
            driver.interesting(wanted);
            LOG.log(System.Logger.Level.DEBUG, () -> "capturing " + wanted.cardinality() + " event types"
                    + (wanted.get(0) || wanted.get(1) ? ", generic system calls included" : ", generic system calls left out"));
        }
    }

    /** Event types that change state (libscap's MODIFIES_STATE, CREATES_FD, DESTROYS_FD flags). */
    static final BitSet STATE_TYPES = stateTypes();

    private static BitSet stateTypes() {
        BitSet set = new BitSet();
        for (EventInfo e : EventTable.all()) {
            boolean state = e.has(EventFlags.MODIFIES_STATE) || e.has(EventFlags.CREATES_FD) || e.has(EventFlags.DESTROYS_FD);
            if (state && !e.has(EventFlags.OLD_VERSION) && !e.has(EventFlags.UNUSED)) {
                set.set(e.id());
            }
        }
        return set;
    }

    @Override
    public SourceStats stats() {
        return driver.stats();
    }

    /** Events the probe had lost when the stream was first read (-1 before). */
    long dropsAtFirstRead() {
        return dropsAtFirstRead;
    }

    /** Whether the memory that held the events until the first read was full (the probe lost the rest). */
    boolean drainFull() {
        return drainFull;
    }

    /** Events handed to batches so far. */
    public long delivered() {
        Drain d = drain;
        return driver.delivered() - (d == null ? 0 : d.queued());
    }

    @Override
    public void close() {
        closed = true;
        Drain d = drain;
        if (d != null) {
            d.stop();
        }
        driver.close();
    }
}

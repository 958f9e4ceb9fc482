package org.lanner.driver.ebpf.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of liblannerdrv (native/include/lannerdrv.h). Every method is one native
 * call without reflection or argument conversion beyond primitives, pointers and arrays; the
 * hot one, {@link #lanner_next_batch}, only takes pointers to memory allocated once.
 */
final class LannerDrv {

    static final int STAT_EVENTS = 0;
    static final int STAT_DROPS = 1;
    static final int STAT_DROPS_BUFFER = 2;
    static final int STAT_DROPS_PF = 3;
    static final int STAT_DROPS_BUG = 4;
    static final int STAT_PREEMPTIONS = 5;
    static final int STAT_DELIVERED = 6;
    static final int STAT_COUNT = 7;

    private static volatile Throwable loadFailure;
    private static volatile boolean loaded;

    private LannerDrv() {
    }

    /**
     * Binds the natives on first use (the library travels in this bundle under JNA's
     * {@code linux-x86-64/} prefix and is found through this class's loader).
     *
     * @throws UnsatisfiedLinkError when the library or one of its dependencies cannot be loaded
     */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        if (loadFailure != null) {
            throw link(loadFailure);
        }
        try {
            Native.register(LannerDrv.class, "lannerdrv");
            loaded = true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            loadFailure = e;
            throw link(e);
        }
    }

    private static UnsatisfiedLinkError link(Throwable cause) {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError(cause.getMessage());
        e.initCause(cause);
        return e;
    }

    static native Pointer lanner_open(int ringBytes, int snaplen, int ignoreTgid, long windowNs, byte[] err, int errlen);

    static native int lanner_start(Pointer h);

    static native int lanner_set_interesting(Pointer h, byte[] types, int nbytes);

    static native int lanner_set_snaplen(Pointer h, int snaplen);

    static native int lanner_next_batch(Pointer h, Pointer buf, int cap, Pointer cpus, int maxEvents, Pointer outBytes);

    static native void lanner_stats(Pointer h, long[] out);

    static native int lanner_ncpus(Pointer h);

    static native void lanner_close(Pointer h);
}

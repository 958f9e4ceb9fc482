package org.lanner.engine.tests;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;

/** What the engine's OSGi tests share: service properties, and waiting for a condition with a deadline. */
final class Services {

    static final Duration WAIT = Duration.ofSeconds(10);

    private Services() {
    }

    /** Service properties from key, value pairs. */
    static Dictionary<String, Object> props(Object... kv) {
        Hashtable<String, Object> t = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            t.put((String) kv[i], kv[i + 1]);
        }
        return t;
    }

    /** Waits until {@code condition} holds, failing after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}

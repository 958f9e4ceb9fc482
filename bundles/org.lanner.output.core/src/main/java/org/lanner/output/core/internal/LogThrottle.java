package org.lanner.output.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Logs a recurring condition (an output failing, a queue overflowing) at most once per interval,
 * saying how many occurrences were not logged in between. Thread-safe.
 */
final class LogThrottle {

    private final Logger log;
    private final long intervalNanos;
    private long last = Long.MIN_VALUE;
    private long suppressed;

    LogThrottle(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    synchronized void log(Level level, String message) {
        long now = System.nanoTime();
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            suppressed++;
            return;
        }
        last = now;
        if (suppressed > 0) {
            message = message + " (" + suppressed + " more like this since the last report)";
            suppressed = 0;
        }
        log.log(level, message);
    }
}

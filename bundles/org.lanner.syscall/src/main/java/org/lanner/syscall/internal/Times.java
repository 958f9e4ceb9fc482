package org.lanner.syscall.internal;

/** Durations as libsinsp prints them (event times: {@link org.lanner.common.EventTime}). */
final class Times {

    private Times() {
    }

    /** libsinsp's human form of a duration ({@code 10.30ms}, {@code 1:05}…). */
    static String human(long val) {
        long s = 1_000_000_000L;
        if (Long.compareUnsigned(val, 3600 * s) >= 0) {
            return String.format("%02d:%02d:%02d", val / (3600 * s), (val / (60 * s)) % 60, (val / s) % 60);
        }
        if (val >= 60 * s) {
            return (val / (60 * s)) + ":" + ((val / s) % 60);
        }
        if (val >= s) {
            return String.format("%d.%02ds", val / s, (val % s) / 10_000_000L);
        }
        if (val >= s / 100) {
            return (val / 1_000_000L) + "ms";
        }
        if (val >= s / 1000) {
            return String.format("%d.%02dms", val / 1_000_000L, (val % 1_000_000L) / 10_000L);
        }
        if (val >= s / 100000) {
            return (val / 1000L) + "us";
        }
        if (val >= s / 1000000) {
            return String.format("%d.%02dus", val / 1000L, (val % 1000L) / 10L);
        }
        return val + "ns";
    }
}

package org.lanner.syscall.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Event timestamps as libsinsp prints them. */
final class Times {

    private Times() {
    }

    /** The local offset, taken once per call as libsinsp does (its current offset, not the event's). */
    private static ZoneOffset localOffset() {
        return ZoneId.systemDefault().getRules().getOffset(Instant.now());
    }

    /** {@code HH:MM:SS[.nnnnnnnnn]}, optionally preceded by {@code YYYY-MM-DD }, in local time. */
    static String local(long ts, boolean date, boolean ns) {
        long sec = Long.divideUnsigned(ts, 1_000_000_000L);
        long nsec = Long.remainderUnsigned(ts, 1_000_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, localOffset());
        StringBuilder sb = new StringBuilder(32);
        if (date) {
            sb.append(String.format("%04d-%02d-%02d ", t.getYear(), t.getMonthValue(), t.getDayOfMonth()));
        }
        sb.append(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        if (ns) {
            sb.append(String.format(".%09d", nsec));
        }
        return sb.toString();
    }

    /** ISO 8601 in UTC with nanoseconds: {@code 2019-07-09T22:13:49.999999999+0000}. */
    static String iso8601(long ts) {
        long sec = Long.divideUnsigned(ts, 1_000_000_000L);
        long nsec = Long.remainderUnsigned(ts, 1_000_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%09d+0000", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), nsec);
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

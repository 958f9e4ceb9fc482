package org.lanner.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Event times as libsinsp and Falco print them ({@code evt.time}, {@code evt.datetime},
 * {@code evt.time.iso8601}, the time of JSON alerts). The local time of day follows libsinsp's
 * {@code ts_to_string}: the offset of the local zone is taken <em>now</em> (not at the event's time)
 * and in whole minutes. Thread-safe.
 */
public final class EventTime {

    /** Times in the JVM's default zone, as libsinsp prints them on this host. */
    public static final EventTime LOCAL = new EventTime(ZoneId.systemDefault());

    private static final long NS = 1_000_000_000L;

    private final ZoneId zone;
    private volatile long offsetSecond = Long.MIN_VALUE;
    private volatile int offset;

    public EventTime(ZoneId zone) {
        this.zone = zone;
    }

    /** The local zone's offset in seconds now, in whole minutes (libsinsp's {@code gmt2local(0)}). */
    int localOffset() {
        long nowSecond = System.currentTimeMillis() / 1000;
        if (nowSecond != offsetSecond) {
            int total = zone.getRules().getOffset(Instant.ofEpochSecond(nowSecond)).getTotalSeconds();
            offset = total - total % 60;
            offsetSecond = nowSecond;
        }
        return offset;
    }

    /** {@code HH:MM:SS.nnnnnnnnn} (or {@code HH:MM:SS} without nanoseconds), local time: Falco's {@code evt.time}. */
    public void appendClock(long ts, boolean nanos, StringBuilder out) {
        long sec = Math.floorDiv(ts, NS);
        long nsec = Math.floorMod(ts, NS);
        int s = (int) Math.floorMod(sec + localOffset(), 86400L);
        two(s / 3600, out);
        out.append(':');
        two((s % 3600) / 60, out);
        out.append(':');
        two(s % 60, out);
        if (nanos) {
            out.append('.');
            nine(nsec, out);
        }
    }

    /** {@code YYYY-MM-DD HH:MM:SS.nnnnnnnnn}, local time: Falco's {@code evt.datetime}. */
    public void appendDateTime(long ts, StringBuilder out) {
        appendDateTime(ts, true, out);
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.nnnnnnnnn]}, local time: {@code evt.datetime} and {@code evt.datetime.s}. */
    public void appendDateTime(long ts, boolean nanos, StringBuilder out) {
        long sec = Math.floorDiv(ts, NS);
        long local = sec + localOffset();
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(local, 86400L));
        date(d, out);
        out.append(' ');
        appendClock(ts, nanos, out);
    }

    /** {@code HH:MM:SS[.nnnnnnnnn]}, local time, as a new string. */
    public String clock(long ts, boolean nanos) {
        StringBuilder sb = new StringBuilder(18);
        appendClock(ts, nanos, sb);
        return sb.toString();
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.nnnnnnnnn]}, local time, as a new string. */
    public String dateTime(long ts, boolean nanos) {
        StringBuilder sb = new StringBuilder(29);
        appendDateTime(ts, nanos, sb);
        return sb.toString();
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000}, as a new string. */
    public static String iso8601(long ts) {
        StringBuilder sb = new StringBuilder(35);
        utc(ts, sb);
        return sb.append("+0000").toString();
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000}: Falco's {@code evt.time.iso8601} (always UTC). */
    public void appendIso8601(long ts, StringBuilder out) {
        utc(ts, out);
        out.append("+0000");
    }

    /**
     * A number of nanoseconds as libsinsp prints the fractional and relative times
     * ({@code PF_10_PADDED_DEC}: {@code evt.rawtime.ns}, {@code evt.reltime}, {@code evt.latency.ns}…):
     * unsigned, at least nine digits, zero-padded.
     */
    public static String padded(long nanos) {
        String digits = Long.toUnsignedString(nanos);
        return digits.length() >= 9 ? digits : "000000000".substring(digits.length()) + digits;
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ}: the {@code time} member of Falco's JSON alerts. */
    public static void appendJsonTime(long ts, StringBuilder out) {
        utc(ts, out);
        out.append('Z');
    }

    private static void utc(long ts, StringBuilder out) {
        long sec = Math.floorDiv(ts, NS);
        long nsec = Math.floorMod(ts, NS);
        long day = Math.floorDiv(sec, 86400L);
        int s = (int) Math.floorMod(sec, 86400L);
        date(LocalDate.ofEpochDay(day), out);
        out.append('T');
        two(s / 3600, out);
        out.append(':');
        two((s % 3600) / 60, out);
        out.append(':');
        two(s % 60, out);
        out.append('.');
        nine(nsec, out);
    }

    private static void date(LocalDate d, StringBuilder out) {
        int y = d.getYear();
        if (y >= 0 && y < 1000) {
            out.append(y < 10 ? "000" : y < 100 ? "00" : "0");
        }
        out.append(y).append('-');
        two(d.getMonthValue(), out);
        out.append('-');
        two(d.getDayOfMonth(), out);
    }

    private static void two(int v, StringBuilder out) {
        out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void nine(long v, StringBuilder out) {
        for (long div = 100_000_000L; div > 0; div /= 10) {
            out.append((char) ('0' + (v / div) % 10));
        }
    }
}

package org.lanner.cli.internal;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where the command writes: results on stdout, log lines on stderr prefixed with the time as Falco's
 * logger prints it ({@code Sun Nov 29 06:27:01 2026: message}, or ISO 8601).
 */
final class Console {

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT);

    final PrintStream out;
    final PrintStream err;
    private volatile boolean iso8601;
    private volatile boolean quiet;

    Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void iso8601(boolean value) {
        this.iso8601 = value;
    }

    /** Log lines below errors are dropped (log_level above info, or log_stderr false). */
    void quiet(boolean value) {
        this.quiet = value;
    }

    /** An informational log line on stderr. */
    void info(String message) {
        if (!quiet) {
            log(message);
        }
    }

    /** An error line on stderr, whatever the log settings. */
    void error(String message) {
        log(message);
    }

    private void log(String message) {
        ZonedDateTime now = ZonedDateTime.now();
        String stamp = iso8601 ? ISO.format(now) : padDay(CTIME.format(now));
        err.println(stamp + ": " + message);
        err.flush();
    }

    /** ctime pads the day of month to two characters: "Nov  9". */
    private static String padDay(String s) {
        int first = s.indexOf(' ');
        int second = s.indexOf(' ', first + 1);
        int third = s.indexOf(' ', second + 1);
        return third - second == 2 ? s.substring(0, second + 1) + " " + s.substring(second + 1) : s;
    }
}

package org.lanner.cli.internal;

import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes what the bundles log (System.Logger, which goes to java.util.logging) to stderr the way
 * Falco's logger prints, at the level of {@code log_level}. The standalone command owns its JVM, so
 * it may configure the root logger; in Karaf, pax-logging does this instead.
 */
final class LogSetup {

    private LogSetup() {
    }

    static void apply(Console console, String falcoLevel, boolean toStderr) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Level level = toStderr ? level(falcoLevel) : Level.OFF;
        root.setLevel(level);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (!isLoggable(record)) {
                    return;
                }
                String message = getFormatter().formatMessage(record);
                if (record.getThrown() != null) {
                    message += ": " + record.getThrown();
                }
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    console.error(message);
                } else {
                    console.info(message);
                }
            }

            @Override
            public void flush() {
                console.err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        });
        handler.setLevel(level);
        root.addHandler(handler);
    }

    /** Falco's log_level (syslog severities) to java.util.logging levels. */
    static Level level(String falcoLevel) {
        return switch (falcoLevel == null ? "info" : falcoLevel.toLowerCase(Locale.ROOT)) {
            case "emergency", "alert", "critical", "error" -> Level.SEVERE;
            case "warning" -> Level.WARNING;
            case "notice", "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            default -> Level.INFO;
        };
    }

    /** Before the configuration is read: only errors, so loading it does not chatter. */
    static void early(Console console) {
        apply(console, "error", true);
    }
}

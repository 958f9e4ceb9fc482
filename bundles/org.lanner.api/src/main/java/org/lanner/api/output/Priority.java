package org.lanner.api.output;

import java.util.Locale;
import java.util.Optional;

/** Rule priorities, most severe first, with the names Falco prints. */
public enum Priority {
    EMERGENCY("Emergency"),
    ALERT("Alert"),
    CRITICAL("Critical"),
    ERROR("Error"),
    WARNING("Warning"),
    NOTICE("Notice"),
    INFORMATIONAL("Informational"),
    DEBUG("Debug");

    private final String displayName;

    Priority(String displayName) {
        this.displayName = displayName;
    }

    /** The name as Falco prints it in text output ({@code Warning}). */
    public String displayName() {
        return displayName;
    }

    /** The syslog severity (0 emergency .. 7 debug). */
    public int syslogSeverity() {
        return ordinal();
    }

    /** True when this priority is at least as severe as {@code threshold}. */
    public boolean atLeast(Priority threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /**
     * Parses a priority the way Falco does: case-insensitive full names, plus {@code info} for
     * informational.
     */
    public static Optional<Priority> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("info")) {
            return Optional.of(INFORMATIONAL);
        }
        for (Priority p : values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}

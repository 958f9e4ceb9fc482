package org.lanner.output.syslog.internal;

import java.util.Locale;
import java.util.Map;

/** Syslog facility names and their codes ({@code <syslog.h>}, already shifted left by 3). */
final class Facility {

    private static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("mail", 2), Map.entry("daemon", 3),
            Map.entry("auth", 4), Map.entry("syslog", 5), Map.entry("lpr", 6), Map.entry("news", 7),
            Map.entry("uucp", 8), Map.entry("cron", 9), Map.entry("authpriv", 10), Map.entry("ftp", 11),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    private Facility() {
    }

    /** The facility's code shifted into place ({@code LOG_USER} is 8). */
    static int parse(String name) {
        Integer code = CODES.get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        if (code == null) {
            throw new IllegalArgumentException("syslog_output.facility: unknown facility '" + name
                    + "' (one of user, daemon, auth, authpriv, syslog, local0..local7, kern, mail, lpr, news, uucp, cron, ftp)");
        }
        return code << 3;
    }
}

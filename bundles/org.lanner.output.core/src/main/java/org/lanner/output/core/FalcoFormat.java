package org.lanner.output.core;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.common.EventTime;
import org.lanner.output.core.internal.JsonText;

/**
 * Falco 0.30's alert formats as a plain class (the {@link AlertFormatter} service uses it).
 *
 * <ul>
 * <li>Text: the prefix {@code %evt.time: <Priority> } (or {@code %evt.time.iso8601}; {@code jevt.*}
 * for {@code k8s_audit}) followed by the output.</li>
 * <li>JSON: JsonCpp's object with sorted members ({@code hostname}, {@code output}, {@code priority},
 * {@code rule}, {@code source}, {@code tags}, {@code time}), then Falco's graft
 * {@code , "output_fields": {...}}. Output fields are sorted by name and include the prefix's time
 * field; syscall and plugin sources keep typed values ({@code null} when missing, time fields as
 * nanoseconds), {@code k8s_audit} fields are all text ({@code <NA>} when missing). Tags are sorted and
 * unique, as Falco keeps them in a {@code std::set}.</li>
 * <li>Internal alerts (source {@code internal}): {@code time: Priority message (k=v k=v)} as text;
 * as JSON nlohmann's sorted object {@code hostname, output, output_fields, priority, rule, time}.</li>
 * </ul>
 * Text lines are encoded as Falco does from 0.44 on, so that a value an attacker shaped (a file name or
 * a command line holding a newline or an escape sequence) cannot forge lines or drive a terminal: the
 * line is written as the body of a JSON string ({@code \n}, {@code \r}, {@code \t}, {@code \b},
 * {@code \f}, other control characters below U+0020 as {@code \\u001b}, {@code "} as {@code \"},
 * {@code \} as {@code \\}; DEL and everything above it as it is; a lone UTF-16 surrogate, which no
 * valid UTF-8 holds, as U+FFFD). Internal alerts keep their quotes and backslashes, as Falco prints
 * its own messages raw, but get their control characters escaped the same way. JSON is unchanged: its
 * {@code output} member carries the raw line, quoted once.
 * Thread-safe.
 */
public final class FalcoFormat implements AlertFormatter {

    /** The source of the engine's own alerts. */
    public static final String INTERNAL = "internal";
    /** The one source whose fields Falco 0.30 formats as text and whose time field is {@code jevt.time}. */
    public static final String K8S_AUDIT = "k8s_audit";
    /** What Falco prints for a field without a value. */
    public static final String NA = "<NA>";

    /** Byte order of the UTF-8 encoding, which is code point order ({@code std::string} comparison). */
    private static final Comparator<String> UTF8_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private final FormatOptions options;
    private final EventTime time;
    private final ThreadLocal<StringBuilder> buffers = ThreadLocal.withInitial(() -> new StringBuilder(1024));

    /** A formatter printing local times in the system's zone. */
    public FalcoFormat(FormatOptions options) {
        this(options, ZoneId.systemDefault());
    }

    /** A formatter printing local times in {@code zone} (tests pin it). */
    public FalcoFormat(FormatOptions options, ZoneId zone) {
        this.options = options;
        this.time = new EventTime(zone);
    }

    @Override
    public FormatOptions options() {
        return options;
    }

    @Override
    public String text(Alert alert) {
        StringBuilder sb = buffer();
        appendText(alert, sb);
        return escapeText(sb, !INTERNAL.equals(alert.source()));
    }

    /**
     * A text line as Falco 0.44 writes it: the body of a JSON string (see the class comment).
     *
     * @param quotes whether {@code "} and {@code \} are escaped too (rule alerts); false for internal alerts
     */
    public static String escapeText(CharSequence line, boolean quotes) {
        int n = line.length();
        int i = 0;
        while (i < n && !needsEscape(line, i, quotes)) {
            i++;
        }
        if (i == n) {
            return line.toString();
        }
        StringBuilder out = new StringBuilder(n + 16).append(line, 0, i);
        for (; i < n; i++) {
            char c = line.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (quotes && (c == '"' || c == '\\')) {
                        out.append('\\').append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(line.charAt(i + 1))) {
                        out.append(c).append(line.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static boolean needsEscape(CharSequence s, int i, boolean quotes) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return true;
        }
        if (quotes && (c == '"' || c == '\\')) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    @Override
    public String json(Alert alert) {
        StringBuilder sb = buffer();
        appendJson(alert, sb);
        return sb.toString();
    }

    @Override
    public SortedMap<String, String> fieldStrings(Alert alert) {
        SortedMap<String, String> map = new TreeMap<>();
        boolean internal = INTERNAL.equals(alert.source());
        boolean k8s = K8S_AUDIT.equals(alert.source());
        StringBuilder sb = new StringBuilder(32);
        for (OutputField f : alert.outputFields()) {
            String v = internal ? plain(f.value()) : textValue(f, alert, k8s, sb);
            map.put(f.name(), v);
        }
        if (!internal) {
            sb.setLength(0);
            appendPrefixTime(alert, sb);
            map.put(timeField(alert), sb.toString());
        }
        return map;
    }

    /** Appends the text line. */
    public void appendText(Alert alert, StringBuilder out) {
        if (INTERNAL.equals(alert.source())) {
            time.appendClock(alert.time(), true, out);
            out.append(": ").append(alert.priority().displayName()).append(' ').append(alert.output()).append(" (");
            boolean first = true;
            for (OutputField f : sortedFields(alert)) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                out.append(f.name()).append('=').append(plain(f.value()));
            }
            out.append(')');
            return;
        }
        appendPrefixTime(alert, out);
        out.append(": ").append(alert.priority().displayName()).append(' ').append(alert.output());
    }

    /** Appends the JSON document. */
    public void appendJson(Alert alert, StringBuilder out) {
        if (INTERNAL.equals(alert.source())) {
            appendInternalJson(alert, out);
            return;
        }
        out.append('{');
        boolean comma = false;
        if (options.includeHostname()) {
            out.append("\"hostname\":");
            JsonText.quote(alert.hostname(), out);
            comma = true;
        }
        if (options.includeOutput()) {
            out.append(comma ? ",\"output\":" : "\"output\":");
            comma = true;
            int start = out.length();
            appendText(alert, out);
            String line = out.substring(start);
            out.setLength(start);
            JsonText.quote(line, out);
        }
        out.append(comma ? ",\"priority\":" : "\"priority\":");
        JsonText.quote(alert.priority().displayName(), out);
        out.append(",\"rule\":");
        JsonText.quote(alert.rule(), out);
        out.append(",\"source\":");
        JsonText.quote(alert.source(), out);
        if (options.includeTags()) {
            out.append(",\"tags\":[");
            boolean first = true;
            for (String tag : sortedTags(alert.tags())) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                JsonText.quote(tag, out);
            }
            out.append(']');
        }
        out.append(",\"time\":\"");
        EventTime.appendJsonTime(alert.time(), out);
        out.append("\", \"output_fields\": ");
        appendFields(alert, out);
        out.append('}');
    }

    private void appendFields(Alert alert, StringBuilder out) {
        boolean k8s = K8S_AUDIT.equals(alert.source());
        String timeName = timeField(alert);
        out.append('{');
        boolean first = true;
        boolean timeDone = false;
        for (OutputField f : sortedFields(alert)) {
            int cmp = f.name().compareTo(timeName);
            if (!timeDone && cmp >= 0) {
                timeDone = true;
                if (!first) {
                    out.append(',');
                }
                appendTimeField(alert, timeName, k8s, out);
                first = false;
                if (cmp == 0) {
                    continue; // the rule prints the prefix's field too: one member, the same value
                }
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.quote(f.name(), out);
            out.append(':');
            if (k8s) {
                JsonText.quoteLower(k8sJsonValue(f, alert), out);
            } else {
                appendJsonValue(f.value(), out);
            }
        }
        if (!timeDone) {
            if (!first) {
                out.append(',');
            }
            appendTimeField(alert, timeName, k8s, out);
        }
        out.append('}');
    }

    /** Falco 0.30 dumps non-syscall fields as text; an empty value stays empty in JSON. */
    private String k8sJsonValue(OutputField f, Alert alert) {
        if ("".equals(f.value())) {
            return "";
        }
        return textValue(f, alert, true, new StringBuilder(32));
    }

    private void appendTimeField(Alert alert, String name, boolean k8s, StringBuilder out) {
        JsonText.quote(name, out);
        out.append(':');
        if (k8s) {
            out.append('"');
            appendPrefixTime(alert, out);
            out.append('"');
        } else {
            out.append(alert.time());
        }
    }

    private void appendInternalJson(Alert alert, StringBuilder out) {
        out.append('{');
        if (options.includeHostname()) {
            out.append("\"hostname\":");
            JsonText.quoteLower(alert.hostname(), out);
            out.append(',');
        }
        out.append("\"output\":");
        JsonText.quoteLower(alert.output(), out);
        out.append(",\"output_fields\":{");
        boolean first = true;
        for (OutputField f : sortedFields(alert)) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.quoteLower(f.name(), out);
            out.append(':');
            JsonText.quoteLower(plain(f.value()), out);
        }
        out.append("},\"priority\":");
        JsonText.quoteLower(alert.priority().displayName(), out);
        out.append(",\"rule\":");
        JsonText.quoteLower(alert.rule(), out);
        out.append(",\"time\":\"");
        EventTime.appendJsonTime(alert.time(), out);
        out.append("\"}");
    }

    private static void appendJsonValue(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            JsonText.quote(s, out);
        } else if (v instanceof Double d) {
            JsonText.appendDouble(d, out);
        } else {
            out.append(v);
        }
    }

    /** The name of the time field Falco's prefix adds. */
    private String timeField(Alert alert) {
        boolean k8s = K8S_AUDIT.equals(alert.source());
        if (options.iso8601()) {
            return k8s ? "jevt.time.iso8601" : "evt.time.iso8601";
        }
        return k8s ? "jevt.time" : "evt.time";
    }

    private void appendPrefixTime(Alert alert, StringBuilder out) {
        if (options.iso8601()) {
            time.appendIso8601(alert.time(), out);
        } else {
            time.appendClock(alert.time(), true, out);
        }
    }

    /** A field's value as text, the way libsinsp's formatter prints it. */
    private String textValue(OutputField f, Alert alert, boolean k8s, StringBuilder scratch) {
        Object v = f.value();
        if (v == null || (k8s && "".equals(v))) {
            return NA;
        }
        if (v instanceof Long ts && !k8s) {
            scratch.setLength(0);
            switch (f.name()) {
                case "evt.time" -> time.appendClock(ts, true, scratch);
                case "evt.time.s" -> time.appendClock(ts, false, scratch);
                case "evt.time.iso8601" -> time.appendIso8601(ts, scratch);
                case "evt.datetime" -> time.appendDateTime(ts, scratch);
                default -> {
                    return v.toString();
                }
            }
            return scratch.toString();
        }
        if (v instanceof Double d) {
            return k8s ? JsonText.shortest(d) : JsonText.oneDecimal(d);
        }
        return v.toString();
    }

    private static String plain(Object v) {
        return v == null ? NA : v.toString();
    }

    private static List<OutputField> sortedFields(Alert alert) {
        List<OutputField> fields = alert.outputFields();
        for (int i = 1; i < fields.size(); i++) {
            if (fields.get(i - 1).name().compareTo(fields.get(i).name()) >= 0) {
                TreeMap<String, OutputField> byName = new TreeMap<>();
                for (OutputField f : fields) {
                    byName.put(f.name(), f);
                }
                return new ArrayList<>(byName.values());
            }
        }
        return fields;
    }

    private static Iterable<String> sortedTags(List<String> tags) {
        if (tags.size() <= 1) {
            return tags;
        }
        TreeSet<String> set = new TreeSet<>(UTF8_ORDER);
        set.addAll(tags);
        return set;
    }

    private StringBuilder buffer() {
        StringBuilder sb = buffers.get();
        if (sb.capacity() > 1 << 16) {
            sb = new StringBuilder(1024);
            buffers.set(sb);
        }
        sb.setLength(0);
        return sb;
    }
}

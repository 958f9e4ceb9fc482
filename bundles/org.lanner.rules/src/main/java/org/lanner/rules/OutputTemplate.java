package org.lanner.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.output.OutputField;
import org.lanner.filter.EvalContext;
import org.lanner.filter.FieldBinding;
import org.lanner.filter.ValueText;

/**
 * A compiled output format: literal text and {@code %field} / {@code %field[arg]} substitutions.
 *
 * <p>A field name runs over letters, digits, {@code _ . - /}; like libsinsp, the longest prefix of
 * that run which names a field is taken and the rest stays literal text ({@code %proc.name.} prints
 * the process name and a dot). A {@code [..]} right after the whole run is the field's argument. A
 * number after {@code %} is a width: the value is cut or padded with spaces to it
 * ({@code %20proc.name}). {@code %%} prints a percent sign (Falco rejects it). A missing value
 * prints {@code <NA>}.
 */
public final class OutputTemplate {

    /** Binds a field reference of a template. */
    @FunctionalInterface
    public interface Binder {
        /**
         * @throws UnknownFieldException when no field has this name (the template then tries a shorter one)
         * @throws FieldBindException when the field exists but the argument is wrong
         */
        FieldBinding bind(String name, String argument) throws FieldBindException;
    }

    /** A template that cannot be compiled; {@link #column()} says where in the format. */
    public static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int column;
        private final String falcoMessage;

        public TemplateException(int column, String message) {
            this(column, message, message);
        }

        /** @param falcoMessage libsinsp's message for the same mistake (what Falco 0.30 printed) */
        public TemplateException(int column, String message, String falcoMessage) {
            super(message);
            this.column = column;
            this.falcoMessage = falcoMessage;
        }

        /** 0-based offset in the format text. */
        public int column() {
            return column;
        }

        /** libsinsp's message for the same mistake, as Falco 0.30 printed it. */
        public String falcoMessage() {
            return falcoMessage;
        }
    }

    private record Part(String literal, String name, FieldAccessor accessor, int slot, int width) {
    }

    private final String text;
    private final Part[] parts;
    private final Part[] fields;

    private OutputTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts.toArray(new Part[0]);
        TreeMap<String, Part> byName = new TreeMap<>();
        for (Part p : parts) {
            if (p.literal == null) {
                byName.putIfAbsent(p.name, p);
            }
        }
        this.fields = byName.values().toArray(new Part[0]);
    }

    /** Compiles {@code format}, binding its fields through {@code binder}. */
    public static OutputTemplate compile(String format, Binder binder) throws TemplateException {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int n = format.length();
        int i = 0;
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                lit.append(c);
                i++;
                continue;
            }
            int start = i;
            if (i + 1 < n && format.charAt(i + 1) == '%') {
                lit.append('%');
                i += 2;
                continue;
            }
            i++;
            int width = 0;
            while (i < n && Character.isDigit(format.charAt(i))) {
                width = width * 10 + (format.charAt(i) - '0');
                i++;
                if (width > MAX_WIDTH) {
                    // every alert would be padded to this width: a hostile rule could fill the heap per alert
                    throw new TemplateException(start, "the width of '%" + format.substring(start + 1, Math.min(n, start + 20))
                            + "…' is larger than " + MAX_WIDTH, "invalid formatting token " + cut(format.substring(start + 1)));
                }
            }
            int nameStart = i;
            while (i < n && isNameChar(format.charAt(i))) {
                i++;
            }
            int nameEnd = i;
            if (nameEnd == nameStart) {
                String falco = i >= n ? (i == start + 1 ? "invalid formatting syntax: formatting cannot end with a %"
                        : "invalid formatting syntax: formatting cannot end with a number")
                        : "invalid formatting token " + format.substring(nameStart);
                throw new TemplateException(start, i >= n ? "the format cannot end with '%'"
                        : "invalid formatting token '" + format.substring(start, Math.min(n, start + 10)) + "': a field name must follow '%' (write %% for a percent sign)",
                        falco);
            }
            String argument = null;
            int argEnd = -1;
            if (nameEnd < n && format.charAt(nameEnd) == '[') {
                int close = format.indexOf(']', nameEnd);
                if (close < 0) {
                    throw new TemplateException(nameEnd, "missing ']' after the argument of '" + format.substring(nameStart, nameEnd) + "'",
                            "invalid formatting token " + format.substring(nameStart));
                }
                argument = format.substring(nameEnd + 1, close);
                argEnd = close + 1;
            }
            FieldBinding binding = null;
            // the longest prefix naming a field wins; no field name is longer than MAX_NAME
            int len = Math.min(nameEnd - nameStart, MAX_NAME);
            String bound = null;
            for (; len > 0; len--) {
                String name = format.substring(nameStart, nameStart + len);
                if (name.indexOf('.') < 0) {
                    break; // every field name has a dot
                }
                String arg = len == nameEnd - nameStart ? argument : null;
                try {
                    binding = binder.bind(name, arg);
                    bound = arg == null ? name : name + "[" + arg + "]";
                    i = arg == null ? nameStart + len : argEnd;
                    break;
                } catch (UnknownFieldException e) {
                    // try a shorter name: the longest prefix naming a field wins
                } catch (FieldBindException e) {
                    throw new TemplateException(nameStart, e.getMessage(), "invalid formatting token " + format.substring(nameStart));
                }
            }
            if (binding == null) {
                throw new TemplateException(start, "invalid formatting token '%" + cut(format.substring(nameStart, nameEnd))
                        + "': no such field", "invalid formatting token " + cut(format.substring(nameStart)));
            }
            if (lit.length() > 0) {
                parts.add(new Part(lit.toString(), null, null, -1, 0));
                lit.setLength(0);
            }
            parts.add(new Part(null, bound, binding.accessor(), binding.slot(), width));
        }
        if (lit.length() > 0) {
            parts.add(new Part(lit.toString(), null, null, -1, 0));
        }
        return new OutputTemplate(format, parts);
    }

    /** Widest padding of a field ({@code %20proc.name}). */
    public static final int MAX_WIDTH = 4096;

    /** Longest field name looked for. */
    static final int MAX_NAME = 256;

    /** A piece of a format as a message quotes it: a long one is cut. */
    private static String cut(String text) {
        return text.length() <= 200 ? text : text.substring(0, 160) + "... (" + text.length() + " characters)";
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-' || c == '/';
    }

    /** The format as written. */
    public String text() {
        return text;
    }

    /** The fields of the format, by name as written, sorted, without duplicates. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>(fields.length);
        for (Part p : fields) {
            names.add(p.name);
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * The formatted text, {@code <NA>} for missing values. Values come from
     * {@link FieldAccessor#extractForOutput}, which prints some fields differently from how they
     * compare (libsinsp cleans names and buffers for display); alerts are rare, so this allocates.
     */
    public String format(Event event, EvalContext ctx) {
        StringBuilder sb = new StringBuilder(text.length() + 64);
        ValueHolder h = new ValueHolder();
        for (Part p : parts) {
            if (p.literal != null) {
                sb.append(p.literal);
                continue;
            }
            h.clear();
            String v = p.accessor.extractForOutput(event, h) && !h.isEmpty() ? ValueText.text(p.accessor.type(), h) : null;
            if (v == null) {
                v = ValueText.NA;
            }
            if (p.width > 0) {
                if (v.length() >= p.width) {
                    sb.append(v, 0, p.width);
                } else {
                    sb.append(v);
                    for (int k = v.length(); k < p.width; k++) {
                        sb.append(' ');
                    }
                }
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }

    /** The fields with their JSON values (null when missing), sorted by name. */
    public List<OutputField> fields(Event event) {
        List<OutputField> out = new ArrayList<>(fields.length);
        ValueHolder h = new ValueHolder();
        for (Part p : fields) {
            h.clear();
            Object value = null;
            if (p.accessor.extractForJson(event, h) && !h.isEmpty()) {
                FieldType type = p.accessor.type();
                value = ValueText.json(type, h);
            }
            out.add(new OutputField(p.name, value));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}

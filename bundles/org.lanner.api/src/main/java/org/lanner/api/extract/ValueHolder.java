package org.lanner.api.extract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, caller-provided holder for one extracted value. Extractors fill it with one of the
 * setters; conditions and formatters read it. Nothing here allocates after the first use, except
 * {@link #asString()}, which renders the value for outputs.
 *
 * <p>Text comes either as a {@code String} (values kept in state) or as a UTF-8 byte range (values
 * read straight from the event buffer). A holder may also carry a list of texts for multi-valued
 * fields (e.g. the containers of a pod in a Kubernetes audit event).
 */
public final class ValueHolder {

    /** Nothing extracted. */
    public static final int NONE = 0;
    /** {@link #longValue()} holds an integer (signed or unsigned per the field type) or a boolean (0/1). */
    public static final int LONG = 1;
    /** {@link #doubleValue()} holds the value. */
    public static final int DOUBLE = 2;
    /** {@link #string()} holds the text. */
    public static final int STRING = 3;
    /** {@link #bytes()} from {@link #offset()} for {@link #length()} bytes holds the value (UTF-8 text, raw bytes or an address). */
    public static final int BYTES = 4;
    /** {@link #count()} texts, read with {@link #item(int)}. */
    public static final int LIST = 5;

    private int kind;
    private long longValue;
    private double doubleValue;
    private String string;
    private byte[] bytes;
    private int offset;
    private int length;
    private String[] items = new String[0];
    private int count;
    private int prefix = -1;

    public void clear() {
        kind = NONE;
        string = null;
        bytes = null;
        count = 0;
        prefix = -1;
    }

    public int kind() {
        return kind;
    }

    public boolean isEmpty() {
        return kind == NONE;
    }

    public ValueHolder setLong(long value) {
        kind = LONG;
        longValue = value;
        return this;
    }

    public ValueHolder setBool(boolean value) {
        return setLong(value ? 1 : 0);
    }

    public ValueHolder setDouble(double value) {
        kind = DOUBLE;
        doubleValue = value;
        return this;
    }

    public ValueHolder setString(String value) {
        kind = STRING;
        string = value;
        return this;
    }

    /** A view on bytes the holder does not own: they must stay unchanged while the value is used. */
    public ValueHolder setBytes(byte[] array, int off, int len) {
        kind = BYTES;
        bytes = array;
        offset = off;
        length = len;
        return this;
    }

    /** An IP network: the address bytes plus the prefix length in bits. */
    public ValueHolder setNetwork(byte[] array, int off, int len, int prefixBits) {
        setBytes(array, off, len);
        prefix = prefixBits;
        return this;
    }

    /** Starts or extends a list value. */
    public ValueHolder addItem(String value) {
        if (kind != LIST) {
            kind = LIST;
            count = 0;
        }
        if (count == items.length) {
            items = Arrays.copyOf(items, Math.max(4, count * 2));
        }
        items[count++] = value;
        return this;
    }

    public long longValue() {
        return longValue;
    }

    public double doubleValue() {
        return doubleValue;
    }

    public String string() {
        return string;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Prefix length of a network value, -1 for anything else. */
    public int prefix() {
        return prefix;
    }

    public int count() {
        return count;
    }

    public String item(int index) {
        return items[index];
    }

    /** The value as text: strings as they are, bytes decoded as UTF-8, numbers in decimal. Allocates. */
    public String asString() {
        switch (kind) {
            case LONG:
                return Long.toString(longValue);
            case DOUBLE:
                return Double.toString(doubleValue);
            case STRING:
                return string;
            case BYTES:
                return new String(bytes, offset, length, StandardCharsets.UTF_8);
            case LIST:
                StringBuilder sb = new StringBuilder("(");
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(items[i]);
                }
                return sb.append(')').toString();
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return kind == NONE ? "<NA>" : asString();
    }
}

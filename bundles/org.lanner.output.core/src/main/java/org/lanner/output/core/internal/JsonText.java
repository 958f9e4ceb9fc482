package org.lanner.output.core.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.lanner.common.JsonStrings;

/**
 * JSON text the way Falco's two JSON libraries write it. Falco 0.30 writes alerts with JsonCpp
 * 0.10.6 (libs' bundled copy): control characters escaped as {@code \u001F} (upper-case hex),
 * everything else byte for byte, no {@code \/}, doubles as {@code %.17g}. Non-syscall fields and
 * internal messages go through nlohmann::json, whose escapes use lower-case hex.
 */
public final class JsonText {

    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    private JsonText() {
    }

    /** Appends {@code s} as a quoted JSON string, JsonCpp style (upper-case hex escapes). */
    public static void quote(CharSequence s, StringBuilder out) {
        JsonStrings.quote(s, out);
    }

    /** Appends {@code s} as a quoted JSON string, nlohmann::json style (lower-case hex escapes). */
    public static void quoteLower(CharSequence s, StringBuilder out) {
        JsonStrings.quoteLower(s, out);
    }

    /**
     * Appends a double as C's {@code printf("%.17g")} prints it (JsonCpp's real values): 17
     * significant digits, trailing zeros removed, exponent form below 1e-4 and from 1e17. JsonCpp
     * writes NaN as {@code null} and infinities as {@code 1e+9999}.
     */
    public static void appendDouble(double v, StringBuilder out) {
        if (Double.isNaN(v)) {
            out.append("null");
            return;
        }
        if (Double.isInfinite(v)) {
            out.append(v < 0 ? "-1e+9999" : "1e+9999");
            return;
        }
        if (v == 0) {
            out.append(1 / v < 0 ? "-0" : "0");
            return;
        }
        BigDecimal bd = new BigDecimal(v).round(SEVENTEEN);
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 17) {
            String digits = bd.unscaledValue().abs().toString();
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            if (bd.signum() < 0) {
                out.append('-');
            }
            out.append(digits.charAt(0));
            if (end > 1) {
                out.append('.').append(digits, 1, end);
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                out.append('0');
            }
            out.append(e);
        } else {
            BigDecimal stripped = bd.stripTrailingZeros();
            if (stripped.scale() < 0) {
                stripped = stripped.setScale(0);
            }
            out.append(stripped.toPlainString());
        }
    }

    /**
     * A double as C's {@code printf("%.1lf")} prints it (libsinsp's text form of a double field):
     * the exact binary value rounded half-even to one decimal.
     */
    public static String oneDecimal(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v < 0 ? "-inf" : "inf";
        }
        String s = new BigDecimal(v).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        if ((v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** A double as nlohmann::json dumps it (shortest round-trip digits), used for non-syscall fields. */
    public static String shortest(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(v));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -5 || exp >= 15) {
            String digits = bd.unscaledValue().abs().toString().replaceFirst("0+$", "");
            StringBuilder sb = new StringBuilder();
            if (v < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                sb.append('0');
            }
            return sb.append(e).toString();
        }
        String plain = bd.stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}

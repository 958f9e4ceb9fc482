package org.lanner.common;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code %g}, which is also how a C++ stream prints a {@code double} by default: six significant
 * digits, trailing zeros dropped, exponent form for small and large values. libsinsp prints relative
 * times with it, Falco's statistics file its drop percentage.
 */
public final class CFormat {

    private CFormat() {
    }

    /** {@code v} as {@code printf("%g", v)} prints it in the C locale. */
    public static String g(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            BigDecimal mant = bd.movePointLeft(exp);
            String m = strip(mant.toPlainString());
            String sign = exp < 0 ? "-" : "+";
            int ae = Math.abs(exp);
            return m + "e" + sign + (ae < 10 ? "0" : "") + ae;
        }
        return strip(bd.toPlainString());
    }

    private static String strip(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}

package org.lanner.output.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTextTest {

    /** Expected values are C's printf("%.17g") (checked with Python's % operator, which uses the same rules). */
    @ParameterizedTest
    @CsvSource({
        "0.1, 0.10000000000000001", "1.0, 1", "1e17, 1e+17", "123456789012345678, 1.2345678901234568e+17",
        "0.0001, 0.0001", "0.00001, 1.0000000000000001e-05", "-2.5, -2.5", "100, 100", "1e16, 10000000000000000",
        "12345.678, 12345.678", "3e-7, 2.9999999999999999e-07", "-0.0, -0", "1e300, 1.0000000000000001e+300",
        "4.9E-324, 4.9406564584124654e-324"})
    void doublesAsPercent17g(double v, String expected) {
        StringBuilder sb = new StringBuilder();
        JsonText.appendDouble(v, sb);
        assertThat(sb).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"0.25, 0.2", "0.35, 0.3", "12345.678, 12345.7", "-0.0, -0.0", "-0.04, -0.0", "2.5, 2.5", "1e17, 100000000000000000.0"})
    void doublesAsPercentDot1f(double v, String expected) {
        assertThat(JsonText.oneDecimal(v)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1.0", "0.1, 0.1", "1e20, 1e+20", "123.5, 123.5", "-3.0, -3.0"})
    void doublesAsNlohmann(double v, String expected) {
        assertThat(JsonText.shortest(v)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void nonFiniteDoublesAsJsonCpp() {
        StringBuilder sb = new StringBuilder();
        JsonText.appendDouble(Double.NaN, sb);
        sb.append(' ');
        JsonText.appendDouble(Double.NEGATIVE_INFINITY, sb);
        assertThat(sb).hasToString("null -1e+9999");
    }

}

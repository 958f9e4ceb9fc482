package org.lanner.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected texts are what glibc's printf("%g") prints for the same doubles. */
class CFormatTest {

    @Test
    void sixSignificantDigitsWithoutTrailingZeros() {
        assertThat(CFormat.g(0.0)).isEqualTo("0");
        assertThat(CFormat.g(100.0 * 3 / 7)).isEqualTo("42.8571");
        assertThat(CFormat.g(100.0)).isEqualTo("100");
        assertThat(CFormat.g(12.5)).isEqualTo("12.5");
        assertThat(CFormat.g(100.0 / 3)).isEqualTo("33.3333");
        assertThat(CFormat.g(0.0001)).isEqualTo("0.0001");
    }

    @Test
    void exponentFormBelowTenToTheMinusFourAndFromAMillion() {
        assertThat(CFormat.g(0.00001)).isEqualTo("1e-05");
        assertThat(CFormat.g(1234567.0)).isEqualTo("1.23457e+06");
        assertThat(CFormat.g(999999.5)).as("rounds up into the next decade").isEqualTo("1e+06");
    }

    @Test
    void roundsTheExactBinaryValue() {
        // 2.0000005 is stored a little below ...05, 33.33335 a little above
        assertThat(CFormat.g(2.0000005)).isEqualTo("2");
        assertThat(CFormat.g(33.33335)).isEqualTo("33.3334");
    }
}

package org.lanner.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "glob {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "*            | anything/at/all     | true",
        "``           | ``                  | true",
        "``           | x                   | false",
        "a*           | a                   | true",
        "*.sh         | /tmp/x.sh           | true",
        "*.sh         | /tmp/x.shx          | false",
        "/tmp/*       | /tmp/a/b            | true",
        "a?c          | abc                 | true",
        "a?c          | ac                  | false",
        "[abc]x       | bx                  | true",
        "[!abc]x      | dx                  | true",
        "[^abc]x      | ax                  | false",
        "[a-c]        | b                   | true",
        "[a-c]        | d                   | false",
        "[]]          | ]                   | true",
        "[!]]         | a                   | true",
        "[[:digit:]]* | 9lives              | true",
        "[[:upper:]]  | a                   | false",
        "a[b          | a[b                 | true",
        "\\*          | *                   | true",
        "\\*          | x                   | false",
        "*a*a*a*b     | aaaaaaaaaaaaaaaaaaa | false",
        "*a*b*c       | xxaxxbxxc           | true",
        "**x          | x                   | true",
    })
    void globMatchesLikeFnmatch(String pattern, String s, boolean expected) {
        assertThat(new Glob(pattern).matches(s)).isEqualTo(expected);
    }

    @Test
    void mountPatternsMatchWholePaths() {
        assertThat(new Glob("/proc*").matches("/proc")).isTrue();
        assertThat(new Glob("/proc*").matches("/proc/sys")).isTrue();
        assertThat(new Glob("/root*").matches("/var/root")).isFalse();
        assertThat(new Glob("/etc/?asswd").matches("/etc/passwd")).isTrue();
        assertThat(new Glob("/etc/[a-p]asswd").matches("/etc/passwd")).isTrue();
    }

    @Test
    void questionMarkIsOneByteAsInTheCLocale() {
        assertThat(new Glob("?").matches("\u00e9")).as("é is two bytes in UTF-8").isFalse();
        assertThat(new Glob("??").matches("\u00e9")).isTrue();
    }
}

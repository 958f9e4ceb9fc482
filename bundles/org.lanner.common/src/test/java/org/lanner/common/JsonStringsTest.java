package org.lanner.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void quoteCaseOfHexDiffersBetweenLibraries() {
        StringBuilder sb = new StringBuilder();
        JsonStrings.quote("\u001f\u007f", sb);
        JsonStrings.quoteLower("\u001f/", sb);
        assertThat(sb).hasToString("\"\\u001F\u007f\"\"\\u001f/\"");
    }

    @Test
    void shortEscapesQuotesAndBackslashes() {
        assertThat(JsonStrings.quoted("a\"b\\c\b\f\n\r\td\u0000é")).isEqualTo("\"a\\\"b\\\\c\\b\\f\\n\\r\\td\\u0000é\"");
    }
}

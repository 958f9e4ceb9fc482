package org.lanner.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class EventTimeTest {

    private static final long TS = 1_470_327_477_881_785_348L; // 2016-08-04T16:17:57.881785348Z

    @Test
    void libsinspsForms() {
        EventTime utc = new EventTime(ZoneOffset.UTC);
        assertThat(utc.clock(TS, true)).isEqualTo("16:17:57.881785348");
        assertThat(utc.clock(TS, false)).isEqualTo("16:17:57");
        assertThat(utc.dateTime(TS, true)).isEqualTo("2016-08-04 16:17:57.881785348");
        assertThat(utc.dateTime(TS, false)).isEqualTo("2016-08-04 16:17:57");
        assertThat(EventTime.iso8601(TS)).isEqualTo("2016-08-04T16:17:57.881785348+0000");
        StringBuilder json = new StringBuilder();
        EventTime.appendJsonTime(TS, json);
        assertThat(json).hasToString("2016-08-04T16:17:57.881785348Z");
    }

    @Test
    void localTimesUseTheZonesOffsetInWholeMinutes() {
        EventTime plusTwo = new EventTime(ZoneOffset.ofHoursMinutesSeconds(2, 0, 30));
        assertThat(plusTwo.clock(TS, false)).as("libsinsp's gmt2local drops the seconds").isEqualTo("18:17:57");
    }

    @Test
    void paddedNanosecondsHaveAtLeastNineDigits() {
        assertThat(EventTime.padded(0)).isEqualTo("000000000");
        assertThat(EventTime.padded(881_785_348)).isEqualTo("881785348");
        assertThat(EventTime.padded(5_000_000_001L)).isEqualTo("5000000001");
        assertThat(EventTime.padded(-1)).as("unsigned").isEqualTo("18446744073709551615");
    }
}

package org.lanner.api.syscall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTableTest {

    @Test
    void knowsTheEventsRulesUse() {
        EventInfo openatX = EventTable.info(307);
        assertThat(openatX.name()).isEqualTo("openat");
        assertThat(openatX.enter()).isFalse();
        assertThat(openatX.paramIndex("name")).isEqualTo(2);
        assertThat(openatX.params().get(2).type()).isEqualTo(ParamType.FSRELPATH);
        assertThat(openatX.params().get(2).dirfd()).isEqualTo(1);
        assertThat(openatX.params().get(3).table()).isEqualTo("file_flags");
        assertThat(EventTable.info(293).name()).isEqualTo("execve");
        assertThat(EventTable.info(322).largePayload()).isTrue();
        assertThat(EventTable.info(EventTable.EVENT_MAX)).isNull();
        assertThat(EventTable.syscallName(0)).isEqualTo("<unknown>");
    }

    @Test
    void evenIdsEnterOddIdsExit() {
        for (EventInfo e : EventTable.all()) {
            assertThat(e.enter()).as("event %d", e.id()).isEqualTo(e.id() % 2 == 0);
        }
    }
}

package org.lanner.api.syscall.table;

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
    void knowsTheIdsOfNewerLibraries() {
        assertThat(EventTable.EVENT_MAX).isEqualTo(454);
        assertThat(EventTable.all()).hasSize(EventTable.EVENT_MAX);
        EventInfo openByHandle = EventTable.info(337);
        assertThat(openByHandle.name()).isEqualTo("open_by_handle_at");
        assertThat(openByHandle.paramIndex("path")).isEqualTo(3);
        assertThat(EventTable.info(402).name()).isEqualTo("asyncevent");
        assertThat(EventTable.info(402).largePayload()).isTrue();
        assertThat(EventTable.info(453).params().get(1).type()).isEqualTo(ParamType.ENUMFLAGS32);
        assertThat(EventTable.info(431).params()).isEmpty();
        assertThat(EventTable.syscallName(329)).isEqualTo("open_by_handle_at");
        assertThat(EventTable.syscallName(382)).isEqualTo("<unknown>");
    }

    @Test
    void newerParametersAreAppendedWithoutChangingKnownOnes() {
        // close exit: res, then the fd the newer drivers append
        assertThat(EventTable.info(5).params()).extracting(ParamInfo::name).containsExactly("res", "fd");
        // known parameters keep the base table's names and types
        assertThat(EventTable.info(322).params().get(0).name()).isEqualTo("plugin ID");
        assertThat(EventTable.info(293).params().get(17).name()).isEqualTo("pgid");
        assertThat(EventTable.info(293).params().get(19).name()).isEqualTo("flags");
        assertThat(EventTable.info(18).params().get(0).type()).isEqualTo(ParamType.FLAGS32);
        // and flags: DROP_SIMPLE_CONS stays, the converter flag of newer tables is not carried
        assertThat(EventTable.info(4).has(EventFlags.DROP_SIMPLE_CONS)).isTrue();
        assertThat(EventTable.info(4).flags() & ~0xFFF).isZero();
    }

    @Test
    void evenIdsEnterOddIdsExit() {
        for (EventInfo e : EventTable.all()) {
            assertThat(e.enter()).as("event %d", e.id()).isEqualTo(e.id() % 2 == 0);
        }
    }
}

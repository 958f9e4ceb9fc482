package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lanner.api.source.SourceException;

/** The live source's open parameters; no capture needed. */
class OpenParamsTest {

    @Test
    void emptyKeepsTheConfigurationAndSnaplenSetsTheStreams() throws Exception {
        assertThat(OpenParams.parse("")).isEqualTo(OpenParams.NONE);
        assertThat(OpenParams.parse(null).snaplen()).isNull();
        assertThat(OpenParams.parse("snaplen=200").snaplen()).isEqualTo(200);
        assertThat(OpenParams.parse(" snaplen = 0 ").snaplen()).isZero();
        assertThat(OpenParams.parse("snaplen=8192").snaplen()).isEqualTo(8192);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> OpenParams.parse("snaplen=8193")).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("snaplen can't exceed 8192 bytes with the eBPF driver");
        assertThatThrownBy(() -> OpenParams.parse("snaplen=-1")).hasMessageEndingWith("not -1");
        assertThatThrownBy(() -> OpenParams.parse("snaplen=lots")).hasMessage("live capture: snaplen 'lots' is not a number of bytes");
        assertThatThrownBy(() -> OpenParams.parse("buffer=4")).hasMessage(
                "live capture: unknown open parameter 'buffer=4' (the eBPF driver takes snaplen=<bytes>)");
    }
}

package org.lanner.output.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;

class StdoutOutputSinkTest {

    @Test
    void printsOneLinePerAlertWhenFlushed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutOutputSink sink = new StdoutOutputSink(new FalcoFormat(FormatOptions.DEFAULTS.withJsonOutput(true), ZoneOffset.UTC), out);
        sink.deliver(new Alert(1_000_000_000L, "r", Priority.NOTICE, "syscall", List.of("t"), "héllo",
                List.of(new OutputField("proc.name", "sh")), "h"));
        assertThat(out.size()).as("buffered until flushed").isZero();
        sink.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"output\":\"00:00:01.000000000: Notice héllo\",\"priority\":\"Notice\",\"rule\":\"r\","
                        + "\"source\":\"syscall\",\"tags\":[\"t\"],\"time\":\"1970-01-01T00:00:01.000000000Z\", "
                        + "\"output_fields\": {\"evt.time\":1000000000,\"proc.name\":\"sh\"}}\n");
    }
}

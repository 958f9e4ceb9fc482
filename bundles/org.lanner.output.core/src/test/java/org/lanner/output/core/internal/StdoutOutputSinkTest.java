package org.lanner.output.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.api.output.SinkStats;
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

    @Test
    void aReaderThatPausesLosesNothingOfAReplay(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("read.txt");
        // the reader on the other end of the pipe reads nothing for two seconds, then everything
        Process reader = new ProcessBuilder("sh", "-c", "sleep 2; cat > " + out).start();
        OutputPublisher publisher = new OutputPublisher(OutputPublisherTest.config("outputs_queue.capacity", 4), "h");
        try {
            StdoutOutputSink sink = new StdoutOutputSink(new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.UTC), reader.getOutputStream());
            publisher.attach("stdout", "stdout", sink);
            String pad = "p".repeat(100);
            long start = System.nanoTime();
            for (int i = 0; i < 3000; i++) { // some 400 KB: far more than the pipe holds
                publisher.publishWaiting(new Alert(i * 1_000_000_000L, "r", Priority.NOTICE, "syscall", List.of(), "alert " + i + " " + pad,
                        List.of(), "h"), null, Duration.ofSeconds(30).toNanos());
            }
            assertThat(System.nanoTime() - start).as("the replay waited for the reader").isGreaterThan(Duration.ofSeconds(1).toNanos());
            assertThat(publisher.drain(30_000)).isTrue();
            List<SinkStats> last = publisher.stopAll();
            assertThat(last).containsExactly(new SinkStats("stdout", 3000, 0, 0, 0, 0));
        } finally {
            publisher.close();
            reader.getOutputStream().close();
        }
        assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3000);
        assertThat(lines.get(2999)).startsWith("00:49:59.000000000: Notice alert 2999 ");
    }
}

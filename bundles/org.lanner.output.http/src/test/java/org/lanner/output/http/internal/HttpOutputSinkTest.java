package org.lanner.output.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.api.output.SinkStats;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.lanner.output.core.internal.OutputConfig;
import org.lanner.output.core.internal.OutputPublisher;
import org.lanner.test.Configs;
import org.lanner.test.TestPki;

import com.fasterxml.jackson.databind.JsonNode;

class HttpOutputSinkTest {

    /** json_output is false: the http sink posts JSON anyway. */
    static final FalcoFormat TEXT = new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.UTC);

    @TempDir
    Path dir;
    SidekickServer server;
    HttpOutputSink sink;
    OutputPublisher publisher;

    @AfterEach
    void tearDown() {
        if (publisher != null) {
            publisher.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Alert alert(int i, String source) {
        return new Alert(1470327477881781397L + i, "rule " + i, Priority.WARNING, source, List.of("b", "a"), "alert " + i,
                List.of(new OutputField("proc.name", "cat"), new OutputField("proc.pid", 42L)), "node-1");
    }

    static HttpConfig config(String url, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("url", url);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Configs.of(HttpConfig.class, m);
    }

    HttpOutputSink sink(HttpConfig config) throws Exception {
        sink = new HttpOutputSink(TEXT, config);
        return sink;
    }

    OutputPublisher publisher() {
        publisher = new OutputPublisher(Configs.of(OutputConfig.class, Map.of("outputs.rate", 0.0, "output_timeout", 60_000)), "h");
        return publisher;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port + "/";
    }

    @Test
    void postsJsonThatSidekickAcceptsForEverySource() throws Exception {
        server = new SidekickServer(SidekickServer.freePort()).start();
        sink(config(url()));
        sink.deliver(alert(1, "syscall"));
        sink.deliver(alert(2, "k8s_audit"));
        sink.deliver(alert(3, "aws_cloudtrail"));
        sink.deliver(new Alert(1, "Falco internal: syscall event drop", Priority.DEBUG, "internal", null, "drops",
                List.of(new OutputField("n_drops", "7")), "node-1"));
        assertThat(server.rejected).hasValue(0);
        assertThat(server.accepted).hasSize(4);
        JsonNode first = server.accepted.get(0);
        assertThat(first.path("rule").asText()).isEqualTo("rule 1");
        assertThat(first.path("priority").asText()).isEqualTo("Warning");
        assertThat(first.path("source").asText()).isEqualTo("syscall");
        assertThat(first.path("hostname").isMissingNode()).as("Falco 0.30's JSON: no hostname by default").isTrue();
        assertThat(first.path("time").asText()).isEqualTo("2016-08-04T16:17:57.881781398Z");
        assertThat(first.path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(first.path("output").asText()).isEqualTo("16:17:57.881781398: Warning alert 1");
        assertThat(first.path("output_fields").path("proc.pid").isNumber()).isTrue();
        assertThat(server.accepted.get(1).path("output_fields").path("jevt.time").asText()).isEqualTo("16:17:57.881781399");
        assertThat(server.headers.get(0)).containsEntry("Content-type", List.of("application/json"))
                .containsEntry("User-agent", List.of("falcosecurity/falco"));
    }

    @Test
    void theServerReallyAppliesSidekicksRules() throws Exception {
        server = new SidekickServer(SidekickServer.freePort()).start();
        HttpClient client = HttpClient.newHttpClient();
        String good = TEXT.json(alert(1, "syscall"));
        assertThat(post(client, good)).isEqualTo(200);
        assertThat(post(client, good.replace("\"Warning\"", "\"Severe\""))).as("unknown priority").isEqualTo(400);
        assertThat(post(client, good.replace("\"priority\":\"Warning\"", "\"priority\":4"))).as("priority not a string").isEqualTo(400);
        assertThat(post(client, good.replace("\"rule\":\"rule 1\"", "\"rule\":\"\""))).as("empty rule").isEqualTo(400);
        assertThat(post(client, good.replaceAll("\"output_fields\": \\{.*\\}\\}$", "\"output_fields\": {}}"))).as("no fields").isEqualTo(400);
        assertThat(post(client, good.replace("\"time\":\"2016", "\"time\":\"yesterday 2016"))).as("bad time").isEqualTo(400);
        assertThat(post(client, TEXT.text(alert(1, "syscall")))).as("text line").isEqualTo(400);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(url())).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("GET").isEqualTo(400);
        assertThat(server.accepted).hasSize(1);
    }

    int post(HttpClient client, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url())).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void serverDownThenUpLosesNothingQueued() throws Exception {
        int port = SidekickServer.freePort();
        server = new SidekickServer(port);
        publisher();
        publisher.attach("http", "http", sink(config("http://127.0.0.1:" + port + "/", "retries", 30, "retry_backoff", 20, "timeout", 2000)));
        for (int i = 0; i < 20; i++) {
            publisher.publish(alert(i, "syscall"));
        }
        await(() -> publisher.stats().get(0).queued() == 19, "the first POST to be retried");
        server.start();
        assertThat(publisher.drain(30_000)).isTrue();
        assertThat(publisher.stats()).containsExactly(new SinkStats("http", 20, 0, 0, 0, 0));
        assertThat(server.accepted).extracting(n -> n.path("rule").asText())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "rule " + i).toList());
    }

    List<String> rules(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "rule " + i).toList();
    }

    @Test
    @Timeout(60) // before the fix the delivery waited for the body for ever
    void anAnswerWhoseBodyStallsFailsWithinTheTimeoutAndLaterAlertsGoOut() throws Exception {
        server = new SidekickServer(SidekickServer.freePort()).start();
        AtomicInteger n = new AtomicInteger();
        server.stallBody = () -> n.incrementAndGet() == 1; // headers, then 7 bytes of 1000, then nothing
        publisher();
        publisher.attach("http", "http", sink(config(url(), "timeout", 2000, "retries", 0)));
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            publisher.publish(alert(i, "syscall"));
        }
        assertThat(publisher.drain(20_000)).as("the stalled answer must not hold the output").isTrue();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("within about the timeout (2 s)").isLessThan(15_000);
        assertThat(server.stalled).hasValue(1);
        assertThat(publisher.stats()).containsExactly(new SinkStats("http", 2, 1, 0, 0, 0));
        assertThat(server.accepted).extracting(j -> j.path("rule").asText()).containsExactly("rule 1", "rule 2");
    }

    @Test
    @Timeout(60)
    void aStalledAnswerIsRetriedLikeAnyTimeout() throws Exception {
        server = new SidekickServer(SidekickServer.freePort()).start();
        AtomicInteger n = new AtomicInteger();
        server.stallBody = () -> n.incrementAndGet() <= 2;
        sink(config(url(), "timeout", 2000, "retries", 2, "retry_backoff", 1));
        sink.deliver(alert(0, "syscall"));
        assertThat(server.requests).hasValue(3);
        assertThat(server.accepted).hasSize(1);
        server.stallBody = () -> true;
        assertThatThrownBy(() -> sink.deliver(alert(1, "syscall")))
                .hasMessage(url() + ": no complete answer within 2000 ms (after 3 attempts)");
    }

    @Test
    void deadPeerEveryAlertIsCountedFailed() throws Exception {
        int port = SidekickServer.freePort(); // nothing listens: connection refused
        publisher();
        publisher.attach("http", "http", sink(config("http://127.0.0.1:" + port + "/", "retries", 2, "retry_backoff", 1, "timeout", 1000)));
        for (int i = 0; i < 5; i++) {
            publisher.publish(alert(i, "syscall"));
        }
        assertThat(publisher.drain(30_000)).isTrue();
        assertThat(publisher.stats()).containsExactly(new SinkStats("http", 0, 5, 0, 0, 0));
        assertThatThrownBy(() -> sink.deliver(alert(9, "syscall")))
                .hasMessageStartingWith("http://127.0.0.1:" + port + "/: ConnectException")
                .hasMessageEndingWith("(after 3 attempts)");
    }

    @Test
    void slowPeerWithinTheTimeoutGetsEverythingBeyondItFails() throws Exception {
        server = new SidekickServer(SidekickServer.freePort()).start();
        server.delayMillis = 200;
        publisher();
        publisher.attach("http", "http", sink(config(url(), "timeout", 10_000, "retries", 0)));
        for (int i = 0; i < 5; i++) {
            publisher.publish(alert(i, "syscall"));
        }
        assertThat(publisher.drain(30_000)).isTrue();
        assertThat(publisher.stats()).containsExactly(new SinkStats("http", 5, 0, 0, 0, 0));
        server.delayMillis = 1500;
        sink.close();
        publisher.close();
        publisher();
        publisher.attach("http", "http", sink(config(url(), "timeout", 300, "retries", 0)));
        for (int i = 5; i < 8; i++) {
            publisher.publish(alert(i, "syscall"));
        }
        assertThat(publisher.drain(30_000)).isTrue();
        assertThat(publisher.stats()).containsExactly(new SinkStats("http", 0, 3, 0, 0, 0));
        assertThat(server.accepted).extracting(j -> j.path("rule").asText()).containsExactlyElementsOf(rules(0, 5));
    }

    @Test
    void peerRestartingMidRunOutageFailedAfterwardsDelivered() throws Exception {
        int port = SidekickServer.freePort();
        server = new SidekickServer(port).start();
        publisher();
        publisher.attach("http", "http", sink(config(url(), "timeout", 10_000, "retries", 0)));
        for (int i = 0; i < 4; i++) {
            publisher.publish(alert(i, "syscall"));
        }
        assertThat(publisher.drain(30_000)).isTrue();
        server.stop();
        for (int i = 4; i < 7; i++) {
            publisher.publish(alert(i, "syscall"));
        }
        assertThat(publisher.drain(30_000)).isTrue();
        assertThat(publisher.stats()).containsExactly(new SinkStats("http", 4, 3, 0, 0, 0));
        server.start(); // the same port
        for (int i = 7; i < 12; i++) {
            publisher.publish(alert(i, "syscall"));
        }
        assertThat(publisher.drain(30_000)).isTrue();
        assertThat(publisher.stats()).containsExactly(new SinkStats("http", 9, 3, 0, 0, 0));
        List<String> expected = new java.util.ArrayList<>(rules(0, 4));
        expected.addAll(rules(7, 12));
        assertThat(server.accepted).extracting(j -> j.path("rule").asText()).containsExactlyElementsOf(expected);
    }

    @Test
    void aHugeAnswerIsNotKeptWhole() throws Exception {
        // a hostile or broken server answering 500 with 20 MB: the error shows 200 characters, the sink keeps 4 KiB
        server = new SidekickServer(SidekickServer.freePort()).start();
        server.forcedStatus = () -> 500;
        server.forcedText = "y".repeat(20_000_000);
        sink(config(url(), "retries", 0));
        assertThatThrownBy(() -> sink.deliver(alert(1, "syscall"))).hasMessage(url() + ": HTTP 500: " + "y".repeat(200) + "… (after 1 attempts)");
    }

    @Test
    void serverErrorsAreRetriedAndRefusalsAreNot() throws Exception {
        server = new SidekickServer(SidekickServer.freePort()).start();
        AtomicInteger n = new AtomicInteger();
        server.forcedStatus = () -> n.incrementAndGet() <= 2 ? 503 : 0;
        sink(config(url(), "retries", 3, "retry_backoff", 1));
        sink.deliver(alert(1, "syscall"));
        assertThat(server.requests).hasValue(3);
        assertThat(server.accepted).hasSize(1);

        server.forcedStatus = () -> 400;
        assertThatThrownBy(() -> sink.deliver(alert(2, "syscall"))).hasMessageContaining("HTTP 400: forced");
        assertThat(server.requests).as("a refusal is not retried").hasValue(4);

        server.forcedStatus = () -> 500;
        assertThatThrownBy(() -> sink.deliver(alert(3, "syscall"))).hasMessageContaining("HTTP 500: forced (after 4 attempts)");
        assertThat(server.requests).hasValue(8);
    }

    @Test
    void authorizationHeader() throws Exception {
        server = new SidekickServer(SidekickServer.freePort()).start();
        server.requiredAuthorization = "Bearer s3cret";
        sink(config(url(), "auth_header", "Authorization: Bearer s3cret"));
        sink.deliver(alert(1, "syscall"));
        assertThat(server.accepted).hasSize(1);
        sink.close();
        sink(config(url()));
        assertThatThrownBy(() -> sink.deliver(alert(2, "syscall"))).hasMessageContaining("HTTP 401");
    }

    @Test
    void tlsWithOwnCaInsecureAndUntrusted() throws Exception {
        TestPki pki = TestPki.create(dir);
        server = new SidekickServer(SidekickServer.freePort()).startTls(pki);
        String https = "https://localhost:" + server.port + "/";
        sink(config(https, "ca_cert", pki.caCert().toString()));
        sink.deliver(alert(1, "syscall"));
        sink.close();
        sink(config(https.replace("localhost", "127.0.0.1"), "ca_cert", pki.caCert().toString()));
        sink.deliver(alert(2, "syscall"));
        sink.close();
        sink(config(https, "insecure", true));
        sink.deliver(alert(3, "syscall"));
        sink.close();
        sink(config(https, "retries", 0));
        assertThatThrownBy(() -> sink.deliver(alert(4, "syscall"))).hasMessageContaining("SSLHandshakeException");
        assertThat(server.accepted).hasSize(3);
    }

    @Test
    void configurationMistakesAreClear() {
        assertThatThrownBy(() -> sink(config(""))).hasMessage("http_output.url: http output enabled but no url given");
        assertThatThrownBy(() -> sink(config("ftp://x/"))).hasMessage("http_output.url: only http:// and https:// are supported: ftp://x/");
        assertThatThrownBy(() -> sink(config("http://x/", "auth_header", "Bearer x")))
                .hasMessage("http_output.auth_header: expected 'Name: value', got 'Bearer x'");
        assertThatThrownBy(() -> sink(config("https://x/", "ca_cert", dir.resolve("none.pem").toString())))
                .hasMessageStartingWith("http_output.ca_cert: cannot read ");
    }
}

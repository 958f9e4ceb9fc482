package org.lanner.output.http.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.lanner.test.TestPki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A test HTTP server that accepts alerts the way Falcosidekick's main handler does ({@code handlers.go}
 * {@code mainHandler} and {@code types.FalcoPayload.Check}): only {@code POST}; a body that decodes
 * into its payload type (string members, {@code time} in RFC 3339, {@code output_fields} an object,
 * {@code tags} strings); a known priority, a rule, a time and at least one output field. It answers
 * 400 {@code Please send a valid request body} otherwise, as Sidekick does.
 */
final class SidekickServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PRIORITIES = Set.of("emergency", "alert", "critical", "error", "warning", "notice",
            "informational", "info", "debug");

    final int port;
    final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    /** Overrides the status of the next answers when it returns something else than 0. */
    volatile IntSupplier forcedStatus = () -> 0;
    volatile String requiredAuthorization;
    /** The text of forced answers. */
    volatile String forcedText = "forced";
    /** When it returns true for a request, the answer's headers go out, then a part of its body, then nothing until {@link #stop}. */
    volatile BooleanSupplier stallBody = () -> false;
    /** Milliseconds to wait before answering (a slow peer). */
    volatile long delayMillis;
    final AtomicInteger stalled = new AtomicInteger();
    private volatile CountDownLatch released = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;

    SidekickServer(int port) {
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    SidekickServer start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        // a stalled answer must not hold up the next requests
        executor = Executors.newCachedThreadPool();
        released = new CountDownLatch(1);
        server.setExecutor(executor);
        server.start();
        return this;
    }

    SidekickServer startTls(TestPki pki) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(pki.serverKeyStore().toFile())) {
            ks.load(in, TestPki.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestPki.PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ssl));
        https.createContext("/", this::handle);
        https.start();
        server = https;
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        if (delayMillis > 0 && awaitRelease(delayMillis)) {
            return;
        }
        if (stallBody.getAsBoolean()) {
            stalled.incrementAndGet();
            ex.sendResponseHeaders(200, 1000);
            OutputStream o = ex.getResponseBody();
            o.write("partial".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            awaitRelease(Long.MAX_VALUE);
            ex.close();
            return;
        }
        int forced = forcedStatus.getAsInt();
        if (forced != 0) {
            answer(ex, forced, forcedText);
            return;
        }
        if (requiredAuthorization != null && !requiredAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            answer(ex, 401, "unauthorized");
            return;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            rejected.incrementAndGet();
            answer(ex, 400, "Please send with post http method");
            return;
        }
        JsonNode payload = decode(body);
        if (payload == null || !check(payload)) {
            rejected.incrementAndGet();
            answer(ex, 400, "Please send a valid request body");
            return;
        }
        headers.add(Map.copyOf(ex.getRequestHeaders()));
        accepted.add(payload);
        answer(ex, 200, "");
    }

    /** Decodes like Go's encoding/json into FalcoPayload: null on any type mismatch. */
    static JsonNode decode(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "uuid", "output", "rule", "source", "hostname", "priority" -> {
                    if (!v.isTextual()) {
                        return null;
                    }
                }
                case "time" -> {
                    if (!v.isTextual()) {
                        return null;
                    }
                    try {
                        OffsetDateTime.parse(v.asText());
                    } catch (DateTimeParseException x) {
                        return null;
                    }
                }
                case "output_fields" -> {
                    if (!v.isObject()) {
                        return null;
                    }
                }
                case "tags" -> {
                    if (!v.isArray()) {
                        return null;
                    }
                    for (JsonNode t : v) {
                        if (!t.isTextual() && !t.isNull()) {
                            return null;
                        }
                    }
                }
                default -> {
                    // unknown members are ignored
                }
            }
        }
        return root;
    }

    /** FalcoPayload.Check. */
    static boolean check(JsonNode p) {
        return PRIORITIES.contains(p.path("priority").asText("").toLowerCase(Locale.ROOT))
                && !p.path("rule").asText("").isEmpty()
                && p.hasNonNull("time")
                && p.path("output_fields").isObject() && p.path("output_fields").size() > 0;
    }

    private static void answer(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        }
        ex.close();
    }

    /** True when the server stopped within {@code millis}. */
    private boolean awaitRelease(long millis) {
        try {
            return released.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    void stop() {
        released.countDown();
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

package org.lanner.output.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputName;
import org.lanner.api.output.OutputSink;
import org.lanner.output.core.AlertFormatter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code http_output}: one {@code POST} per alert with the alert's JSON document (whatever
 * {@code json_output} says: Falcosidekick and webhooks want JSON), {@code Content-Type:
 * application/json}. A POST that fails for a reason that may pass (no connection, timeout, 408,
 * 429, 5xx) is retried with exponential back-off; while it is retried, later alerts wait in the
 * publisher's bounded queue, so nothing is lost when the server comes back within the retries and
 * the queue's capacity. Another answer (4xx: the server refuses the document) fails at once.
 * {@code timeout} bounds each attempt as a whole, body included: a server that sends its headers and
 * then stalls cannot hold the output (the attempt is aborted and its connection closed). Only the
 * first 4 KiB of an answer are kept. Called from the publisher's single thread for this sink.
 */
@Component(service = OutputSink.class, configurationPid = HttpConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpConfig.class)
@OutputName(output = "http")
public final class HttpOutputSink implements OutputSink {

    private static final long MAX_BACKOFF_MS = 30_000;
    private static final int MAX_ANSWER = 4096;

    private final AlertFormatter formatter;
    private final URI url;
    private final String userAgent;
    private final String headerName;
    private final String headerValue;
    private final Duration timeout;
    private final int retries;
    private final long backoffMillis;
    private final ExecutorService executor;
    private final HttpClient client;
    private final CountDownLatch closed = new CountDownLatch(1);

    @Activate
    public HttpOutputSink(@Reference AlertFormatter formatter, HttpConfig config) throws IOException, GeneralSecurityException {
        this.formatter = formatter;
        if (config.url() == null || config.url().isBlank()) {
            throw new IllegalArgumentException("http_output.url: http output enabled but no url given");
        }
        try {
            this.url = URI.create(config.url().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("http_output.url: not a URL: " + config.url() + " (" + e.getMessage() + ")");
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("http_output.url: only http:// and https:// are supported: " + config.url());
        }
        this.userAgent = config.user__agent();
        String header = config.auth__header() == null ? "" : config.auth__header().trim();
        if (header.isEmpty()) {
            headerName = null;
            headerValue = null;
        } else {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("http_output.auth_header: expected 'Name: value', got '" + header + "'");
            }
            headerName = header.substring(0, colon).trim();
            headerValue = header.substring(colon + 1).trim();
        }
        this.timeout = Duration.ofMillis(Math.max(1, config.timeout()));
        this.retries = Math.max(0, config.retries());
        this.backoffMillis = Math.max(1, config.retry__backoff());
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lanner-output-http-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).executor(executor).followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equalsIgnoreCase(url.getScheme())) {
            builder.sslContext(sslContext(config));
        }
        this.client = builder.build();
    }

    private static SSLContext sslContext(HttpConfig config) throws IOException, GeneralSecurityException {
        SSLContext ssl = SSLContext.getInstance("TLS");
        if (config.insecure()) {
            ssl.init(null, new TrustManager[] {new TrustAll()}, null);
        } else if (config.ca__cert() != null && !config.ca__cert().isBlank()) {
            try {
                ssl.init(null, Pem.trust(Path.of(config.ca__cert())).getTrustManagers(), null);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("http_output.ca_cert: cannot read " + config.ca__cert() + ": " + e.getMessage(), e);
            }
        } else {
            return SSLContext.getDefault();
        }
        return ssl;
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formatter.json(alert), StandardCharsets.UTF_8));
        if (userAgent != null && !userAgent.isEmpty()) {
            request.header("User-Agent", userAgent);
        }
        if (headerName != null) {
            request.header(headerName, headerValue);
        }
        HttpRequest req = request.build();
        long wait = backoffMillis;
        for (int attempt = 0;; attempt++) {
            String failure;
            CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(req, BOUNDED_BODY);
            try {
                // the request's own timeout ends when the headers arrive; this bound covers the body too
                HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                failure = "HTTP " + status + answer(response.body());
                if (!retryable(status)) {
                    throw new IOException(url + ": " + failure);
                }
            } catch (InterruptedException e) {
                exchange.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while posting to " + url);
            } catch (TimeoutException e) {
                // cancelling the future aborts the exchange and closes its connection (JDK 16+)
                exchange.cancel(true);
                failure = "no complete answer within " + timeout.toMillis() + " ms";
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failure = cause.getMessage() == null ? cause.getClass().getSimpleName()
                        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
            if (attempt >= retries) {
                throw new IOException(url + ": " + failure + " (after " + (attempt + 1) + " attempts)");
            }
            try {
                if (closed.await(wait, TimeUnit.MILLISECONDS)) {
                    throw new IOException(url + ": " + failure + " (output closed while retrying)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry " + url);
            }
            wait = Math.min(MAX_BACKOFF_MS, wait * 2);
        }
    }

    /** Keeps the first {@link #MAX_ANSWER} bytes of an answer (only shown in errors) and discards the rest. */
    private static final HttpResponse.BodyHandler<String> BOUNDED_BODY =
            info -> HttpResponse.BodySubscribers.fromSubscriber(new BoundedAnswer(), BoundedAnswer::text);

    private static final class BoundedAnswer implements Flow.Subscriber<List<ByteBuffer>> {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), MAX_ANSWER - kept.size());
                if (n > 0) {
                    byte[] chunk = new byte[n];
                    b.get(chunk);
                    kept.write(chunk, 0, n);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the exchange's future fails with it
        }

        @Override
        public void onComplete() {
            // text() is called once the body is complete
        }

        String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static String answer(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
    }

    /** Stops retrying and releases the client's threads. */
    @Deactivate
    public void close() {
        closed.countDown();
        executor.shutdownNow();
    }
}

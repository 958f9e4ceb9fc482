package org.lanner.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away certificate authority for TLS tests, made with the {@code openssl} command: a CA, a
 * server certificate for {@code localhost}/{@code 127.0.0.1} and a client certificate, each with its
 * PKCS#8 key, plus the server's PKCS#12 key store (password {@link #PASSWORD}). Skips the test when
 * openssl is missing.
 *
 * @param dir where the files are
 * @param caCert the CA certificate (PEM)
 * @param serverCert the server certificate (PEM)
 * @param serverKey the server's private key (PEM, PKCS#8)
 * @param serverKeyStore the server's certificate and key as PKCS#12
 * @param clientCert the client certificate (PEM)
 * @param clientKey the client's private key (PEM, PKCS#8)
 */
public record TestPki(Path dir, Path caCert, Path serverCert, Path serverKey, Path serverKeyStore, Path clientCert, Path clientKey) {

    /** The password of {@link #serverKeyStore()}. */
    public static final String PASSWORD = "changeit";

    /** Creates everything in {@code dir}. */
    public static TestPki create(Path dir) throws IOException, InterruptedException {
        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "SKIPPED: openssl is not installed");
        Path ext = dir.resolve("server.ext");
        Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Path clientExt = dir.resolve("client.ext");
        Files.writeString(clientExt, "extendedKeyUsage=clientAuth\n");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Lanner test CA",
                "-keyout", "ca.key", "-out", "ca.crt");
        for (String who : new String[] {"server", "client"}) {
            run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + (who.equals("server") ? "localhost" : "lanner-client"),
                    "-keyout", who + ".key", "-out", who + ".csr");
            run(dir, "openssl", "x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-extfile", who + ".ext", "-out", who + ".crt");
        }
        run(dir, "openssl", "pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-name", "server",
                "-passout", "pass:" + PASSWORD, "-out", "server.p12");
        return new TestPki(dir, dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                dir.resolve("server.p12"), dir.resolve("client.crt"), dir.resolve("client.key"));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}

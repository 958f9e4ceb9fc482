package org.lanner.output.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.lanner.test.Configs;
import org.lanner.test.TestPki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An independent client: Debian's python3-grpcio, with stubs that Debian's python3-grpc-tools generates
 * from our .proto files, run by Debian's own {@code /usr/bin/python3} (not whatever python3 is first on
 * the PATH). Skips when those packages are missing.
 */
class PythonClientTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final ObjectMapper JSON = new ObjectMapper();
    static final FalcoFormat FORMAT = new FalcoFormat(FormatOptions.DEFAULTS.withJsonOutput(true), ZoneOffset.UTC);

    @TempDir
    static Path stubs;
    @TempDir
    Path dir;
    GrpcServer server;
    Process client;

    @BeforeAll
    static void generateStubs() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "SKIPPED: /usr/bin/python3 is missing");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import grpc, grpc_tools.protoc").redirectErrorStream(true).start();
        String why = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(check.waitFor() == 0,
                "SKIPPED: Debian's python3-grpcio and python3-grpc-tools are needed (apt install python3-grpcio python3-grpc-tools): " + why);
        Path protos = Path.of("src/main/proto").toAbsolutePath();
        Process gen = new ProcessBuilder(PYTHON.toString(), "-c",
                "import grpc_tools, os, sys; from grpc_tools import protoc; "
                        + "inc = os.path.join(os.path.dirname(grpc_tools.__file__), '_proto'); "
                        + "sys.exit(protoc.main(['protoc', '-I" + protos + "', '-I' + inc, '--python_out=" + stubs
                        + "', '--grpc_python_out=" + stubs + "', 'outputs.proto', 'schema.proto', 'version.proto']))")
                .redirectErrorStream(true).start();
        String out = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gen.waitFor()).as("grpc_tools.protoc: " + out).isZero();
        Files.copy(Path.of("src/test/python/falco_client.py"), stubs.resolve("falco_client.py"));
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    static GrpcConfig config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Configs.of(GrpcConfig.class, m);
    }

    Process client(String target, List<String> tls, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), stubs.resolve("falco_client.py").toString(),
                "--stubs", stubs.toString(), "--target", target));
        cmd.addAll(tls);
        cmd.addAll(List.of(command));
        client = new ProcessBuilder(cmd).redirectError(dir.resolve("client.err").toFile()).start();
        return client;
    }

    List<JsonNode> lines(Process p, int count) throws Exception {
        List<JsonNode> got = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; got.size() < count && (line = r.readLine()) != null;) {
                got.add(JSON.readTree(line));
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(got).as("client stderr: " + Files.readString(dir.resolve("client.err"))).hasSize(count);
        return got;
    }

    static void awaitSubscribers(GrpcServer server, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.hub().subscribers() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the python client did not subscribe");
            }
            Thread.onSpinWait();
        }
    }

    static List<Alert> alerts() {
        return List.of(
                new Alert(1470327477881781397L, "open_from_cat", Priority.WARNING, "syscall", List.of("testing", "filesystem", "process"),
                        "An open was seen (command=cat /dev/null)", List.of(new OutputField("proc.cmdline", "cat /dev/null")), "node-1"),
                new Alert(1470327477881781398L, "Create Disallowed Namespace", Priority.NOTICE, "k8s_audit", List.of("k8s"),
                        "namespace foo", List.of(new OutputField("ka.target.name", "foo")), "node-1"),
                new Alert(1470327477881781399L, "Console login", Priority.INFORMATIONAL, "aws_cloudtrail", List.of(),
                        "login", List.of(new OutputField("ct.user", "bob")), "node-1"));
    }

    void checkReceived(List<JsonNode> got) {
        JsonNode first = got.get(0);
        assertThat(first.path("rule").asText()).isEqualTo("open_from_cat");
        assertThat(first.path("priority").asText()).isEqualTo("WARNING");
        assertThat(first.path("source").asText()).isEqualTo("syscall");
        assertThat(first.path("source_deprecated").isMissingNode()).as("SYSCALL is the enum's default, not serialised").isTrue();
        assertThat(first.path("tags").toString()).isEqualTo("[\"filesystem\",\"process\",\"testing\"]");
        assertThat(first.path("hostname").asText()).isEqualTo("node-1");
        assertThat(first.path("time").asText()).isEqualTo("2016-08-04T16:17:57.881781397Z");
        assertThat(first.path("output_fields").path("proc.cmdline").asText()).isEqualTo("cat /dev/null");
        assertThat(first.path("output_fields").path("evt.time").asText()).isEqualTo("16:17:57.881781397");
        assertThat(first.path("output").asText()).as("json_output: the output is the JSON line, as Falco").startsWith("{\"output\":\"16:17:57.881781397: Warning ");
        assertThat(got.get(1).path("source").asText()).isEqualTo("k8s_audit");
        assertThat(got.get(1).path("source_deprecated").asText()).isEqualTo("K8S_AUDIT");
        assertThat(got.get(2).path("source").asText()).isEqualTo("aws_cloudtrail");
        assertThat(got.get(2).path("source_deprecated").asText()).isEqualTo("PLUGIN");
        assertThat(got.get(2).path("tags").isMissingNode()).isTrue();
    }

    @Test
    void subscribesOverTheUnixSocket() throws Exception {
        Path socket = dir.resolve("falco.sock");
        server = new GrpcServer(config("bind_address", "unix://" + socket), "0.1.0");
        GrpcOutputSink sink = new GrpcOutputSink(server, FORMAT);
        Process p = client("unix://" + socket, List.of(), "sub", "3");
        awaitSubscribers(server, 1);
        for (Alert a : alerts()) {
            sink.deliver(a);
        }
        List<JsonNode> got = lines(p, 3);
        checkReceived(got);

        Process v = client("unix://" + socket, List.of(), "version");
        JsonNode version = lines(v, 1).get(0);
        assertThat(version.path("version").asText()).isEqualTo("0.1.0");
        assertThat(version.path("minor").asInt()).isEqualTo(1);

        for (Alert a : alerts()) {
            sink.deliver(a);
        }
        Process g = client("unix://" + socket, List.of(), "get");
        assertThat(lines(g, 6)).extracting(n -> n.path("rule").asText()).containsExactly("open_from_cat",
                "Create Disallowed Namespace", "Console login", "open_from_cat", "Create Disallowed Namespace", "Console login");
    }

    @Test
    void subscribesOverMutualTls() throws Exception {
        TestPki pki = TestPki.create(dir);
        server = new GrpcServer(config("bind_address", "127.0.0.1:0", "private_key", pki.serverKey().toString(),
                "cert_chain", pki.serverCert().toString(), "root_certs", pki.caCert().toString()), "0.1.0");
        String target = "localhost:" + server.boundAddress().split(":")[1];
        GrpcOutputSink sink = new GrpcOutputSink(server, FORMAT);
        List<String> tls = List.of("--ca", pki.caCert().toString(), "--cert", pki.clientCert().toString(), "--key", pki.clientKey().toString());
        Process p = client(target, tls, "sub", "3");
        awaitSubscribers(server, 1);
        for (Alert a : alerts()) {
            sink.deliver(a);
        }
        checkReceived(lines(p, 3));

        TestPki stranger = TestPki.create(Files.createDirectory(dir.resolve("other-ca")));
        Process noCert = client(target, List.of("--ca", pki.caCert().toString(), "--cert", stranger.clientCert().toString(),
                "--key", stranger.clientKey().toString(), "--timeout", "10"), "version");
        assertThat(noCert.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(noCert.exitValue()).as("a client whose certificate the CA did not sign is refused").isNotZero();
        assertThat(Files.readString(dir.resolve("client.err"))).contains("UNAVAILABLE");
    }
}

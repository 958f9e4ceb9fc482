package org.lanner.output.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.lanner.output.grpc.internal.proto.outputs.OutputsProto;
import org.lanner.output.grpc.internal.proto.outputs.serviceGrpc;
import org.lanner.output.grpc.internal.proto.schema.SchemaProto;
import org.lanner.output.grpc.internal.proto.version.VersionProto;
import org.lanner.test.Configs;
import org.lanner.test.TestPki;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

class GrpcServerTest {

    static final FalcoFormat TEXT = new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.UTC);
    static final long TS = 1470327477881781397L;

    @TempDir
    Path dir;
    GrpcServer server;
    ManagedChannel channel;
    EpollEventLoopGroup clientLoop;

    @AfterEach
    void tearDown() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (clientLoop != null) {
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    static List<Alert> alerts() {
        return List.of(
                new Alert(TS, "Write below etc", Priority.ERROR, "syscall", List.of("mitre_persistence", "filesystem"),
                        "File below /etc opened (file=/etc/x)", List.of(new OutputField("fd.name", "/etc/x"),
                                new OutputField("proc.pid", 7L), new OutputField("proc.pname", null)), "node-1"),
                new Alert(TS + 1, "Create Disallowed Namespace", Priority.WARNING, "k8s_audit", List.of("k8s"),
                        "Disallowed namespace (ns=foo)", List.of(new OutputField("ka.target.name", "foo")), "node-1"),
                new Alert(TS + 2, "Console login", Priority.NOTICE, "aws_cloudtrail", List.of(), "login",
                        List.of(new OutputField("ct.user", "bob")), "node-1"),
                new Alert(TS + 3, "Falco internal: syscall event drop", Priority.DEBUG, "internal", List.of(),
                        "Falco internal: syscall event drop. 3 system calls dropped in last second.",
                        List.of(new OutputField("n_drops", "3")), "node-1"));
    }

    GrpcServer unixServer(Object... kv) throws Exception {
        Object[] all = new Object[kv.length + 2];
        all[0] = "bind_address";
        all[1] = "unix://" + dir.resolve("lanner.sock");
        System.arraycopy(kv, 0, all, 2, kv.length);
        server = new GrpcServer(config(all), "0.1.0-SNAPSHOT");
        clientLoop = new EpollEventLoopGroup(1);
        channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(dir.resolve("lanner.sock").toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(clientLoop).usePlaintext().build();
        return server;
    }

    /** A subscriber that keeps its request stream open and collects what it gets. */
    static final class Sub implements StreamObserver<OutputsProto.response> {
        final List<OutputsProto.response> got = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        StreamObserver<OutputsProto.request> requests;

        Sub open(ManagedChannel channel) {
            requests = serviceGrpc.newStub(channel).sub(this);
            requests.onNext(OutputsProto.request.getDefaultInstance());
            return this;
        }

        @Override
        public void onNext(OutputsProto.response value) {
            got.add(value);
        }

        @Override
        public void onError(Throwable t) {
            ended.countDown();
        }

        @Override
        public void onCompleted() {
            ended.countDown();
        }
    }

    @Test
    void everySubscriberGetsEveryAlertOverTheUnixSocket() throws Exception {
        unixServer();
        GrpcOutputSink sink = new GrpcOutputSink(server, TEXT);
        Sub a = new Sub().open(channel);
        Sub b = new Sub().open(channel);
        await(() -> server.hub().subscribers() == 2, "two subscribers");
        for (Alert alert : alerts()) {
            sink.deliver(alert);
        }
        await(() -> a.got.size() == 4 && b.got.size() == 4, "both subscribers to get the four alerts");
        assertThat(b.got).isEqualTo(a.got);

        OutputsProto.response first = a.got.get(0);
        assertThat(first.getTime().getSeconds()).isEqualTo(1470327477L);
        assertThat(first.getTime().getNanos()).isEqualTo(881781397);
        assertThat(first.getPriority()).isEqualTo(SchemaProto.priority.ERROR);
        assertThat(first.getRule()).isEqualTo("Write below etc");
        assertThat(first.getOutput()).isEqualTo("16:17:57.881781397: Error File below /etc opened (file=/etc/x)");
        assertThat(first.getOutputFieldsMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "evt.time", "16:17:57.881781397", "fd.name", "/etc/x", "proc.pid", "7", "proc.pname", "<NA>"));
        assertThat(first.getHostname()).isEqualTo("node-1");
        assertThat(first.getTagsList()).containsExactly("filesystem", "mitre_persistence");
        assertThat(a.got).extracting(OutputsProto.response::getSource)
                .containsExactly("syscall", "k8s_audit", "aws_cloudtrail", "internal");
        assertThat(a.got).extracting(OutputsProto.response::getSourceDeprecated).containsExactly(SchemaProto.source.SYSCALL,
                SchemaProto.source.K8S_AUDIT, SchemaProto.source.PLUGIN, SchemaProto.source.INTERNAL);
        assertThat(a.got.get(1).getOutputFieldsMap()).containsEntry("jevt.time", "16:17:57.881781398");
        assertThat(a.got.get(3).getOutputFieldsMap()).containsExactlyEntriesOf(Map.of("n_drops", "3"));
        assertThat(a.got.get(3).getOutput()).isEqualTo(
                "16:17:57.881781400: Debug Falco internal: syscall event drop. 3 system calls dropped in last second. (n_drops=3)");

        a.requests.onCompleted();
        assertThat(a.ended.await(30, TimeUnit.SECONDS)).as("the subscription ends when the client closes its side").isTrue();
        await(() -> server.hub().subscribers() == 1, "one subscriber left");
        sink.deliver(alerts().get(0));
        await(() -> b.got.size() == 5, "the remaining subscriber");
    }

    @Test
    void getStreamsWhatIsQueuedAndCloses() throws Exception {
        unixServer();
        GrpcOutputSink sink = new GrpcOutputSink(server, TEXT);
        for (Alert alert : alerts()) {
            sink.deliver(alert);
        }
        Iterator<OutputsProto.response> it = serviceGrpc.newBlockingStub(channel).get(OutputsProto.request.getDefaultInstance());
        List<String> rules = new java.util.ArrayList<>();
        it.forEachRemaining(r -> rules.add(r.getRule()));
        assertThat(rules).containsExactly("Write below etc", "Create Disallowed Namespace", "Console login",
                "Falco internal: syscall event drop");
        assertThat(serviceGrpc.newBlockingStub(channel).get(OutputsProto.request.getDefaultInstance()).hasNext()).isFalse();
    }

    @Test
    void getQueueKeepsTheNewestAndCounts() throws Exception {
        unixServer("get_queue", 2);
        GrpcOutputSink sink = new GrpcOutputSink(server, TEXT);
        for (Alert alert : alerts()) {
            sink.deliver(alert);
        }
        List<String> rules = new java.util.ArrayList<>();
        serviceGrpc.newBlockingStub(channel).get(OutputsProto.request.getDefaultInstance()).forEachRemaining(r -> rules.add(r.getRule()));
        assertThat(rules).containsExactly("Console login", "Falco internal: syscall event drop");
        assertThat(server.hub().backlogDrops()).isEqualTo(2);
    }

    @Test
    void slowSubscriberIsBoundedAndCountedWhileOthersGetEverything() throws Exception {
        unixServer("subscriber_queue", 5);
        GrpcOutputSink sink = new GrpcOutputSink(server, TEXT);
        Sub fast = new Sub().open(channel);
        List<OutputsProto.response> slowGot = new CopyOnWriteArrayList<>();
        ClientResponseObserver<OutputsProto.request, OutputsProto.response> slow = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<OutputsProto.request> requestStream) {
                requestStream.disableAutoRequestWithInitial(1); // reads one alert, then nothing
            }

            @Override
            public void onNext(OutputsProto.response value) {
                slowGot.add(value);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
        serviceGrpc.newStub(channel).sub(slow).onNext(OutputsProto.request.getDefaultInstance());
        await(() -> server.hub().subscribers() == 2, "two subscribers");
        String big = "x".repeat(20_000);
        for (int i = 0; i < 100; i++) {
            sink.deliver(new Alert(TS + i, "rule " + i, Priority.INFORMATIONAL, "syscall", List.of(), big, List.of(), "h"));
            int n = i + 1;
            await(() -> fast.got.size() == n, "the fast subscriber to get alert " + n);
        }
        assertThat(slowGot).hasSize(1);
        long dropped = server.hub().subscriberDrops();
        assertThat(dropped).as("what neither the queue (5) nor the transport's flow-control window (1 MiB) holds").isPositive();
        for (int i = 100; i < 110; i++) {
            sink.deliver(new Alert(TS + i, "rule " + i, Priority.INFORMATIONAL, "syscall", List.of(), big, List.of(), "h"));
            int n = i + 1;
            await(() -> fast.got.size() == n, "the fast subscriber to get alert " + n);
        }
        assertThat(server.hub().subscriberDrops()).as("saturated: every further alert is counted for the slow one")
                .isEqualTo(dropped + 10);
    }

    @Test
    void versionWithAndWithoutEngine() throws Exception {
        unixServer();
        var stub = org.lanner.output.grpc.internal.proto.version.serviceGrpc.newBlockingStub(channel);
        VersionProto.response v = stub.version(VersionProto.request.getDefaultInstance());
        assertThat(v.getVersion()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(List.of(v.getMajor(), v.getMinor(), v.getPatch())).containsExactly(0, 1, 0);
        assertThat(v.getPrerelease()).isEqualTo("SNAPSHOT");
        assertThat(v.getEngineVersion()).isZero();
        assertThat(v.getEngineFieldsChecksum()).isEmpty();
        RuleEngine engine = (RuleEngine) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RuleEngine.class}, (p, m, args) -> switch (m.getName()) {
                    case "engineVersion" -> 12;
                    case "fieldsChecksum" -> "abc123";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        server.bindEngine(engine);
        v = stub.version(VersionProto.request.getDefaultInstance());
        assertThat(v.getEngineVersion()).isEqualTo(12);
        assertThat(v.getEngineFieldsChecksum()).isEqualTo("abc123");
        assertThat(VersionService.response("1.2.3-rc1+b7", null)).satisfies(r -> {
            assertThat(List.of(r.getMajor(), r.getMinor(), r.getPatch())).containsExactly(1, 2, 3);
            assertThat(r.getPrerelease()).isEqualTo("rc1");
            assertThat(r.getBuild()).isEqualTo("b7");
        });
    }

    @Test
    void mutualTlsRequiresAClientCertificate() throws Exception {
        TestPki pki = TestPki.create(dir);
        server = new GrpcServer(config("bind_address", "127.0.0.1:0", "threadiness", 2, "private_key", pki.serverKey().toString(),
                "cert_chain", pki.serverCert().toString(), "root_certs", pki.caCert().toString()), "0.1.0");
        String[] hostPort = server.boundAddress().split(":");
        int port = Integer.parseInt(hostPort[1]);
        channel = NettyChannelBuilder.forAddress("localhost", port)
                .sslContext(GrpcSslContexts.forClient().trustManager(pki.caCert().toFile())
                        .keyManager(pki.clientCert().toFile(), pki.clientKey().toFile()).build())
                .build();
        GrpcOutputSink sink = new GrpcOutputSink(server, TEXT);
        Sub sub = new Sub().open(channel);
        await(() -> server.hub().subscribers() == 1, "the TLS subscriber");
        sink.deliver(alerts().get(0));
        await(() -> sub.got.size() == 1, "the alert over TLS");
        assertThat(sub.got.get(0).getTagsList()).containsExactly("filesystem", "mitre_persistence");

        ManagedChannel anonymous = NettyChannelBuilder.forAddress("localhost", port)
                .sslContext(GrpcSslContexts.forClient().trustManager(pki.caCert().toFile()).build()).build();
        try {
            assertThatThrownBy(() -> org.lanner.output.grpc.internal.proto.version.serviceGrpc.newBlockingStub(anonymous)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).version(VersionProto.request.getDefaultInstance()))
                    .isInstanceOf(StatusRuntimeException.class);
        } finally {
            anonymous.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static String version(ManagedChannel c) {
        return org.lanner.output.grpc.internal.proto.version.serviceGrpc.newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS)
                .version(VersionProto.request.getDefaultInstance()).getVersion();
    }

    @Test
    void aSecondServerOnALiveSocketIsRefusedAndTheFirstKeepsIt() throws Exception {
        unixServer();
        Path sock = dir.resolve("lanner.sock");
        Object key = GrpcServer.fileKey(sock);
        assertThatThrownBy(() -> new GrpcServer(config("bind_address", "unix://" + sock), "0.2.0"))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("grpc.bind_address: unix socket " + sock + " is in use by another process");
        assertThat(GrpcServer.fileKey(sock)).as("the first server's socket is untouched").isEqualTo(key);
        assertThat(version(channel)).isEqualTo("0.1.0-SNAPSHOT");
        server.close();
        server = null;
        assertThat(sock).as("the owner removes its socket on exit").doesNotExist();
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path sock = dir.resolve("lanner.sock");
        try (java.nio.channels.ServerSocketChannel dead = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            dead.bind(java.net.UnixDomainSocketAddress.of(sock));
        } // closed: the file stays, and connecting to it is refused, as after a crash
        assertThat(sock).exists();
        unixServer();
        assertThat(version(channel)).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void onExitTheSocketIsDeletedOnlyIfItIsStillOurs() throws Exception {
        unixServer();
        Path sock = dir.resolve("lanner.sock");
        java.nio.file.Files.delete(sock);
        try (java.nio.channels.ServerSocketChannel other = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            other.bind(java.net.UnixDomainSocketAddress.of(sock)); // another process took the path meanwhile
            Object theirs = GrpcServer.fileKey(sock);
            server.close();
            server = null;
            assertThat(sock).as("another process's socket is left alone").exists();
            assertThat(GrpcServer.fileKey(sock)).isEqualTo(theirs);
        }
    }

    @Test
    void aPrivateKeyThatDoesNotMatchTheCertificateIsRefusedAtStart() throws Exception {
        TestPki pki = TestPki.create(dir);
        assertThatThrownBy(() -> new GrpcServer(config("bind_address", "127.0.0.1:0", "private_key", pki.clientKey().toString(),
                "cert_chain", pki.serverCert().toString(), "root_certs", pki.caCert().toString()), "0.2.0"))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("grpc.private_key: " + pki.clientKey() + " does not match the certificate in grpc.cert_chain " + pki.serverCert());
    }

    @Test
    void certificateFilesThatDoNotParseAreRefusedInOneLine() throws Exception {
        TestPki pki = TestPki.create(dir);
        Path junk = dir.resolve("junk.pem");
        java.nio.file.Files.writeString(junk, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Path empty = dir.resolve("empty.pem");
        java.nio.file.Files.writeString(empty, "");
        for (String[] c : new String[][] {
                {"cert_chain", junk.toString(), "grpc.cert_chain: cannot read " + junk + ": "},
                {"root_certs", empty.toString(), "grpc.root_certs: cannot read " + empty + ": "},
                {"private_key", pki.serverCert().toString(), "grpc.private_key: cannot read " + pki.serverCert() + ": no private key in "}}) {
            Map<String, Object> m = new HashMap<>(Map.of("bind_address", "127.0.0.1:0", "private_key", pki.serverKey().toString(),
                    "cert_chain", pki.serverCert().toString(), "root_certs", pki.caCert().toString()));
            m.put(c[0], c[1]);
            assertThatThrownBy(() -> new GrpcServer(Configs.of(GrpcConfig.class, m), "0.2.0"))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageStartingWith(c[2])
                    .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
        }
    }

    @Test
    void aSubscriberThatDisconnectsIsForgottenAndTheOthersGetEverything() throws Exception {
        unixServer();
        GrpcOutputSink sink = new GrpcOutputSink(server, TEXT);
        Sub stays = new Sub().open(channel);
        EpollEventLoopGroup otherLoop = new EpollEventLoopGroup(1);
        ManagedChannel other = NettyChannelBuilder.forAddress(new DomainSocketAddress(dir.resolve("lanner.sock").toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(otherLoop).usePlaintext().build();
        try {
            Sub leaves = new Sub().open(other);
            await(() -> server.hub().subscribers() == 2, "two subscribers");
            for (int i = 0; i < 5; i++) {
                sink.deliver(new Alert(TS + i, "rule " + i, Priority.NOTICE, "syscall", List.of(), "o", List.of(), "h"));
            }
            await(() -> leaves.got.size() == 5 && stays.got.size() == 5, "both to get five");
            other.shutdownNow().awaitTermination(5, TimeUnit.SECONDS); // the client goes away without closing its stream
            await(() -> server.hub().subscribers() == 1, "the server to notice");
            for (int i = 5; i < 10; i++) {
                sink.deliver(new Alert(TS + i, "rule " + i, Priority.NOTICE, "syscall", List.of(), "o", List.of(), "h"));
            }
            await(() -> stays.got.size() == 10, "the remaining subscriber to get ten");
            assertThat(leaves.got).hasSize(5);
            assertThat(server.hub().subscriberDrops()).as("a subscriber that left loses nothing it had asked for").isZero();
            assertThat(stays.got).extracting(OutputsProto.response::getRule)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "rule " + i).toList());
        } finally {
            other.shutdownNow();
            otherLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSubscriberThatReadsLateButWithinItsQueueLosesNothing() throws Exception {
        unixServer("subscriber_queue", 100);
        GrpcOutputSink sink = new GrpcOutputSink(server, TEXT);
        List<OutputsProto.response> got = new CopyOnWriteArrayList<>();
        ClientCallStreamObserver<OutputsProto.request>[] calls = new ClientCallStreamObserver[1];
        ClientResponseObserver<OutputsProto.request, OutputsProto.response> late = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<OutputsProto.request> requestStream) {
                calls[0] = requestStream;
                requestStream.disableAutoRequestWithInitial(0); // reads nothing yet
            }

            @Override
            public void onNext(OutputsProto.response value) {
                got.add(value);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
        serviceGrpc.newStub(channel).sub(late).onNext(OutputsProto.request.getDefaultInstance());
        await(() -> server.hub().subscribers() == 1, "the subscriber");
        for (int i = 0; i < 80; i++) {
            sink.deliver(new Alert(TS + i, "rule " + i, Priority.NOTICE, "syscall", List.of(), "o", List.of(), "h"));
        }
        calls[0].request(80);
        await(() -> got.size() == 80, "the 80 alerts once it reads");
        assertThat(server.hub().subscriberDrops()).isZero();
        assertThat(got).extracting(OutputsProto.response::getRule)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 80).mapToObj(i -> "rule " + i).toList());
    }

    @Test
    void configurationMistakesNameTheKey() {
        assertThatThrownBy(() -> new GrpcServer(config("bind_address", "nonsense"), "0"))
                .hasMessage("grpc.bind_address: expected unix:///path or host:port, got 'nonsense'");
        assertThatThrownBy(() -> new GrpcServer(config("bind_address", "127.0.0.1:0", "private_key", dir.resolve("none.key").toString()), "0"))
                .hasMessageStartingWith("grpc.private_key: cannot read ");
        assertThatThrownBy(() -> new GrpcServer(config("bind_address", "unix://"), "0"))
                .hasMessage("grpc.bind_address: no socket path in unix://");
    }
}

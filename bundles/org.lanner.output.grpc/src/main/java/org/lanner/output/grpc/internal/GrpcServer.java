package org.lanner.output.grpc.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.lanner.api.engine.RuleEngine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;

/**
 * Falco's gRPC server: {@code falco.outputs.service} and {@code falco.version.service} on
 * {@code unix:///path} (no authentication, as Falco) or {@code host:port} with mutual TLS (the client
 * must present a certificate signed by {@code root_certs}). The transport is built explicitly
 * (Netty, epoll for unix sockets), never looked up with ServiceLoader, so grpc-java stays private to
 * this bundle. The server registers itself as a service with its configuration, so that the gRPC
 * output sink exists exactly when {@code grpc_output.enabled} is true.
 */
@Component(service = GrpcServer.class, configurationPid = GrpcConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = GrpcConfig.class)
public final class GrpcServer {

    private static final Logger LOG = System.getLogger("org.lanner.output");

    private final AlertHub hub;
    private final AtomicReference<RuleEngine> engine = new AtomicReference<>();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService executor;
    private final Server server;
    private final Path socketFile;
    private final String address;

    @Activate
    public GrpcServer(GrpcConfig config, BundleContext context) throws IOException {
        this(config, lannerVersion(context));
    }

    /** Starts the server; {@code version} is what the version service answers. */
    public GrpcServer(GrpcConfig config, String version) throws IOException {
        int threads = config.threadiness() > 0 ? config.threadiness() : Runtime.getRuntime().availableProcessors();
        this.hub = new AlertHub(config.subscriber__queue(), config.get__queue());
        this.address = config.bind__address() == null ? "" : config.bind__address().trim();
        this.executor = Executors.newFixedThreadPool(threads, daemon("lanner-grpc"));
        NettyServerBuilder builder;
        EventLoopGroup bossGroup = null;
        EventLoopGroup workerGroup = null;
        Path socket = null;
        try {
            if (address.startsWith("unix:")) {
                socket = unixPath(address);
                if (!Epoll.isAvailable()) {
                    throw new IOException("grpc.bind_address: unix sockets need Netty's epoll transport, which is not available: "
                            + Epoll.unavailabilityCause());
                }
                removeStaleSocket(socket);
                bossGroup = new EpollEventLoopGroup(1, daemon("lanner-grpc-accept"));
                workerGroup = new EpollEventLoopGroup(threads, daemon("lanner-grpc-io"));
                builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                        .channelType(EpollServerDomainSocketChannel.class)
                        // grpc asks every connection for TCP keep-alive; a unix socket has none (Netty warns per connection)
                        .withChildOption(ChannelOption.SO_KEEPALIVE, null);
            } else {
                bossGroup = new NioEventLoopGroup(1, daemon("lanner-grpc-accept"));
                workerGroup = new NioEventLoopGroup(threads, daemon("lanner-grpc-io"));
                builder = NettyServerBuilder.forAddress(inetAddress(address))
                        .channelType(NioServerSocketChannel.class)
                        .sslContext(mutualTls(config));
            }
            builder.bossEventLoopGroup(bossGroup).workerEventLoopGroup(workerGroup).executor(executor)
                    .addService(new OutputsService(hub))
                    .addService(new VersionService(version, engine::get));
            this.server = builder.build();
            try {
                server.start();
            } catch (IOException e) {
                throw new IOException("grpc.bind_address: cannot listen on " + address + ": " + e.getMessage(), e);
            }
        } catch (IOException | RuntimeException e) {
            shutdown(bossGroup, workerGroup);
            executor.shutdownNow();
            throw e;
        }
        this.boss = bossGroup;
        this.workers = workerGroup;
        this.socketFile = socket;
        LOG.log(Level.INFO, "Starting gRPC server at " + address);
    }

    /** The distribution's version (bundles are versioned on their own); a bare framework has none: this bundle's. */
    static String lannerVersion(BundleContext context) {
        String version = context.getProperty("lanner.version");
        return version != null ? version : lannerVersion(context.getBundle().getVersion());
    }

    static String lannerVersion(Version v) {
        String base = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        return v.getQualifier().isEmpty() ? base : base + "-" + v.getQualifier();
    }

    /** {@code unix:///abs/path} or {@code unix:relative/path}. */
    static Path unixPath(String address) throws IOException {
        String rest = address.substring("unix:".length());
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        if (rest.isEmpty()) {
            throw new IOException("grpc.bind_address: no socket path in " + address);
        }
        return Path.of(rest);
    }

    /** {@code host:port}, {@code [v6]:port}. */
    static SocketAddress inetAddress(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IOException("grpc.bind_address: expected unix:///path or host:port, got '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IOException("grpc.bind_address: bad port in '" + address + "'");
        }
    }

    private static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes attrs = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isOther()) {
            throw new IOException("grpc.bind_address: " + socket + " exists and is not a socket");
        }
        Files.delete(socket);
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext mutualTls(GrpcConfig config) throws IOException {
        PrivateKey key = read("grpc.private_key", config.private__key(), p -> PemFiles.privateKey(p));
        List<X509Certificate> chain = read("grpc.cert_chain", config.cert__chain(), PemFiles::certificates);
        List<X509Certificate> roots = read("grpc.root_certs", config.root__certs(), PemFiles::certificates);
        SslContextBuilder ssl = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .trustManager(roots.toArray(X509Certificate[]::new))
                .clientAuth(ClientAuth.REQUIRE);
        return GrpcSslContexts.configure(ssl, SslProvider.JDK).build();
    }

    private interface PemReader<T> {
        T read(Path file) throws IOException, GeneralSecurityException;
    }

    private static <T> T read(String key, String file, PemReader<T> reader) throws IOException {
        if (file == null || file.isBlank()) {
            throw new IOException(key + ": no file given (needed for a TCP bind_address)");
        }
        try {
            return reader.read(Path.of(file));
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(key + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindEngine(RuleEngine e) {
        engine.set(e);
    }

    void unbindEngine(RuleEngine e) {
        engine.compareAndSet(e, null);
    }

    AlertHub hub() {
        return hub;
    }

    /** The address actually listened on (the port chosen when 0 was asked for). */
    String boundAddress() {
        SocketAddress a = server.getListenSockets().get(0);
        if (a instanceof InetSocketAddress inet) {
            return "127.0.0.1:" + inet.getPort();
        }
        return address;
    }

    /** Ends subscriptions, stops listening and releases every thread (bounded). */
    @Deactivate
    public void close() {
        LOG.log(Level.INFO, "Shutting down gRPC server");
        hub.shutdown();
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        shutdown(boss, workers);
        executor.shutdownNow();
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "gRPC: cannot remove " + socketFile + ": " + e.getMessage());
            }
        }
        if (hub.subscriberDrops() > 0 || hub.backlogDrops() > 0) {
            LOG.log(Level.WARNING, "gRPC: " + hub.subscriberDrops() + " alerts not delivered to slow subscribers, "
                    + hub.backlogDrops() + " dropped from the get queue");
        }
    }

    private static void shutdown(EventLoopGroup... groups) {
        for (EventLoopGroup g : groups) {
            if (g != null) {
                g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            }
        }
    }
}

package org.lanner.output.grpc.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
 * this bundle. {@link GrpcServerComponent} starts it from the configuration and registers it as a
 * service only once it listens. Everything a user can get wrong (address, socket in use, certificate
 * files, a key that does not match its certificate) is checked before it listens and reported as one
 * {@link IOException} line naming the key and the file.
 */
public final class GrpcServer {

    private static final Logger LOG = System.getLogger("org.lanner.output");

    private final AlertHub hub;
    private final AtomicReference<RuleEngine> engine = new AtomicReference<>();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService executor;
    private final Server server;
    private final Path socketFile;
    /** The identity (device and inode) of the socket file this server created, so that close deletes only that one. */
    private final Object socketKey;
    private final String address;

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
        Path bindPath = null;
        Object key = null;
        Server started = null;
        try {
            if (address.startsWith("unix:")) {
                socket = unixPath(address);
                if (!Epoll.isAvailable()) {
                    throw new IOException("grpc.bind_address: unix sockets need Netty's epoll transport, which is not available: "
                            + Epoll.unavailabilityCause());
                }
                removeStaleSocket(socket);
                bindPath = privatePath(socket);
                bossGroup = new EpollEventLoopGroup(1, daemon("lanner-grpc-accept"));
                workerGroup = new EpollEventLoopGroup(threads, daemon("lanner-grpc-io"));
                builder = NettyServerBuilder.forAddress(new DomainSocketAddress(bindPath.toString()))
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
            Server built = builder.build();
            try {
                started = built.start();
            } catch (IOException e) {
                throw new IOException("grpc.bind_address: cannot listen on " + address + ": " + e.getMessage(), e);
            }
            if (socket != null) {
                key = publish(bindPath, socket);
            }
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                started.shutdownNow();
            }
            if (bindPath != null) {
                try {
                    Files.deleteIfExists(bindPath);
                } catch (IOException x) {
                    e.addSuppressed(x);
                }
            }
            shutdown(bossGroup, workerGroup);
            executor.shutdownNow();
            throw e;
        }
        this.server = started;
        this.boss = bossGroup;
        this.workers = workerGroup;
        this.socketFile = socket;
        this.socketKey = key;
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

    /**
     * Makes room for the socket: a path that does not exist is fine; a socket file that nobody accepts
     * connections on (left by a process that died) is removed; a socket that accepts connections
     * belongs to a running process (another Lanner or Falco) and is refused, as binding over it would
     * take it away from that process.
     */
    static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes attrs = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isOther()) {
            throw new IOException("grpc.bind_address: " + socket + " exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException("grpc.bind_address: unix socket " + socket + " is in use by another process");
        } catch (ConnectException refused) {
            // nobody listens: a stale socket file
        } catch (SocketException e) {
            throw new IOException("grpc.bind_address: cannot tell whether unix socket " + socket + " is in use: " + e.getMessage(), e);
        }
        Files.delete(socket);
    }

    /**
     * Where Netty binds: a private name beside the socket. Netty deletes the path it bound when it
     * closes, whoever owns that path by then; binding a private name and linking the public one to it
     * ({@link #publish}) keeps Netty's hands off the public path.
     */
    private static Path privatePath(Path socket) throws IOException {
        Path p = socket.resolveSibling(".lanner-grpc-" + ProcessHandle.current().pid() + "-" + PRIVATE.incrementAndGet());
        Files.deleteIfExists(p);
        return p;
    }

    private static final AtomicInteger PRIVATE = new AtomicInteger();

    /**
     * Gives the listening socket its public name: a hard link, which fails when the name exists, so
     * that a server that started meanwhile on the same path is never replaced; then the private name
     * goes. Returns the socket's identity, by which {@link #close} recognises it.
     */
    private static Object publish(Path bound, Path socket) throws IOException {
        try {
            Files.createLink(socket, bound);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("grpc.bind_address: unix socket " + socket + " is in use by another process");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IOException("grpc.bind_address: cannot create unix socket " + socket + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(bound);
        }
        return fileKey(socket);
    }

    /** The file's identity (device and inode on Linux); null where the file system has none. */
    static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext mutualTls(GrpcConfig config) throws IOException {
        PrivateKey key = read("grpc.private_key", config.private__key(), p -> PemFiles.privateKey(p));
        List<X509Certificate> chain = read("grpc.cert_chain", config.cert__chain(), PemFiles::certificates);
        List<X509Certificate> roots = read("grpc.root_certs", config.root__certs(), PemFiles::certificates);
        boolean match;
        try {
            match = PemFiles.matches(key, chain.get(0));
        } catch (GeneralSecurityException e) {
            throw new IOException("grpc.private_key: cannot check " + config.private__key() + " against grpc.cert_chain "
                    + config.cert__chain() + ": " + e.getMessage(), e);
        }
        if (!match) {
            throw new IOException("grpc.private_key: " + config.private__key() + " does not match the certificate in grpc.cert_chain "
                    + config.cert__chain());
        }
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
            removeOwnSocket();
        }
        if (hub.subscriberDrops() > 0 || hub.backlogDrops() > 0) {
            LOG.log(Level.WARNING, "gRPC: " + hub.subscriberDrops() + " alerts not delivered to slow subscribers, "
                    + hub.backlogDrops() + " dropped from the get queue");
        }
    }

    /** Deletes the socket file only if it is still the one this server created (not one another process bound since). */
    private void removeOwnSocket() {
        try {
            if (!Files.exists(socketFile, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Object now = fileKey(socketFile);
            if (socketKey != null && socketKey.equals(now)) {
                Files.delete(socketFile);
            } else {
                LOG.log(Level.WARNING, "gRPC: " + socketFile + " is no longer the socket this server created; left in place");
            }
        } catch (NoSuchFileException gone) {
            // removed by someone else meanwhile
        } catch (IOException e) {
            LOG.log(Level.WARNING, "gRPC: cannot remove " + socketFile + ": " + e.getMessage());
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

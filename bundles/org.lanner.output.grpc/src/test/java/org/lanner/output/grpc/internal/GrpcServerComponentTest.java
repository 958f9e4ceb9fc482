package org.lanner.output.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.test.Configs;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The component's start: a server that listens is registered as a service; one that cannot start is
 * said in one line and leaves a marker carrying that line, by which the command line fails the run.
 */
class GrpcServerComponentTest {

    record Registered(Class<?> type, Object service, Map<String, Object> properties) {
    }

    @TempDir
    Path dir;
    final List<Registered> registered = new ArrayList<>();
    final List<GrpcServerComponent> components = new ArrayList<>();
    GrpcServer other;

    @AfterEach
    void tearDown() {
        components.forEach(GrpcServerComponent::deactivate);
        if (other != null) {
            other.close();
        }
    }

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, args) -> {
            switch (m.getName()) {
                case "getProperty":
                    return "lanner.version".equals(args[0]) ? "0.2.0" : null;
                case "registerService": {
                    Dictionary<?, ?> d = (Dictionary<?, ?>) args[2];
                    Map<String, Object> props = new HashMap<>();
                    for (var keys = d.keys(); keys.hasMoreElements();) {
                        Object k = keys.nextElement();
                        props.put((String) k, d.get(k));
                    }
                    registered.add(new Registered((Class<?>) args[0], args[1], props));
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (q, n, a) -> null);
                }
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    GrpcServerComponent start(Map<String, Object> props) {
        GrpcServerComponent c = new GrpcServerComponent(Configs.of(GrpcConfig.class, props), context(), props);
        components.add(c);
        return c;
    }

    @Test
    void aServerThatListensIsRegisteredWithItsConfiguration() {
        Map<String, Object> props = Map.of("bind_address", "unix://" + dir.resolve("a.sock"), "grpc_output.enabled", true,
                "lanner.config.origin", "/etc/lanner.yaml");
        GrpcServerComponent c = start(props);
        assertThat(c.server()).isNotNull();
        assertThat(registered).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(GrpcServer.class);
            assertThat(r.service()).isSameAs(c.server());
            assertThat(r.properties()).containsAllEntriesOf(props).doesNotContainKey(GrpcServerComponent.FAILURE);
        });
    }

    @Test
    void aServerThatCannotStartLeavesAOneLineMarkerAndNoServer() throws Exception {
        Path sock = dir.resolve("a.sock");
        other = new GrpcServer(Configs.of(GrpcConfig.class, Map.of("bind_address", "unix://" + sock)), "0.1.0");
        Map<String, Object> props = Map.of("bind_address", "unix://" + sock, "grpc_output.enabled", true,
                "lanner.config.origin", "/etc/lanner.yaml");
        GrpcServerComponent c = start(props);
        assertThat(c.server()).isNull();
        assertThat(registered).singleElement().satisfies(r -> {
            assertThat(r.type()).as("no GrpcServer service: no gRPC output").isEqualTo(GrpcServerComponent.class);
            assertThat(r.properties()).containsAllEntriesOf(props).containsEntry(GrpcServerComponent.FAILURE,
                    "gRPC server not started: grpc.bind_address: unix socket " + sock + " is in use by another process");
        });
    }
}

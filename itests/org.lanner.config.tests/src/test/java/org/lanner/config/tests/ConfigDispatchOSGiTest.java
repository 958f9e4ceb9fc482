package org.lanner.config.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.Priority;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * lanner.yaml through the configuration bundle and ConfigAdmin to the components of other bundles:
 * an output enabled in the file appears as a sink of the publisher, disappears when the file
 * disables it; the engine receives its section in place.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ConfigDispatchOSGiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    ConfigService config;

    @InjectService(timeout = 10_000)
    AlertPublisher publisher;

    @InjectService(timeout = 10_000)
    RuleEngine engine;

    @TempDir
    Path dir;

    @Test
    void outputsFollowTheFile() throws Exception {
        Path alerts = dir.resolve("alerts.txt");
        Path socket = dir.resolve("grpc.sock");
        Path file = dir.resolve("lanner.yaml");
        Files.writeString(file, """
                json_output: true
                stdout_output:
                  enabled: false
                file_output:
                  enabled: true
                  keep_alive: true
                  filename: %s
                grpc:
                  enabled: true
                  bind_address: unix://%s
                grpc_output:
                  enabled: true
                evaluation_lanes: 3
                """.formatted(alerts, socket));
        ConfigResult first = config.load(file, List.of(), true);
        assertThat(first.ok()).as("%s", first.problems()).isTrue();
        await("file and gRPC outputs attached", () -> publisher.sinks().containsAll(List.of("file", "grpc")));
        await("the gRPC server listens on its unix socket", () -> Files.exists(socket));
        await("the engine got its section", () -> "3".equals(String.valueOf(property(RuleEngine.class, "evaluation_lanes"))));

        publisher.publish(new Alert(1_700_000_000_000_000_000L, "Some rule", Priority.WARNING, "syscall", List.of("t"), "something happened",
                List.of(), "host"));
        assertThat(publisher.drain(WAIT.toMillis())).isTrue();
        await("the file output wrote the JSON alert", () -> read(alerts).contains("\"rule\":\"Some rule\""));

        Files.writeString(file, """
                stdout_output:
                  enabled: true
                file_output:
                  enabled: false
                grpc:
                  enabled: false
                """);
        ConfigResult second = config.load(file, List.of(), true);
        assertThat(second.ok()).as("%s", second.problems()).isTrue();
        await("file and gRPC outputs detached, stdout attached",
                () -> publisher.sinks().contains("stdout") && !publisher.sinks().contains("file") && !publisher.sinks().contains("grpc"));
        await("the gRPC server stopped", () -> !Files.exists(socket));
    }

    private Object property(Class<?> service, String key) {
        ServiceReference<?> ref = context.getServiceReference(service);
        return ref == null ? null : ref.getProperty(key);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}

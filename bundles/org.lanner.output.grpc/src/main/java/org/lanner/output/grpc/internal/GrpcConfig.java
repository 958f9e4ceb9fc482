package org.lanner.output.grpc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code grpc} of {@code lanner.yaml} plus {@code grpc_output.enabled}; the configuration exists only
 * when {@code grpc.enabled} is true. Defaults are Falco 0.30's. {@code subscriber_queue} and
 * {@code get_queue} are Lanner's additions.
 */
@ObjectClassDefinition(name = "Lanner gRPC server",
        description = "Falco's gRPC API (falco.outputs.service, falco.version.service) on a unix socket or TCP with mutual TLS.")
public @interface GrpcConfig {

    String PID = "org.lanner.output.grpc";

    @AttributeDefinition(name = "enabled", description = "Run the gRPC server.")
    boolean enabled() default true;

    @AttributeDefinition(name = "bind_address",
            description = "unix:///path/to/socket (no authentication) or host:port (mutual TLS with the three certificate files).")
    String bind__address() default "0.0.0.0:5060";

    @AttributeDefinition(name = "threadiness", description = "Threads serving requests; 0 for one per processor.")
    int threadiness() default 0;

    @AttributeDefinition(name = "private_key", description = "PEM private key of the server (TCP only).")
    String private__key() default "/etc/falco/certs/server.key";

    @AttributeDefinition(name = "cert_chain", description = "PEM certificate chain of the server (TCP only).")
    String cert__chain() default "/etc/falco/certs/server.crt";

    @AttributeDefinition(name = "root_certs", description = "PEM certificates of the authorities that sign client certificates (TCP only).")
    String root__certs() default "/etc/falco/certs/ca.crt";

    @AttributeDefinition(name = "grpc_output.enabled", description = "Stream alerts to gRPC clients (the server answers version requests either way).")
    boolean grpc__output_enabled() default true;

    @AttributeDefinition(name = "subscriber_queue",
            description = "Alerts waiting for each subscriber; a subscriber that falls further behind loses alerts, which are counted.")
    int subscriber__queue() default 1000;

    @AttributeDefinition(name = "get_queue",
            description = "Alerts kept for the next 'get'; when it is full the oldest are dropped and counted.")
    int get__queue() default 10_000;
}

package org.lanner.output.grpc.internal;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputName;
import org.lanner.api.output.OutputSink;
import org.lanner.output.core.AlertFormatter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code grpc_output}: hands every alert to the gRPC server's queues. It exists only while a server
 * runs with {@code grpc_output.enabled: true} (its reference targets that property), as Falco adds
 * the gRPC output only when both are on.
 */
@Component(service = OutputSink.class)
@OutputName(output = "grpc")
public final class GrpcOutputSink implements OutputSink {

    private final GrpcServer server;
    private final AlertFormatter formatter;

    @Activate
    public GrpcOutputSink(@Reference(target = "(grpc_output.enabled=true)") GrpcServer server, @Reference AlertFormatter formatter) {
        this.server = server;
        this.formatter = formatter;
    }

    @Override
    public void deliver(Alert alert) {
        server.hub().publish(Responses.of(alert, formatter));
    }
}

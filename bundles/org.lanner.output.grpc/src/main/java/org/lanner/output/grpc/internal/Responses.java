package org.lanner.output.grpc.internal;

import java.util.TreeSet;

import org.lanner.api.output.Alert;
import org.lanner.output.core.AlertFormatter;
import org.lanner.output.grpc.internal.proto.outputs.OutputsProto;
import org.lanner.output.grpc.internal.proto.schema.SchemaProto;

import com.google.protobuf.Timestamp;

/** Alerts as the {@code falco.outputs.response} message Falco's gRPC output fills. */
final class Responses {

    private Responses() {
    }

    /**
     * Falco 0.30's {@code output_grpc::output} with 0.31's string source: {@code output} is the alert
     * as the text sinks print it (so JSON when {@code json_output} is on), {@code output_fields} the
     * fields as text, tags sorted and unique.
     */
    static OutputsProto.response of(Alert alert, AlertFormatter formatter) {
        long ts = alert.time();
        return OutputsProto.response.newBuilder()
                .setTime(Timestamp.newBuilder().setSeconds(Math.floorDiv(ts, 1_000_000_000L)).setNanos((int) Math.floorMod(ts, 1_000_000_000L)))
                .setPriority(SchemaProto.priority.forNumber(alert.priority().ordinal()))
                .setSourceDeprecated(sourceEnum(alert.source()))
                .setRule(alert.rule())
                .setOutput(formatter.format(alert))
                .putAllOutputFields(formatter.fieldStrings(alert))
                .setHostname(alert.hostname())
                .addAllTags(new TreeSet<>(alert.tags()))
                .setSource(alert.source())
                .build();
    }

    /** Falco's {@code source_Parse}, with 0.31's fallback to {@code PLUGIN} for other sources. */
    static SchemaProto.source sourceEnum(String source) {
        return switch (source) {
            case "syscall", "Syscall", "SYSCALL" -> SchemaProto.source.SYSCALL;
            case "k8s_audit", "K8S_AUDIT", "K8s_audit", "K8S_audit" -> SchemaProto.source.K8S_AUDIT;
            case "internal", "Internal", "INTERNAL" -> SchemaProto.source.INTERNAL;
            default -> SchemaProto.source.PLUGIN;
        };
    }
}

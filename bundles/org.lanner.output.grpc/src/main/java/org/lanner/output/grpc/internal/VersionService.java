package org.lanner.output.grpc.internal;

import java.util.function.Supplier;

import org.lanner.api.engine.RuleEngine;
import org.lanner.output.grpc.internal.proto.version.VersionProto;
import org.lanner.output.grpc.internal.proto.version.serviceGrpc;

import io.grpc.stub.StreamObserver;

/**
 * {@code falco.version.service}: Lanner's version as semantic-versioning parts, and the rules
 * engine's version and fields checksum when the engine is there (0 and empty otherwise).
 */
final class VersionService extends serviceGrpc.serviceImplBase {

    private final String version;
    private final Supplier<RuleEngine> engine;

    VersionService(String version, Supplier<RuleEngine> engine) {
        this.version = version;
        this.engine = engine;
    }

    @Override
    public void version(VersionProto.request request, StreamObserver<VersionProto.response> responses) {
        responses.onNext(response(version, engine.get()));
        responses.onCompleted();
    }

    /** {@code 1.2.3-rc1+build5} into its parts. */
    static VersionProto.response response(String version, RuleEngine engine) {
        VersionProto.response.Builder b = VersionProto.response.newBuilder().setVersion(version);
        String core = version;
        int plus = core.indexOf('+');
        if (plus >= 0) {
            b.setBuild(core.substring(plus + 1));
            core = core.substring(0, plus);
        }
        int dash = core.indexOf('-');
        if (dash >= 0) {
            b.setPrerelease(core.substring(dash + 1));
            core = core.substring(0, dash);
        }
        String[] parts = core.split("\\.");
        b.setMajor(number(parts, 0)).setMinor(number(parts, 1)).setPatch(number(parts, 2));
        if (engine != null) {
            b.setEngineVersion(engine.engineVersion()).setEngineFieldsChecksum(engine.fieldsChecksum());
        }
        return b.build();
    }

    private static int number(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package org.lanner.output.grpc.internal;

import org.lanner.output.grpc.internal.proto.outputs.OutputsProto;
import org.lanner.output.grpc.internal.proto.outputs.serviceGrpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** {@code falco.outputs.service}. */
final class OutputsService extends serviceGrpc.serviceImplBase {

    private final AlertHub hub;

    OutputsService(AlertHub hub) {
        this.hub = hub;
    }

    @Override
    public StreamObserver<OutputsProto.request> sub(StreamObserver<OutputsProto.response> responses) {
        return hub.subscribe((ServerCallStreamObserver<OutputsProto.response>) responses);
    }

    @Override
    public void get(OutputsProto.request request, StreamObserver<OutputsProto.response> responses) {
        for (OutputsProto.response r : hub.takeBacklog()) {
            responses.onNext(r);
        }
        responses.onCompleted();
    }
}

package org.lanner.output.grpc.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.Map;

import org.lanner.api.engine.RuleEngine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs the {@link GrpcServer} of the {@code grpc} configuration and registers it as a service, with
 * the configuration's properties, once it listens (so that {@link GrpcOutputSink} exists exactly when
 * a server runs and {@code grpc_output.enabled} is true).
 *
 * <p>Why the registration is done here by hand rather than by DS: a server that cannot start (the
 * user's mistake: a socket in use, a key that does not match its certificate) must say so in one
 * line. A DS component that throws from its constructor makes SCR log a stack trace of a hundred
 * lines and leaves the command line no way to tell why. Instead this component logs one error line
 * and registers, in place of the server, a marker carrying {@value #FAILURE} with that line and the
 * configuration's properties, by which the standalone command ends the run with a non-zero status.
 */
@Component(service = {}, configurationPid = GrpcConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = GrpcConfig.class)
public final class GrpcServerComponent {

    /** Service property of a component that could not start: the reason, one line. */
    public static final String FAILURE = "lanner.start.failure";

    private static final Logger LOG = System.getLogger("org.lanner.output");

    private final GrpcServer server;
    private final ServiceRegistration<?> registration;

    @Activate
    public GrpcServerComponent(GrpcConfig config, BundleContext context, Map<String, Object> properties) {
        Hashtable<String, Object> props = new Hashtable<>(properties);
        GrpcServer started = null;
        String failure = null;
        try {
            started = new GrpcServer(config, GrpcServer.lannerVersion(context));
        } catch (IOException e) {
            failure = "gRPC server not started: " + e.getMessage();
            LOG.log(Level.ERROR, failure);
        }
        this.server = started;
        if (started != null) {
            this.registration = context.registerService(GrpcServer.class, started, props);
        } else {
            props.put(FAILURE, failure);
            this.registration = context.registerService(GrpcServerComponent.class, this, props);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindEngine(RuleEngine e) {
        if (server != null) {
            server.bindEngine(e);
        }
    }

    void unbindEngine(RuleEngine e) {
        if (server != null) {
            server.unbindEngine(e);
        }
    }

    /** The running server, null when it could not start. */
    GrpcServer server() {
        return server;
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it first
        }
        if (server != null) {
            server.close();
        }
    }
}

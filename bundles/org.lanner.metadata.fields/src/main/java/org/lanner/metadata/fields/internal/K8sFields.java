package org.lanner.metadata.fields.internal;

import java.util.List;

import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.metadata.MetadataProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code k8s} field class (libsinsp's {@code sinsp_filter_check_k8s} of libs 3aa7a83, Falco 0.30.0,
 * in its order): the pod of the event's container and the namespace, services, replication controller,
 * replica set and deployment it belongs to; values from the {@code k8s} {@link MetadataProvider}.
 */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "k8s", sources = "syscall")
public final class K8sFields extends MetadataFieldClass {

    static final List<Spec> FIELDS = List.of(
            new Spec("k8s.pod.name", "the name of the pod the event's container belongs to."),
            new Spec("k8s.pod.id", "the uid of the pod."),
            new Spec("k8s.pod.label", "one label of the pod, named after a dot: k8s.pod.label.app."),
            new Spec("k8s.pod.labels", "every label of the pod as name:value pairs, separated by commas."),
            new Spec("k8s.rc.name", "the name of the replication controller of the pod."),
            new Spec("k8s.rc.id", "the uid of the replication controller of the pod."),
            new Spec("k8s.rc.label", "one label of the replication controller, named after a dot: k8s.rc.label.app."),
            new Spec("k8s.rc.labels", "every label of the replication controller as name:value pairs, separated by commas."),
            new Spec("k8s.svc.name", "the names of the services that select the pod (several are joined)."),
            new Spec("k8s.svc.id", "the uids of the services that select the pod (several are joined)."),
            new Spec("k8s.svc.label", "one label of the services that select the pod, named after a dot: k8s.svc.label.app (several are joined)."),
            new Spec("k8s.svc.labels", "every label of the services that select the pod as name:value pairs, separated by commas."),
            new Spec("k8s.ns.name", "the namespace of the pod."),
            new Spec("k8s.ns.id", "the uid of the namespace of the pod."),
            new Spec("k8s.ns.label", "one label of the namespace, named after a dot: k8s.ns.label.team."),
            new Spec("k8s.ns.labels", "every label of the namespace as name:value pairs, separated by commas."),
            new Spec("k8s.rs.name", "the name of the replica set of the pod."),
            new Spec("k8s.rs.id", "the uid of the replica set of the pod."),
            new Spec("k8s.rs.label", "one label of the replica set, named after a dot: k8s.rs.label.app."),
            new Spec("k8s.rs.labels", "every label of the replica set as name:value pairs, separated by commas."),
            new Spec("k8s.deployment.name", "the name of the deployment of the pod."),
            new Spec("k8s.deployment.id", "the uid of the deployment of the pod."),
            new Spec("k8s.deployment.label", "one label of the deployment, named after a dot: k8s.deployment.label.app."),
            new Spec("k8s.deployment.labels", "every label of the deployment as name:value pairs, separated by commas."));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + MetadataProvider.KIND + "=k8s)")
    private volatile MetadataProvider provider;

    public K8sFields() {
        super("k8s", "Kubernetes metadata of the pod the event's container belongs to; no provider in this build yet, so every "
                + "field reads <NA>.", FIELDS);
    }

    /** With a given provider (unit tests). */
    K8sFields(MetadataProvider provider) {
        this();
        this.provider = provider;
    }

    @Override
    MetadataProvider provider() {
        return provider;
    }
}

package org.lanner.metadata.k8s.internal;

/**
 * The fields of the {@code k8s} class, in the order of libsinsp's {@code sinsp_filter_check_k8s}
 * table (libs 3aa7a83, Falco 0.30.0): every one is text; the {@code .label} fields take a label name
 * as argument. A provider answers by this constant, so the names stay here and nowhere else.
 */
public enum K8sField {
    POD_NAME("k8s.pod.name", "the name of the pod the event's container belongs to."),
    POD_ID("k8s.pod.id", "the uid of the pod."),
    POD_LABEL("k8s.pod.label", "one label of the pod, named after a dot: k8s.pod.label.app."),
    POD_LABELS("k8s.pod.labels", "every label of the pod as name:value pairs, separated by commas."),
    RC_NAME("k8s.rc.name", "the name of the replication controller of the pod."),
    RC_ID("k8s.rc.id", "the uid of the replication controller of the pod."),
    RC_LABEL("k8s.rc.label", "one label of the replication controller, named after a dot: k8s.rc.label.app."),
    RC_LABELS("k8s.rc.labels", "every label of the replication controller as name:value pairs, separated by commas."),
    SVC_NAME("k8s.svc.name", "the names of the services that select the pod (several are joined)."),
    SVC_ID("k8s.svc.id", "the uids of the services that select the pod (several are joined)."),
    SVC_LABEL("k8s.svc.label", "one label of the services that select the pod, named after a dot: k8s.svc.label.app (several are joined)."),
    SVC_LABELS("k8s.svc.labels", "every label of the services that select the pod as name:value pairs, separated by commas."),
    NS_NAME("k8s.ns.name", "the namespace of the pod."),
    NS_ID("k8s.ns.id", "the uid of the namespace of the pod."),
    NS_LABEL("k8s.ns.label", "one label of the namespace, named after a dot: k8s.ns.label.team."),
    NS_LABELS("k8s.ns.labels", "every label of the namespace as name:value pairs, separated by commas."),
    RS_NAME("k8s.rs.name", "the name of the replica set of the pod."),
    RS_ID("k8s.rs.id", "the uid of the replica set of the pod."),
    RS_LABEL("k8s.rs.label", "one label of the replica set, named after a dot: k8s.rs.label.app."),
    RS_LABELS("k8s.rs.labels", "every label of the replica set as name:value pairs, separated by commas."),
    DEPLOYMENT_NAME("k8s.deployment.name", "the name of the deployment of the pod."),
    DEPLOYMENT_ID("k8s.deployment.id", "the uid of the deployment of the pod."),
    DEPLOYMENT_LABEL("k8s.deployment.label", "one label of the deployment, named after a dot: k8s.deployment.label.app."),
    DEPLOYMENT_LABELS("k8s.deployment.labels", "every label of the deployment as name:value pairs, separated by commas.");

    private final String fieldName;
    private final String description;

    K8sField(String fieldName, String description) {
        this.fieldName = fieldName;
        this.description = description;
    }

    /** The field's name in rules and outputs. */
    public String fieldName() {
        return fieldName;
    }

    String description() {
        return description;
    }

    /** Whether the field names a label: it then requires the label's name as argument. */
    public boolean takesLabel() {
        return fieldName.endsWith(".label");
    }
}

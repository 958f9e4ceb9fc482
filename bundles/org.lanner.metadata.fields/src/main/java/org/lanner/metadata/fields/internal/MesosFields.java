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
 * The {@code mesos} field class (libsinsp's {@code sinsp_filter_check_mesos} of libs 3aa7a83, Falco
 * 0.30.0, in its order): the Mesos task the event's container runs, its framework, and the Marathon
 * application and group that started it; values from the {@code mesos} {@link MetadataProvider}.
 */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "mesos", sources = "syscall")
public final class MesosFields extends MetadataFieldClass {

    static final List<Spec> FIELDS = List.of(
            new Spec("mesos.task.name", "the name of the Mesos task the event's container runs."),
            new Spec("mesos.task.id", "the id of the Mesos task."),
            new Spec("mesos.task.label", "one label of the Mesos task, named after a dot: mesos.task.label.team."),
            new Spec("mesos.task.labels", "every label of the Mesos task as name:value pairs, separated by commas."),
            new Spec("mesos.framework.name", "the name of the Mesos framework of the task."),
            new Spec("mesos.framework.id", "the id of the Mesos framework of the task."),
            new Spec("marathon.app.name", "the name of the Marathon application that started the task."),
            new Spec("marathon.app.id", "the id of the Marathon application."),
            new Spec("marathon.app.label", "one label of the Marathon application, named after a dot: marathon.app.label.team."),
            new Spec("marathon.app.labels", "every label of the Marathon application as name:value pairs, separated by commas."),
            new Spec("marathon.group.name", "the name of the Marathon group of the application."),
            new Spec("marathon.group.id", "the id of the Marathon group of the application."));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + MetadataProvider.KIND + "=mesos)")
    private volatile MetadataProvider provider;

    public MesosFields() {
        super("mesos", "Mesos and Marathon metadata of the task the event's container runs; no provider in this build yet, so "
                + "every field reads <NA>.", FIELDS);
    }

    /** With a given provider (unit tests). */
    MesosFields(MetadataProvider provider) {
        this();
        this.provider = provider;
    }

    @Override
    MetadataProvider provider() {
        return provider;
    }
}

package org.lanner.metadata.mesos.internal;

/**
 * The fields of the {@code mesos} class, in the order of libsinsp's {@code sinsp_filter_check_mesos}
 * table (libs 3aa7a83, Falco 0.30.0): the Mesos task of the event's container, its framework, and the
 * Marathon application and group that started it. Every one is text; the {@code .label} fields take a
 * label name as argument. A provider answers by this constant, so the names stay here and nowhere else.
 */
public enum MesosField {
    TASK_NAME("mesos.task.name", "the name of the Mesos task the event's container runs."),
    TASK_ID("mesos.task.id", "the id of the Mesos task."),
    TASK_LABEL("mesos.task.label", "one label of the Mesos task, named after a dot: mesos.task.label.team."),
    TASK_LABELS("mesos.task.labels", "every label of the Mesos task as name:value pairs, separated by commas."),
    FRAMEWORK_NAME("mesos.framework.name", "the name of the Mesos framework of the task."),
    FRAMEWORK_ID("mesos.framework.id", "the id of the Mesos framework of the task."),
    APP_NAME("marathon.app.name", "the name of the Marathon application that started the task."),
    APP_ID("marathon.app.id", "the id of the Marathon application."),
    APP_LABEL("marathon.app.label", "one label of the Marathon application, named after a dot: marathon.app.label.team."),
    APP_LABELS("marathon.app.labels", "every label of the Marathon application as name:value pairs, separated by commas."),
    GROUP_NAME("marathon.group.name", "the name of the Marathon group of the application."),
    GROUP_ID("marathon.group.id", "the id of the Marathon group of the application.");

    private final String fieldName;
    private final String description;

    MesosField(String fieldName, String description) {
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

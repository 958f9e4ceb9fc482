package org.lanner.metadata.mesos.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.lanner.api.event.Event;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.syscall.state.SyscallContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code mesos} field class of system-call events (libsinsp's {@code sinsp_filter_check_mesos}):
 * the Mesos task the event's container runs, its framework, and the Marathon application and group
 * that started it. The fields always exist, so rules that name them load and filter; their values
 * come from {@link MesosMetadata} when a provider registers one, and there is none yet: every field
 * reads no value ({@code <NA>}), as in Falco run without {@code -m}.
 *
 * <p>As in libsinsp, events of threads outside containers have no task, and the {@code .label}
 * fields need the label's name: {@code mesos.task.label.team} (libsinsp's only form) or
 * {@code mesos.task.label[team]} (accepted, as for Lanner's other dotted fields), made of letters,
 * digits and {@code - _ . /}.
 */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "mesos", sources = "syscall")
public final class MesosFields implements FieldExtractor {

    private static final List<FieldInfo> FIELDS;

    static {
        List<FieldInfo> fields = new ArrayList<>();
        for (MesosField f : MesosField.values()) {
            fields.add(f.takesLabel()
                    ? new FieldInfo(f.fieldName(), FieldType.CHARBUF, f.description(), ArgKind.REQUIRED, Set.of(FieldFlag.DOTTED_ARGUMENT))
                    : FieldInfo.of(f.fieldName(), FieldType.CHARBUF, f.description()));
        }
        FIELDS = List.copyOf(fields);
    }

    /** The provider's answers; null while there is none. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile MesosMetadata metadata;

    public MesosFields() {
    }

    /** With a given provider (unit tests). */
    MesosFields(MesosMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public String fieldClass() {
        return "mesos";
    }

    @Override
    public String description() {
        return "Mesos and Marathon metadata of the task the event's container runs; no provider in this build yet, so every field reads <NA>.";
    }

    @Override
    public Set<String> sources() {
        return Set.of("syscall");
    }

    @Override
    public List<FieldInfo> fields() {
        return FIELDS;
    }

    @Override
    public FieldAccessor bind(String field, String argument) throws FieldBindException {
        for (MesosField f : MesosField.values()) {
            if (f.fieldName().equals(field)) {
                if (!f.takesLabel()) {
                    if (argument != null) {
                        throw new FieldBindException("field " + field + " takes no argument");
                    }
                } else {
                    checkLabel(field, argument);
                }
                return new Accessor(f, argument);
            }
        }
        throw new FieldBindException("unknown field " + field);
    }

    /** A label name as libsinsp reads one after the field's dot: letters, digits, {@code - _ . /}. */
    static void checkLabel(String field, String label) throws FieldBindException {
        if (label == null || label.isEmpty()) {
            throw new FieldBindException("field " + field + " requires a label name: " + field + ".NAME");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
                    || c == '/';
            if (!ok) {
                throw new FieldBindException("field " + field + ": '" + label + "' is not a label name (letters, digits, '-', '_', '.' and '/' only)");
            }
        }
    }

    /** One bound field: asks the provider, when there is one, for events in a container. */
    private final class Accessor implements FieldAccessor {
        private final MesosField field;
        private final String label;

        Accessor(MesosField field, String label) {
            this.field = field;
            this.label = label;
        }

        @Override
        public FieldType type() {
            return FieldType.CHARBUF;
        }

        @Override
        public boolean extract(Event event, ValueHolder out) {
            MesosMetadata m = metadata;
            SyscallContext c = SyscallContext.of(event);
            if (m == null || c == null || c.containerId().isEmpty()) {
                return false;
            }
            String value = m.value(field, label, c);
            if (value == null) {
                return false;
            }
            out.setString(value);
            return true;
        }
    }
}

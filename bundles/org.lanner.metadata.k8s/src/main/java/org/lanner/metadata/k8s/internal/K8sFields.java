package org.lanner.metadata.k8s.internal;

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
 * The {@code k8s} field class of system-call events (libsinsp's {@code sinsp_filter_check_k8s}): the
 * pod of the event's container and the namespace, services, replication controller, replica set and
 * deployment it belongs to. The fields always exist, so rules that name them load and filter; their
 * values come from {@link K8sMetadata} when a provider registers one, and there is none yet: every
 * field reads no value ({@code <NA>}), as in Falco run without {@code -k}.
 *
 * <p>As in libsinsp, events of threads outside containers have no pod, and the {@code .label} fields
 * need the label's name: {@code k8s.pod.label.app} (libsinsp's only form) or {@code k8s.pod.label[app]}
 * (accepted, as for Lanner's other dotted fields), made of letters, digits and {@code - _ . /}.
 */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "k8s", sources = "syscall")
public final class K8sFields implements FieldExtractor {

    private static final List<FieldInfo> FIELDS;

    static {
        List<FieldInfo> fields = new ArrayList<>();
        for (K8sField f : K8sField.values()) {
            fields.add(f.takesLabel()
                    ? new FieldInfo(f.fieldName(), FieldType.CHARBUF, f.description(), ArgKind.REQUIRED, Set.of(FieldFlag.DOTTED_ARGUMENT))
                    : FieldInfo.of(f.fieldName(), FieldType.CHARBUF, f.description()));
        }
        FIELDS = List.copyOf(fields);
    }

    /** The provider's answers; null while there is none. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile K8sMetadata metadata;

    public K8sFields() {
    }

    /** With a given provider (unit tests). */
    K8sFields(K8sMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public String fieldClass() {
        return "k8s";
    }

    @Override
    public String description() {
        return "Kubernetes metadata of the pod the event's container belongs to; no provider in this build yet, so every field reads <NA>.";
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
        for (K8sField f : K8sField.values()) {
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
        private final K8sField field;
        private final String label;

        Accessor(K8sField field, String label) {
            this.field = field;
            this.label = label;
        }

        @Override
        public FieldType type() {
            return FieldType.CHARBUF;
        }

        @Override
        public boolean extract(Event event, ValueHolder out) {
            K8sMetadata m = metadata;
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

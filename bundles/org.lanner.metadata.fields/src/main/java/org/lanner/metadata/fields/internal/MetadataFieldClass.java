package org.lanner.metadata.fields.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lanner.api.event.Event;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.metadata.MetadataProvider;
import org.lanner.api.syscall.state.SyscallContext;

/**
 * A field class of orchestrator metadata over system-call events, as libsinsp's {@code k8s} and
 * {@code mesos} filter checks: text fields about the event's container, asked of the
 * {@link MetadataProvider} of the class's kind. The fields always exist, so rules that name them load
 * and filter; while no provider is registered every field reads no value ({@code <NA>}), as in Falco
 * run without {@code -k}/{@code -m}. Events of threads outside containers never have a value.
 *
 * <p>The {@code .label} fields need the label's name: {@code k8s.pod.label.app} (libsinsp's only form)
 * or {@code k8s.pod.label[app]} (accepted, as for Lanner's other dotted fields), made of letters, digits
 * and {@code - _ . /}. Subclasses are the Declarative Services components: they give the table and the
 * provider.
 */
abstract class MetadataFieldClass implements FieldExtractor {

    /**
     * One field of the class.
     *
     * @param name its name in rules and outputs
     * @param description what it holds
     */
    record Spec(String name, String description) {

        /** Whether it names a label: it then requires the label's name as argument. */
        boolean takesLabel() {
            return name.endsWith(".label");
        }
    }

    private final String fieldClass;
    private final String description;
    private final List<Spec> specs;
    private final List<FieldInfo> fields;

    MetadataFieldClass(String fieldClass, String description, List<Spec> specs) {
        this.fieldClass = fieldClass;
        this.description = description;
        this.specs = List.copyOf(specs);
        List<FieldInfo> infos = new ArrayList<>();
        for (Spec s : specs) {
            infos.add(s.takesLabel()
                    ? new FieldInfo(s.name(), FieldType.CHARBUF, s.description(), ArgKind.REQUIRED, Set.of(FieldFlag.DOTTED_ARGUMENT))
                    : FieldInfo.of(s.name(), FieldType.CHARBUF, s.description()));
        }
        this.fields = List.copyOf(infos);
    }

    /** The provider of the class's kind, or null while there is none. */
    abstract MetadataProvider provider();

    @Override
    public String fieldClass() {
        return fieldClass;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<String> sources() {
        return Set.of("syscall");
    }

    @Override
    public List<FieldInfo> fields() {
        return fields;
    }

    @Override
    public FieldAccessor bind(String field, String argument) throws FieldBindException {
        for (Spec s : specs) {
            if (s.name().equals(field)) {
                if (s.takesLabel()) {
                    checkLabel(field, argument);
                } else if (argument != null) {
                    throw new FieldBindException("field " + field + " takes no argument");
                }
                return new Accessor(field, argument);
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
        private final String field;
        private final String label;

        Accessor(String field, String label) {
            this.field = field;
            this.label = label;
        }

        @Override
        public FieldType type() {
            return FieldType.CHARBUF;
        }

        @Override
        public boolean extract(Event event, ValueHolder out) {
            MetadataProvider p = provider();
            if (p == null) {
                return false;
            }
            SyscallContext c = SyscallContext.of(event);
            if (c == null || c.containerId().isEmpty()) {
                return false;
            }
            Optional<String> value = p.field(field, label, c);
            if (value == null || value.isEmpty()) {
                return false;
            }
            out.setString(value.get());
            return true;
        }
    }
}

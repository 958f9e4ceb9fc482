package org.lanner.metadata.mesos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.output.OutputField;
import org.lanner.api.syscall.state.SyscallContext;
import org.lanner.filter.ConditionParser;
import org.lanner.filter.EvalContext;
import org.lanner.filter.FieldBinding;
import org.lanner.filter.FieldSlots;
import org.lanner.filter.Filter;
import org.lanner.filter.FilterCompiler;
import org.lanner.filter.FilterException;
import org.lanner.rules.OutputTemplate;
import org.lanner.test.SharedData;

/**
 * The {@code mesos} class against libsinsp's (libs 3aa7a83, Falco 0.30.0): its fields and their
 * argument rules; on real events, with no provider, no value, which conditions and outputs treat as
 * libsinsp does (a comparison is false, its negation true); and a provider fills the same fields.
 */
class MesosFieldsTest {

    /** libsinsp's mesos table, in its order. */
    static final List<String> FALCO_FIELDS = List.of("mesos.task.name", "mesos.task.id", "mesos.task.label", "mesos.task.labels",
            "mesos.framework.name", "mesos.framework.id", "marathon.app.name", "marathon.app.id", "marathon.app.label",
            "marathon.app.labels", "marathon.group.name", "marathon.group.id");

    /** The fields libsinsp marks EPF_REQUIRES_ARGUMENT. */
    static final Set<String> REQUIRE_ARGUMENT = Set.of("mesos.task.label", "marathon.app.label");

    /** A capture of the rules corpus: a shell in container 1a2b3c4d5e6f, and processes of the host. */
    static final Path CAPTURE = SharedData.repositoryRoot().resolve("rules/tests/captures/terminal-shell-in-container.scap");

    @Test
    void theFieldsAreLibsinspsWithTheirTypesAndArguments() {
        MesosFields mesos = new MesosFields();
        assertThat(mesos.fieldClass()).isEqualTo("mesos");
        assertThat(mesos.sources()).containsExactly("syscall");
        assertThat(mesos.fields()).extracting(FieldInfo::name).containsExactlyElementsOf(FALCO_FIELDS);
        for (FieldInfo f : mesos.fields()) {
            assertThat(f.type()).as(f.name()).isEqualTo(FieldType.CHARBUF);
            assertThat(f.description()).as(f.name()).isNotBlank();
            boolean arg = REQUIRE_ARGUMENT.contains(f.name());
            assertThat(f.argument()).as(f.name()).isEqualTo(arg ? ArgKind.REQUIRED : ArgKind.NONE);
            assertThat(f.flags()).as(f.name()).isEqualTo(arg ? Set.of(FieldFlag.DOTTED_ARGUMENT) : Set.of());
        }
    }

    @Test
    void everyFieldIsInTheFieldsDocument() throws Exception {
        String doc = Files.readString(SharedData.repositoryRoot().resolve("docs/fields.md"));
        List<String> missing = new ArrayList<>();
        for (FieldInfo f : new MesosFields().fields()) {
            String row = f.argument() == ArgKind.NONE ? "| `" + f.name() + "` | CHARBUF |" : "| `" + f.name() + ".ARG / [ARG]` | CHARBUF |";
            if (!doc.contains(row)) {
                missing.add(f.name());
            }
        }
        assertThat(missing).as("fields missing from docs/fields.md").isEmpty();
    }

    @Test
    void labelFieldsNeedALabelNameAndTheOthersTakeNoArgument() throws Exception {
        List<FieldExtractor> classes = Captures.classes(new MesosFields());
        assertThat(Captures.resolve(classes, "mesos.task.label.team", null).type()).isEqualTo(FieldType.CHARBUF);
        assertThat(Captures.resolve(classes, "marathon.app.label", "HAPROXY_GROUP").type()).isEqualTo(FieldType.CHARBUF);
        assertThatThrownBy(() -> Captures.resolve(classes, "marathon.app.label", null)).isInstanceOf(FieldBindException.class)
                .hasMessage("field marathon.app.label requires a label name: marathon.app.label.NAME");
        assertThatThrownBy(() -> Captures.resolve(classes, "mesos.task.label", "a:b"))
                .hasMessage("field mesos.task.label: 'a:b' is not a label name (letters, digits, '-', '_', '.' and '/' only)");
        assertThatThrownBy(() -> Captures.resolve(classes, "marathon.group.id", "1")).hasMessage("field marathon.group.id takes no argument");
        assertThatThrownBy(() -> Captures.resolve(classes, "mesos.task.labels.team", null)).hasMessage("unknown field mesos.task.labels.team");
    }

    @Test
    void withoutProviderNoEventHasAValueAndConditionsTreatThatAsLibsinspDoes() throws Exception {
        MesosFields mesos = new MesosFields();
        Map<String, Long> counts = count(mesos, "evt.cpu >= 0", "container.id != host", "mesos.task.name exists",
                "mesos.task.name != web", "marathon.app.label.team = core", "not marathon.app.name in (web, db)",
                "container.id != host and not mesos.framework.name exists");
        long all = counts.get("evt.cpu >= 0");
        long inContainer = counts.get("container.id != host");
        assertThat(inContainer).isPositive().isLessThan(all);
        assertThat(counts.get("mesos.task.name exists")).isZero();
        assertThat(counts.get("mesos.task.name != web")).isZero();
        assertThat(counts.get("marathon.app.label.team = core")).isZero();
        assertThat(counts.get("not marathon.app.name in (web, db)")).isEqualTo(all);
        assertThat(counts.get("container.id != host and not mesos.framework.name exists")).isEqualTo(inContainer);

        List<FieldAccessor> accessors = new ArrayList<>();
        for (MesosField f : MesosField.values()) {
            accessors.add(mesos.bind(f.fieldName(), f.takesLabel() ? "team" : null));
        }
        ValueHolder h = new ValueHolder();
        long[] withValue = {0};
        Captures.replay(CAPTURE, e -> {
            for (FieldAccessor a : accessors) {
                h.clear();
                if (a.extract(e, h) || !h.isEmpty()) {
                    withValue[0]++;
                }
            }
        });
        assertThat(withValue[0]).isZero();

        OutputTemplate t = template(mesos, "task=%mesos.task.name app=%marathon.app.label.team shell=%proc.name");
        EvalContext ctx = new FieldSlots().newContext();
        List<String> texts = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        Captures.replay(CAPTURE, e -> {
            SyscallContext c = SyscallContext.of(e);
            if (texts.isEmpty() && c != null && !c.containerId().isEmpty() && c.thread() != null && "bash".equals(c.thread().comm())) {
                texts.add(t.format(e, ctx));
                for (OutputField f : t.fields(e)) {
                    json.put(f.name(), f.value());
                }
            }
        });
        assertThat(texts).containsExactly("task=<NA> app=<NA> shell=bash");
        assertThat(json).containsEntry("mesos.task.name", null).containsEntry("marathon.app.label.team", null).containsEntry("proc.name", "bash");
    }

    @Test
    void aProviderFillsTheSameFieldsForEventsInContainers() throws Exception {
        List<String> askedAbout = new ArrayList<>();
        MesosFields mesos = new MesosFields((field, label, event) -> {
            askedAbout.add(event.containerId());
            return switch (field) {
                case TASK_NAME -> "web.1";
                case APP_LABEL -> "team".equals(label) ? "core" : null;
                default -> null;
            };
        });
        Map<String, Long> counts = count(mesos, "container.id != host", "mesos.task.name = web.1", "marathon.app.label.team = core",
                "marathon.app.label[team] = core", "marathon.group.id exists");
        long inContainer = counts.get("container.id != host");
        assertThat(inContainer).isPositive();
        assertThat(counts.get("mesos.task.name = web.1")).isEqualTo(inContainer);
        assertThat(counts.get("marathon.app.label.team = core")).isEqualTo(inContainer);
        assertThat(counts.get("marathon.app.label[team] = core")).isEqualTo(inContainer);
        assertThat(counts.get("marathon.group.id exists")).isZero();
        assertThat(askedAbout).isNotEmpty().doesNotContain("");
    }

    /** How many events of {@link #CAPTURE} each condition selects. */
    private static Map<String, Long> count(MesosFields mesos, String... conditions) throws Exception {
        List<FieldExtractor> classes = Captures.classes(mesos);
        FieldSlots slots = new FieldSlots();
        Map<String, Filter> filters = new LinkedHashMap<>();
        for (String c : conditions) {
            filters.put(c, FilterCompiler.compile(ConditionParser.parse(c), ref -> {
                try {
                    return new FieldBinding(Captures.resolve(classes, ref.name(), ref.argument()), slots.slot(ref.text()));
                } catch (FieldBindException e) {
                    throw new FilterException(ref.position(), e.getMessage());
                }
            }, slots));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        filters.keySet().forEach(c -> counts.put(c, 0L));
        EvalContext ctx = slots.newContext();
        Captures.replay(CAPTURE, e -> filters.forEach((c, f) -> {
            if (f.matches(e, ctx)) {
                counts.merge(c, 1L, Long::sum);
            }
        }));
        return counts;
    }

    private static OutputTemplate template(MesosFields mesos, String format) throws Exception {
        List<FieldExtractor> classes = Captures.classes(mesos);
        FieldSlots slots = new FieldSlots();
        return OutputTemplate.compile(format, (name, argument) -> new FieldBinding(Captures.resolve(classes, name, argument),
                slots.slot(argument == null ? name : name + "[" + argument + "]")));
    }
}

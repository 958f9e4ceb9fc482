package org.lanner.metadata.fields.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.metadata.MetadataProvider;
import org.lanner.api.output.OutputField;
import org.lanner.api.syscall.state.SyscallContext;
import org.lanner.filter.EvalContext;
import org.lanner.filter.FieldSlots;
import org.lanner.rules.OutputTemplate;
import org.lanner.test.SharedData;

/**
 * The {@code k8s} and {@code mesos} classes against libsinsp's (libs 3aa7a83, Falco 0.30.0): their fields
 * and argument rules; on real events, with no provider, no value, which conditions and outputs treat as
 * libsinsp does (sysdig, run without {@code -k}/{@code -m} on Falco's traces, selects no event with a
 * comparison on these fields and every event with their negation); and a provider of the class's kind,
 * when there is one, fills the same fields.
 */
class MetadataFieldsTest {

    /** A capture of the rules corpus: a shell in container 1a2b3c4d5e6f, and processes of the host. */
    static final Path CAPTURE = SharedData.repositoryRoot().resolve("rules/tests/captures/terminal-shell-in-container.scap");

    /** A provider answering from a map of {@code field} or {@code field[label]} to value, noting what it is asked. */
    private static final class MapProvider implements MetadataProvider {
        final String kind;
        final Map<String, String> values;
        final List<String> askedAbout = new ArrayList<>();

        MapProvider(String kind, Map<String, String> values) {
            this.kind = kind;
            this.values = values;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public Optional<String> field(String field, String argument, SyscallContext event) {
            synchronized (askedAbout) {
                askedAbout.add(event.containerId());
            }
            return Optional.ofNullable(values.get(argument == null ? field : field + "[" + argument + "]"));
        }
    }

    static Stream<Arguments> classes() {
        return Stream.of(
            Arguments.of(new K8sFields(), List.of("k8s.pod.name", "k8s.pod.id", "k8s.pod.label", "k8s.pod.labels", "k8s.rc.name",
                    "k8s.rc.id", "k8s.rc.label", "k8s.rc.labels", "k8s.svc.name", "k8s.svc.id", "k8s.svc.label", "k8s.svc.labels",
                    "k8s.ns.name", "k8s.ns.id", "k8s.ns.label", "k8s.ns.labels", "k8s.rs.name", "k8s.rs.id", "k8s.rs.label",
                    "k8s.rs.labels", "k8s.deployment.name", "k8s.deployment.id", "k8s.deployment.label", "k8s.deployment.labels"),
                    // the fields libsinsp marks EPF_REQUIRES_ARGUMENT
                    Set.of("k8s.pod.label", "k8s.rc.label", "k8s.svc.label", "k8s.ns.label", "k8s.rs.label", "k8s.deployment.label")),
            Arguments.of(new MesosFields(), List.of("mesos.task.name", "mesos.task.id", "mesos.task.label", "mesos.task.labels",
                    "mesos.framework.name", "mesos.framework.id", "marathon.app.name", "marathon.app.id", "marathon.app.label",
                    "marathon.app.labels", "marathon.group.name", "marathon.group.id"),
                    Set.of("mesos.task.label", "marathon.app.label")));
    }

    @ParameterizedTest
    @MethodSource("classes")
    void theFieldsAreLibsinspsWithTheirTypesAndArguments(MetadataFieldClass fields, List<String> falco, Set<String> requireArgument) {
        assertThat(fields.sources()).containsExactly("syscall");
        assertThat(fields.fields()).extracting(FieldInfo::name).containsExactlyElementsOf(falco);
        for (FieldInfo f : fields.fields()) {
            assertThat(f.type()).as(f.name()).isEqualTo(FieldType.CHARBUF);
            assertThat(f.description()).as(f.name()).isNotBlank();
            if (requireArgument.contains(f.name())) {
                assertThat(f.argument()).as(f.name()).isEqualTo(ArgKind.REQUIRED);
                assertThat(f.flags()).as(f.name()).containsExactly(FieldFlag.DOTTED_ARGUMENT);
            } else {
                assertThat(f.argument()).as(f.name()).isEqualTo(ArgKind.NONE);
                assertThat(f.flags()).as(f.name()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("classes")
    void everyFieldIsInTheFieldsDocument(MetadataFieldClass fields) throws Exception {
        String doc = Files.readString(SharedData.repositoryRoot().resolve("docs/fields.md"));
        List<String> missing = new ArrayList<>();
        for (FieldInfo f : fields.fields()) {
            String row = f.argument() == ArgKind.NONE ? "| `" + f.name() + "` | CHARBUF |" : "| `" + f.name() + ".ARG / [ARG]` | CHARBUF |";
            if (!doc.contains(row)) {
                missing.add(f.name());
            }
        }
        assertThat(missing).as("fields missing from docs/fields.md").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("classes")
    void withoutProviderNoFieldHasAValueOnAnyEvent(MetadataFieldClass fields) throws Exception {
        List<FieldAccessor> accessors = new ArrayList<>();
        for (FieldInfo f : fields.fields()) {
            accessors.add(fields.bind(f.name(), f.argument() == ArgKind.REQUIRED ? "app" : null));
        }
        ValueHolder h = new ValueHolder();
        long[] events = {0, 0};
        Captures.replay(CAPTURE, e -> {
            events[0]++;
            for (FieldAccessor a : accessors) {
                h.clear();
                if (a.extract(e, h) || !h.isEmpty()) {
                    events[1]++;
                }
            }
        });
        assertThat(events[0]).isPositive();
        assertThat(events[1]).isZero();
    }

    @Test
    void labelFieldsNeedALabelNameAndTheOthersTakeNoArgument() throws Exception {
        List<FieldExtractor> k8s = Captures.classes(new K8sFields());
        // the dotted form (libsinsp's), the bracket form, label names with a prefix
        for (String[] ref : new String[][] {{"k8s.pod.label.app", null}, {"k8s.pod.label", "app"}, {"k8s.ns.label.team_1-a", null},
                {"k8s.deployment.label", "app.kubernetes.io/name"}, {"k8s.svc.label.app.kubernetes.io", null}}) {
            assertThat(Captures.resolve(k8s, ref[0], ref[1]).type()).isEqualTo(FieldType.CHARBUF);
        }
        assertThatThrownBy(() -> Captures.resolve(k8s, "k8s.pod.label", null)).isInstanceOf(FieldBindException.class)
                .hasMessage("field k8s.pod.label requires a label name: k8s.pod.label.NAME");
        assertThatThrownBy(() -> Captures.resolve(k8s, "k8s.rs.label", "")).hasMessage("field k8s.rs.label requires a label name: k8s.rs.label.NAME");
        assertThatThrownBy(() -> Captures.resolve(k8s, "k8s.pod.label", "app name")).isInstanceOf(FieldBindException.class)
                .hasMessage("field k8s.pod.label: 'app name' is not a label name (letters, digits, '-', '_', '.' and '/' only)");
        assertThatThrownBy(() -> Captures.resolve(k8s, "k8s.pod.label", "a=b")).hasMessageContaining("'a=b' is not a label name");
        assertThatThrownBy(() -> Captures.resolve(k8s, "k8s.pod.name", "x")).hasMessage("field k8s.pod.name takes no argument");
        assertThatThrownBy(() -> Captures.resolve(k8s, "k8s.ns.labels", "team")).hasMessage("field k8s.ns.labels takes no argument");
        // k8s.pod.labels takes no dotted argument either: no field has that name
        assertThatThrownBy(() -> Captures.resolve(k8s, "k8s.pod.labels.app", null)).hasMessage("unknown field k8s.pod.labels.app");
        assertThatThrownBy(() -> new K8sFields().bind("k8s.pod", null)).hasMessage("unknown field k8s.pod");

        List<FieldExtractor> mesos = Captures.classes(new MesosFields());
        assertThat(Captures.resolve(mesos, "mesos.task.label.team", null).type()).isEqualTo(FieldType.CHARBUF);
        assertThat(Captures.resolve(mesos, "marathon.app.label", "HAPROXY_GROUP").type()).isEqualTo(FieldType.CHARBUF);
        assertThatThrownBy(() -> Captures.resolve(mesos, "marathon.app.label", null))
                .hasMessage("field marathon.app.label requires a label name: marathon.app.label.NAME");
        assertThatThrownBy(() -> Captures.resolve(mesos, "marathon.group.id", "1")).hasMessage("field marathon.group.id takes no argument");
    }

    @Test
    void withoutProviderConditionsTreatTheMissingValueAsLibsinspDoes() throws Exception {
        Map<String, Long> counts = Captures.count(CAPTURE, new K8sFields(), "evt.cpu >= 0", "container.id != host", "k8s.ns.name exists",
                "k8s.pod.name != nginx", "k8s.pod.name = nginx", "k8s.pod.label.app = web", "k8s.pod.label[app] != web",
                "k8s.svc.name contains a", "not k8s.ns.name in (kube-system, kube-public)",
                "container.id != host and not k8s.pod.name exists");
        long all = counts.get("evt.cpu >= 0");
        long inContainer = counts.get("container.id != host");
        assertThat(inContainer).isPositive().isLessThan(all);
        assertThat(counts.get("k8s.ns.name exists")).isZero();
        // a comparison with a missing value is false, != included; its negation is true
        assertThat(counts.get("k8s.pod.name != nginx")).isZero();
        assertThat(counts.get("k8s.pod.name = nginx")).isZero();
        assertThat(counts.get("k8s.pod.label.app = web")).isZero();
        assertThat(counts.get("k8s.pod.label[app] != web")).isZero();
        assertThat(counts.get("k8s.svc.name contains a")).isZero();
        assertThat(counts.get("not k8s.ns.name in (kube-system, kube-public)")).isEqualTo(all);
        assertThat(counts.get("container.id != host and not k8s.pod.name exists")).isEqualTo(inContainer);

        Map<String, Long> mesos = Captures.count(CAPTURE, new MesosFields(), "evt.cpu >= 0", "mesos.task.name != web",
                "not marathon.app.name in (web, db)");
        assertThat(mesos.get("mesos.task.name != web")).isZero();
        assertThat(mesos.get("not marathon.app.name in (web, db)")).isEqualTo(mesos.get("evt.cpu >= 0"));
    }

    @Test
    void outputsPrintNaAndJsonShowsNull() throws Exception {
        String format = "pod=%k8s.pod.name ns=%k8s.ns.name app=%k8s.pod.label.app tier=%k8s.deployment.label[tier] shell=%proc.name";
        Map<String, Object> json = new LinkedHashMap<>();
        List<String> text = new ArrayList<>();
        OutputTemplate t = Captures.template(new K8sFields(), format);
        EvalContext ctx = new FieldSlots().newContext();
        Captures.replay(CAPTURE, e -> {
            SyscallContext c = SyscallContext.of(e);
            if (text.isEmpty() && c != null && !c.containerId().isEmpty() && c.thread() != null && "bash".equals(c.thread().comm())) {
                text.add(t.format(e, ctx));
                for (OutputField f : t.fields(e)) {
                    json.put(f.name(), f.value());
                }
            }
        });
        assertThat(text).containsExactly("pod=<NA> ns=<NA> app=<NA> tier=<NA> shell=bash");
        assertThat(json).containsEntry("k8s.pod.name", null).containsEntry("k8s.ns.name", null).containsEntry("k8s.pod.label.app", null)
                .containsEntry("k8s.deployment.label[tier]", null).containsEntry("proc.name", "bash");
    }

    @Test
    void aProviderOfTheClasssKindFillsItsFieldsForEventsInContainers() throws Exception {
        MapProvider provider = new MapProvider("k8s", Map.of("k8s.ns.name", "shop", "k8s.pod.name", "web-1", "k8s.pod.label[app]", "web"));
        K8sFields k8s = new K8sFields(provider);
        Map<String, Long> counts = Captures.count(CAPTURE, k8s, "container.id != host", "k8s.ns.name = shop", "k8s.pod.label.app = web",
                "k8s.pod.label[app] = web", "k8s.pod.label.tier exists", "k8s.rc.name exists", "not k8s.ns.name in (kube-system)");
        long inContainer = counts.get("container.id != host");
        assertThat(inContainer).isPositive();
        assertThat(counts.get("k8s.ns.name = shop")).isEqualTo(inContainer);
        assertThat(counts.get("k8s.pod.label.app = web")).isEqualTo(inContainer);
        assertThat(counts.get("k8s.pod.label[app] = web")).isEqualTo(inContainer);
        assertThat(counts.get("k8s.pod.label.tier exists")).isZero();
        assertThat(counts.get("k8s.rc.name exists")).isZero();
        // host events have no pod: the provider is never asked about them
        assertThat(provider.askedAbout).isNotEmpty().doesNotContain("");

        OutputTemplate t = Captures.template(k8s, "%k8s.pod.name %k8s.pod.label.app");
        EvalContext ctx = new FieldSlots().newContext();
        List<String> printed = new ArrayList<>();
        Captures.replay(CAPTURE, e -> {
            SyscallContext c = SyscallContext.of(e);
            if (c != null && c.thread() != null) {
                printed.add(t.format(e, ctx));
            }
        });
        assertThat(printed).contains("web-1 web", "<NA> <NA>");

        MapProvider tasks = new MapProvider("mesos", Map.of("mesos.task.name", "web.1", "marathon.app.label[team]", "core"));
        Map<String, Long> mesos = Captures.count(CAPTURE, new MesosFields(tasks), "container.id != host", "mesos.task.name = web.1",
                "marathon.app.label.team = core", "marathon.group.id exists");
        assertThat(mesos.get("mesos.task.name = web.1")).isEqualTo(mesos.get("container.id != host"));
        assertThat(mesos.get("marathon.app.label.team = core")).isEqualTo(mesos.get("container.id != host"));
        assertThat(mesos.get("marathon.group.id exists")).isZero();
    }
}

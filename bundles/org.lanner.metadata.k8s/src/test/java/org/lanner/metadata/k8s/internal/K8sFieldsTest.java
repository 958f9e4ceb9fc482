package org.lanner.metadata.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

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
 * The {@code k8s} class against libsinsp's (libs 3aa7a83, Falco 0.30.0): its fields and their argument
 * rules; on real events, with no provider, no value, which conditions and outputs treat as libsinsp
 * does (sysdig, run without {@code -k} on Falco's traces, selects no event with a comparison on these
 * fields and every event with their negation); and a provider, when there is one, fills the same fields.
 */
class K8sFieldsTest {

    /** libsinsp's k8s table, in its order. */
    static final List<String> FALCO_FIELDS = List.of("k8s.pod.name", "k8s.pod.id", "k8s.pod.label", "k8s.pod.labels", "k8s.rc.name",
            "k8s.rc.id", "k8s.rc.label", "k8s.rc.labels", "k8s.svc.name", "k8s.svc.id", "k8s.svc.label", "k8s.svc.labels", "k8s.ns.name",
            "k8s.ns.id", "k8s.ns.label", "k8s.ns.labels", "k8s.rs.name", "k8s.rs.id", "k8s.rs.label", "k8s.rs.labels",
            "k8s.deployment.name", "k8s.deployment.id", "k8s.deployment.label", "k8s.deployment.labels");

    /** The fields libsinsp marks EPF_REQUIRES_ARGUMENT. */
    static final Set<String> REQUIRE_ARGUMENT = Set.of("k8s.pod.label", "k8s.rc.label", "k8s.svc.label", "k8s.ns.label", "k8s.rs.label",
            "k8s.deployment.label");

    /** A capture of the rules corpus: a shell in container 1a2b3c4d5e6f, and processes of the host. */
    static final Path CAPTURE = SharedData.repositoryRoot().resolve("rules/tests/captures/terminal-shell-in-container.scap");

    @Test
    void theFieldsAreLibsinspsWithTheirTypesAndArguments() {
        K8sFields k8s = new K8sFields();
        assertThat(k8s.fieldClass()).isEqualTo("k8s");
        assertThat(k8s.sources()).containsExactly("syscall");
        assertThat(k8s.fields()).extracting(FieldInfo::name).containsExactlyElementsOf(FALCO_FIELDS);
        for (FieldInfo f : k8s.fields()) {
            assertThat(f.type()).as(f.name()).isEqualTo(FieldType.CHARBUF);
            assertThat(f.description()).as(f.name()).isNotBlank();
            if (REQUIRE_ARGUMENT.contains(f.name())) {
                assertThat(f.argument()).as(f.name()).isEqualTo(ArgKind.REQUIRED);
                assertThat(f.flags()).as(f.name()).containsExactly(FieldFlag.DOTTED_ARGUMENT);
            } else {
                assertThat(f.argument()).as(f.name()).isEqualTo(ArgKind.NONE);
                assertThat(f.flags()).as(f.name()).isEmpty();
            }
        }
    }

    @Test
    void everyFieldIsInTheFieldsDocument() throws Exception {
        String doc = Files.readString(SharedData.repositoryRoot().resolve("docs/fields.md"));
        List<String> missing = new ArrayList<>();
        for (FieldInfo f : new K8sFields().fields()) {
            String row = f.argument() == ArgKind.NONE ? "| `" + f.name() + "` | CHARBUF |" : "| `" + f.name() + ".ARG / [ARG]` | CHARBUF |";
            if (!doc.contains(row)) {
                missing.add(f.name());
            }
        }
        assertThat(missing).as("fields missing from docs/fields.md").isEmpty();
    }

    @Test
    void labelFieldsNeedALabelNameAndTheOthersTakeNoArgument() throws Exception {
        List<FieldExtractor> classes = Captures.classes(new K8sFields());
        // the dotted form (libsinsp's), the bracket form, label names with a prefix
        for (String[] ref : new String[][] {{"k8s.pod.label.app", null}, {"k8s.pod.label", "app"}, {"k8s.ns.label.team_1-a", null},
                {"k8s.deployment.label", "app.kubernetes.io/name"}, {"k8s.svc.label.app.kubernetes.io", null}}) {
            assertThat(Captures.resolve(classes, ref[0], ref[1]).type()).isEqualTo(FieldType.CHARBUF);
        }
        assertThatThrownBy(() -> Captures.resolve(classes, "k8s.pod.label", null)).isInstanceOf(FieldBindException.class)
                .hasMessage("field k8s.pod.label requires a label name: k8s.pod.label.NAME");
        assertThatThrownBy(() -> Captures.resolve(classes, "k8s.rs.label", "")).hasMessage("field k8s.rs.label requires a label name: k8s.rs.label.NAME");
        assertThatThrownBy(() -> Captures.resolve(classes, "k8s.pod.label", "app name")).isInstanceOf(FieldBindException.class)
                .hasMessage("field k8s.pod.label: 'app name' is not a label name (letters, digits, '-', '_', '.' and '/' only)");
        assertThatThrownBy(() -> Captures.resolve(classes, "k8s.pod.label", "a=b")).hasMessageContaining("'a=b' is not a label name");
        assertThatThrownBy(() -> Captures.resolve(classes, "k8s.pod.name", "x")).hasMessage("field k8s.pod.name takes no argument");
        assertThatThrownBy(() -> Captures.resolve(classes, "k8s.ns.labels", "team")).hasMessage("field k8s.ns.labels takes no argument");
        // k8s.pod.labels takes no dotted argument either: no field has that name
        assertThatThrownBy(() -> Captures.resolve(classes, "k8s.pod.labels.app", null)).hasMessage("unknown field k8s.pod.labels.app");
        assertThatThrownBy(() -> new K8sFields().bind("k8s.pod", null)).hasMessage("unknown field k8s.pod");
    }

    @Test
    void withoutProviderNoEventHasAValueAndConditionsTreatThatAsLibsinspDoes() throws Exception {
        K8sFields k8s = new K8sFields();
        Map<String, Long> counts = count(k8s, "evt.cpu >= 0", "container.id != host", "k8s.ns.name exists", "k8s.pod.name != nginx",
                "k8s.pod.name = nginx", "k8s.pod.label.app = web", "k8s.pod.label[app] != web", "k8s.svc.name contains a",
                "not k8s.ns.name in (kube-system, kube-public)", "container.id != host and not k8s.pod.name exists");
        long all = counts.get("evt.cpu >= 0");
        long inContainer = counts.get("container.id != host");
        assertThat(all).isGreaterThan(inContainer);
        assertThat(inContainer).isPositive();
        assertThat(counts.get("k8s.ns.name exists")).isZero();
        // a comparison with a missing value is false, != included; its negation is true
        assertThat(counts.get("k8s.pod.name != nginx")).isZero();
        assertThat(counts.get("k8s.pod.name = nginx")).isZero();
        assertThat(counts.get("k8s.pod.label.app = web")).isZero();
        assertThat(counts.get("k8s.pod.label[app] != web")).isZero();
        assertThat(counts.get("k8s.svc.name contains a")).isZero();
        assertThat(counts.get("not k8s.ns.name in (kube-system, kube-public)")).isEqualTo(all);
        assertThat(counts.get("container.id != host and not k8s.pod.name exists")).isEqualTo(inContainer);

        // every field, on every event
        List<FieldAccessor> accessors = new ArrayList<>();
        for (K8sField f : K8sField.values()) {
            accessors.add(k8s.bind(f.fieldName(), f.takesLabel() ? "app" : null));
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
    }

    @Test
    void outputsPrintNaAndJsonShowsNull() throws Exception {
        String format = "pod=%k8s.pod.name ns=%k8s.ns.name app=%k8s.pod.label.app tier=%k8s.deployment.label[tier] shell=%proc.name";
        Map<String, Object> json = new LinkedHashMap<>();
        AtomicReference<String> text = new AtomicReference<>();
        OutputTemplate t = template(new K8sFields(), format);
        EvalContext ctx = new FieldSlots().newContext();
        Captures.replay(CAPTURE, e -> {
            SyscallContext c = SyscallContext.of(e);
            if (text.get() == null && c != null && !c.containerId().isEmpty() && c.thread() != null && "bash".equals(c.thread().comm())) {
                text.set(t.format(e, ctx));
                for (OutputField f : t.fields(e)) {
                    json.put(f.name(), f.value());
                }
            }
        });
        assertThat(text.get()).isEqualTo("pod=<NA> ns=<NA> app=<NA> tier=<NA> shell=bash");
        assertThat(json).containsEntry("k8s.pod.name", null).containsEntry("k8s.ns.name", null).containsEntry("k8s.pod.label.app", null)
                .containsEntry("k8s.deployment.label[tier]", null).containsEntry("proc.name", "bash");
    }

    @Test
    void aProviderFillsTheSameFieldsForEventsInContainers() throws Exception {
        List<String> askedAbout = new ArrayList<>();
        K8sMetadata provider = (field, label, event) -> {
            askedAbout.add(event.containerId());
            return switch (field) {
                case NS_NAME -> "shop";
                case POD_NAME -> "web-" + event.containerId();
                case POD_LABEL -> "app".equals(label) ? "web" : null;
                default -> null;
            };
        };
        K8sFields k8s = new K8sFields(provider);
        Map<String, Long> counts = count(k8s, "container.id != host", "k8s.ns.name = shop", "k8s.pod.label.app = web",
                "k8s.pod.label[app] = web", "k8s.pod.label.tier exists", "k8s.rc.name exists", "not k8s.ns.name in (kube-system)");
        long inContainer = counts.get("container.id != host");
        assertThat(inContainer).isPositive();
        assertThat(counts.get("k8s.ns.name = shop")).isEqualTo(inContainer);
        assertThat(counts.get("k8s.pod.label.app = web")).isEqualTo(inContainer);
        assertThat(counts.get("k8s.pod.label[app] = web")).isEqualTo(inContainer);
        assertThat(counts.get("k8s.pod.label.tier exists")).isZero();
        assertThat(counts.get("k8s.rc.name exists")).isZero();
        // host events have no pod: the provider is never asked about them
        assertThat(askedAbout).isNotEmpty().doesNotContain("");

        OutputTemplate t = template(k8s, "%k8s.pod.name %k8s.pod.label.app");
        EvalContext ctx = new FieldSlots().newContext();
        List<String> printed = new ArrayList<>();
        Captures.replay(CAPTURE, e -> {
            SyscallContext c = SyscallContext.of(e);
            if (c != null && c.thread() != null) {
                printed.add(t.format(e, ctx));
            }
        });
        assertThat(printed).contains("web-1a2b3c4d5e6f web", "<NA> <NA>");
    }

    /** How many events of {@link #CAPTURE} each condition selects. */
    private static Map<String, Long> count(K8sFields k8s, String... conditions) throws Exception {
        List<FieldExtractor> classes = Captures.classes(k8s);
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

    private static OutputTemplate template(K8sFields k8s, String format) throws Exception {
        List<FieldExtractor> classes = Captures.classes(k8s);
        FieldSlots slots = new FieldSlots();
        return OutputTemplate.compile(format, (name, argument) -> new FieldBinding(Captures.resolve(classes, name, argument),
                slots.slot(argument == null ? name : name + "[" + argument + "]")));
    }
}

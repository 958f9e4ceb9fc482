package org.lanner.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lanner.api.engine.Problem;
import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.output.Priority;
import org.lanner.api.source.SourcePolicy;
import org.lanner.filter.EvalContext;
import org.lanner.filter.testing.TestEvent;
import org.lanner.filter.testing.TestFields;

/**
 * Loads rules written in text blocks against the test extractor, and exposes the problems as
 * {@code "line:column kind 'name': message"} strings.
 */
final class Fixture {

    static final int ENGINE_VERSION = 11;

    /** A resolver over {@link TestFields}: sources {@code syscall} and {@code k8s_audit}. */
    static final class Resolver implements FieldResolver {
        final Set<String> sources;
        final Map<String, String> plugins = new HashMap<>();
        int calls;

        Resolver(String... sources) {
            this.sources = Set.of(sources.length == 0 ? new String[] {"syscall", "k8s_audit"} : sources);
        }

        Resolver plugin(String name, String version) {
            plugins.put(name, version);
            return this;
        }

        @Override
        public FieldAccessor resolve(String source, String field, String argument) throws FieldBindException {
            calls++;
            if (!sources.contains(source)) {
                throw new UnknownFieldException("no source " + source);
            }
            FieldAccessor a = TestFields.accessor(field, argument);
            if (a == null) {
                throw new UnknownFieldException("unknown field " + field);
            }
            return a;
        }

        @Override
        public boolean knowsSource(String source) {
            return sources.contains(source);
        }

        @Override
        public Map<String, String> pluginVersions() {
            return plugins;
        }

        /** syscall rules get Falco's event-type warnings, as the syscall bundle's policy asks. */
        @Override
        public SourcePolicy policy(String source) {
            return "syscall".equals(source) ? SYSCALL_LIKE : SourcePolicy.DEFAULT;
        }
    }

    private static final SourcePolicy SYSCALL_LIKE = new SourcePolicy() {
        @Override
        public String source() {
            return "syscall";
        }

        @Override
        public boolean warnsAboutEventTypes() {
            return true;
        }
    };

    private Fixture() {
    }

    static LoadedRuleset load(String... yamls) {
        return load(LoadOptions.of(ENGINE_VERSION, new Resolver()), yamls);
    }

    static LoadedRuleset load(LoadOptions options, String... yamls) {
        List<RulesText> texts = new ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            texts.add(new RulesText("rules" + (i + 1) + ".yaml", yamls[i]));
        }
        return new RulesLoader(options).loadTexts(texts);
    }

    static LoadOptions select(Priority min, List<String> disabled, List<String> disabledTags, List<String> enabledTags) {
        return new LoadOptions(ENGINE_VERSION, new Resolver(), min, disabled, disabledTags, enabledTags);
    }

    static String describe(Problem p) {
        StringBuilder sb = new StringBuilder();
        if (!p.file().equals("rules1.yaml")) {
            sb.append(p.file()).append(':');
        }
        sb.append(p.line()).append(':').append(p.column()).append(' ');
        if (!p.itemKind().isEmpty()) {
            sb.append(p.itemKind()).append(' ');
            if (!p.itemName().isEmpty()) {
                sb.append('\'').append(p.itemName()).append("' ");
            }
        }
        return sb.append(p.message()).toString();
    }

    static List<String> errors(LoadedRuleset r) {
        return r.errors().stream().map(Fixture::describe).toList();
    }

    static List<String> warnings(LoadedRuleset r) {
        return r.warnings().stream().map(Fixture::describe).toList();
    }

    static CompiledRule rule(LoadedRuleset r, String name) {
        return r.rules().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + name + " in " + r.rules() + "; problems " + r.problems()));
    }

    /** Names of the enabled rules matching the event, in load order. */
    static List<String> matching(LoadedRuleset r, TestEvent event) {
        EvalContext ctx = r.newContext();
        Event e = event.event();
        List<String> out = new ArrayList<>();
        for (CompiledRule rule : r.rules()) {
            if (rule.enabled() && rule.matches(e, ctx)) {
                out.add(rule.name());
            }
        }
        return out;
    }

    static List<String> names(LoadedRuleset r) {
        return r.rules().stream().map(CompiledRule::name).toList();
    }

    static List<String> list(String... s) {
        return Arrays.asList(s);
    }
}

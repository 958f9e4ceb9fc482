package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Timeout;
import org.lanner.api.engine.Problem;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.source.SourcePolicy;
import org.lanner.filter.EvalContext;
import org.lanner.filter.testing.TestEvent;
import org.lanner.filter.testing.TestFields;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the rules loader with Jazzer: any text as a rules file, loaded (YAML, items, lists,
 * macros, exceptions, overrides), its conditions and outputs compiled, and each rule that loads
 * evaluated against an event. The contract: every mistake is a {@link Problem} in the result,
 * naming the file; any exception, a {@link StackOverflowError}, an {@link OutOfMemoryError} or a
 * hang is a finding.
 *
 * <p>The fields are the test extractor's ({@link TestFields}), and any other {@code class.name}
 * resolves to a string field, so that rules written for the syscall source (our own rules files,
 * the seeds) compile as far as their types allow.
 *
 * <p>An ordinary build runs this over {@code RulesLoaderFuzzTestInputs/loadRules} (seeds from our
 * own rules files, and every finding); {@code mvn -Pfuzz} fuzzes it (docs/building.md).
 */
class RulesLoaderFuzzTest {

    private static final int ENGINE_VERSION = 11;
    private static final TestEvent EVENT = TestEvent.of("open").procName("bash").fdName("/etc/shadow").pid(42)
            .anames("sshd", "systemd");

    @FuzzTest
    // seconds per input (the first one also instruments classes): a hang is a finding; a thread of its own so
    // that the ordinary build fails rather than hangs (while fuzzing, libFuzzer applies it: -timeout)
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({"- rule: ", "- macro: ", "- list: ", "- required_engine_version: ", "- required_plugin_versions:",
        "condition: ", "output: ", "priority: ", "desc: ", "source: ", "tags: ", "enabled: ", "items: ", "append: true",
        "override:", "exceptions:", "name: ", "fields: ", "comps: ", "values: ", "warn_evttypes: ", "skip-if-unknown-filter: ",
        "evt.type", "proc.name", "fd.name", "proc.aname", "evt.arg", "json.value", "k8s_audit", " and ", " or ", "not ", " in ",
        " pmatch ", " startswith ", " contains ", " glob ", " exists", "(", ")", "%proc.name", "&a ", "*a", "<<: ", "---"})
    void loadRules(byte[] text) {
        LoadedRuleset r = new RulesLoader(LoadOptions.of(ENGINE_VERSION, new AnyFields()))
                .loadTexts(List.of(new RulesText("rules.yaml", new String(text, StandardCharsets.UTF_8))));
        for (Problem p : r.problems()) {
            assertThat(p.file()).isEqualTo("rules.yaml");
            assertThat(p.message()).isNotBlank();
        }
        if (r.errors().isEmpty()) {
            EvalContext ctx = r.newContext();
            for (CompiledRule rule : r.rules()) {
                if ("syscall".equals(rule.source())) {
                    rule.matches(EVENT.event(), ctx);
                }
            }
        }
    }

    /** The test extractor's fields, and a string field for any other {@code class.name}. */
    private static final class AnyFields implements FieldResolver {

        private static final Set<String> SOURCES = Set.of("syscall", "k8s_audit");

        @Override
        public FieldAccessor resolve(String source, String field, String argument) throws FieldBindException {
            if (!SOURCES.contains(source)) {
                throw new UnknownFieldException("no source " + source);
            }
            FieldAccessor a = TestFields.accessor(field, argument);
            if (a == null && field.indexOf('.') > 0 && argument == null) {
                a = TestFields.accessor("fd.name", null);
            }
            if (a == null) {
                throw new UnknownFieldException("unknown field " + field);
            }
            return a;
        }

        @Override
        public boolean knowsSource(String source) {
            return SOURCES.contains(source);
        }

        @Override
        public Map<String, String> pluginVersions() {
            return Map.of("json", "0.2.0");
        }

        @Override
        public SourcePolicy policy(String source) {
            return SourcePolicy.DEFAULT;
        }
    }
}

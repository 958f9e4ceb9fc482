package org.lanner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.rules.Fixture.errors;
import static org.lanner.rules.Fixture.load;
import static org.lanner.rules.Fixture.rule;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.event.Event;
import org.lanner.api.output.OutputField;
import org.lanner.filter.EvalContext;
import org.lanner.filter.testing.TestEvent;

class OutputTest {

    private static LoadedRuleset withOutput(String output) {
        return withOutput(LoadOptions.of(Fixture.ENGINE_VERSION, new Fixture.Resolver()), output, "syscall");
    }

    private static LoadedRuleset withOutput(LoadOptions options, String output, String source) {
        return load(options, """
                - rule: r
                  desc: d
                  condition: evt.type = open
                  output: '%s'
                  priority: INFO
                  source: %s
                """.formatted(output.replace("'", "''"), source));
    }

    private static String format(LoadedRuleset r, TestEvent e) {
        assertThat(errors(r)).isEmpty();
        EvalContext ctx = r.newContext();
        return rule(r, "r").formatOutput(e.event(), ctx);
    }

    private static TestEvent event() {
        return TestEvent.of("open").procName("cat").fdName("/etc/shadow").pid(4242).sip("192.168.1.10").isServer(false)
                .anames("bash", "sshd").images("nginx", "redis");
    }

    @Test
    void substitutesFieldsAndArguments() {
        assertThat(format(withOutput("File %fd.name read by %proc.name (pid=%proc.pid) parent=%proc.aname[1] gp=%proc.aname[2]"),
                event())).isEqualTo("File /etc/shadow read by cat (pid=4242) parent=bash gp=sshd");
    }

    @Test
    void missingValuesPrintNA() {
        assertThat(format(withOutput("ratio=%evt.ratio buffer=%evt.buffer ggp=%proc.aname[3]"), event()))
                .isEqualTo("ratio=<NA> buffer=<NA> ggp=<NA>");
    }

    @Test
    void fieldNamesEndAtTheLongestKnownPrefix() {
        assertThat(format(withOutput("%proc.name. %proc.name:%proc.pid %proc.name-%fd.name/x %proc.namex"), event()))
                .isEqualTo("cat. cat:4242 cat-/etc/shadow/x catx");
    }

    @Test
    void dottedArgumentsAndTypedRendering() {
        assertThat(format(withOutput("%evt.arg.name %evt.arg[pid] %fd.sip %fd.is_server %ka.images"), event()))
                .isEqualTo("/etc/shadow 4242 192.168.1.10 false (nginx,redis)");
    }

    @Test
    void widthsAndPercentSigns() {
        assertThat(format(withOutput("[%8proc.name][%2fd.name] 100%% done"), event()))
                .isEqualTo("[cat     ][/e] 100% done");
    }

    @Test
    void containerInfoIsReplacedForSyscallRules() {
        LoadedRuleset r = withOutput(LoadOptions.of(Fixture.ENGINE_VERSION, new Fixture.Resolver()), "Shell in %container.info", "syscall");
        assertThat(errors(r)).isNotEmpty(); // the test extractor has no container fields
        assertThat(errors(r).get(0)).contains("'Shell in %container.name (id=%container.id)'");
        LoadOptions extra = new LoadOptions(11, new Fixture.Resolver(), null, null, null, null, "user=%proc.name", true);
        assertThat(format(withOutput(extra, "Shell in %container.info", "syscall"), event())).isEqualTo("Shell in user=cat");
        LoadOptions appended = new LoadOptions(11, new Fixture.Resolver(), null, null, null, null, "pid=%proc.pid", false);
        assertThat(format(withOutput(appended, "Read %fd.name", "syscall"), event())).isEqualTo("Read /etc/shadow pid=4242");
        assertThat(format(withOutput(appended, "Read %fd.name", "k8s_audit"), event())).isEqualTo("Read /etc/shadow");
    }

    @Test
    void outputFieldsAreSortedTypedAndNullWhenMissing() {
        LoadedRuleset r = withOutput("%proc.pid %proc.name %fd.sip %fd.is_server %proc.aname[2] %proc.aname[9] %proc.name");
        assertThat(errors(r)).isEmpty();
        Event e = event().event();
        List<OutputField> fields = rule(r, "r").outputFields(e, r.newContext());
        assertThat(fields).containsExactly(
                new OutputField("fd.is_server", false),
                new OutputField("fd.sip", "192.168.1.10"),
                new OutputField("proc.aname[2]", "sshd"),
                new OutputField("proc.aname[9]", null),
                new OutputField("proc.name", "cat"),
                new OutputField("proc.pid", 4242L));
    }

    @Test
    void formattingReusesTheValuesOfTheMatch() {
        LoadedRuleset r = withOutput("%proc.sname");
        CompiledRule rule = rule(r, "r");
        EvalContext ctx = r.newContext();
        List<Event> events = TestEvent.events(event(), event().procName("dd"));
        String[] out = new String[2];
        for (int i = 0; i < 2; i++) {
            assertThat(rule.matches(events.get(i), ctx)).isTrue();
            out[i] = rule.formatOutput(events.get(i), ctx);
        }
        assertThat(Arrays.asList(out)).containsExactly("cat", "dd");
    }
}

package org.lanner.rules.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.event.EventCursor;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.filter.EvalContext;
import org.lanner.filter.Filter;
import org.lanner.filter.testing.TestEvent;
import org.lanner.filter.testing.TestFields;
import org.lanner.rules.CompiledRule;
import org.lanner.rules.FieldResolver;
import org.lanner.rules.LoadOptions;
import org.lanner.rules.LoadedRuleset;
import org.lanner.rules.RulesLoader;
import org.lanner.rules.RulesText;
import org.lanner.rules.UnknownFieldException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per event for rulesets of 10, 100 and 1000 rules on a stream of mixed event types.
 *
 * <p>{@code layout=focused}: ten rules watch the event types of the stream (openat, execve,
 * connect, close), the other rules watch event types that do not occur in it, as most of a large
 * ruleset does for any given event. {@code layout=spread}: every rule watches a type of the stream,
 * so the candidates per event grow with the ruleset. {@code indexed} evaluates only the rules the
 * event-type index gives for the event; {@code scan} evaluates every rule (no index), for contrast.
 * The rules look like Falco's: an event type, a list membership over 60 names, a path test, a
 * negated prefix and a numeric comparison; none matches, so every candidate is evaluated in full.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleEvaluationBenchmark {

    /** Event types the stream is made of. */
    static final String[] STREAM_TYPES = {"openat", "execve", "connect", "close"};

    /** Event types no event of the stream has. */
    static final String[] OTHER_TYPES = {"mkdir", "rmdir", "unlink", "unlinkat", "rename", "renameat", "chmod", "fchmod",
        "symlink", "symlinkat", "setuid", "setgid", "ptrace", "mount", "umount", "bind", "listen", "socket", "kill",
        "chdir", "fchdir", "link", "linkat", "dup", "pipe", "eventfd", "signalfd", "timerfd_create", "inotify_init",
        "prlimit", "setrlimit", "bpf", "seccomp", "unshare", "setns", "flock", "quotactl", "mmap", "munmap", "splice"};

    @Param({"10", "100", "1000"})
    public int rules;

    @Param({"focused", "spread"})
    public String layout;

    private List<CompiledRule> all;
    private CompiledRule[][] byType;
    private Event[] events;
    private EvalContext ctx;
    private int next;
    /** Candidate rules per event, averaged over the stream (printed in setup). */
    public double candidatesPerEvent;

    static final class Resolver implements FieldResolver {
        @Override
        public FieldAccessor resolve(String source, String field, String argument) throws FieldBindException {
            FieldAccessor a = TestFields.accessor(field, argument);
            if (a == null) {
                throw new UnknownFieldException("unknown field " + field);
            }
            return a;
        }

        @Override
        public boolean knowsSource(String source) {
            return source.equals("syscall");
        }

        @Override
        public Map<String, String> pluginVersions() {
            return Map.of();
        }
    }

    static String ruleset(int count, boolean focused) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            names.append(i == 0 ? "" : ", ").append("tool").append(i);
        }
        StringBuilder y = new StringBuilder("- list: tools\n  items: [" + names + "]\n");
        y.append("- macro: interesting\n  condition: fd.name startswith /etc or fd.name pmatch (/root, /var/lib/secret)\n");
        for (int i = 0; i < count; i++) {
            String type;
            if (!focused) {
                type = STREAM_TYPES[i % STREAM_TYPES.length];
            } else if (i < 10) {
                type = STREAM_TYPES[i % STREAM_TYPES.length];
            } else {
                type = OTHER_TYPES[i % OTHER_TYPES.length];
            }
            y.append("- rule: rule ").append(i).append('\n')
                    .append("  desc: benchmark rule\n")
                    .append("  condition: evt.type = ").append(type)
                    .append(" and proc.name in (tools) and interesting and not proc.name startswith sys")
                    .append(" and proc.pid > ").append(100 + i).append('\n')
                    .append("  output: \"%proc.name %fd.name\"\n")
                    .append("  priority: WARNING\n");
        }
        return y.toString();
    }

    @Setup(Level.Trial)
    public void setup() {
        LoadedRuleset r = new RulesLoader(LoadOptions.of(11, new Resolver()))
                .loadTexts(List.of(new RulesText("bench.yaml", ruleset(rules, layout.equals("focused")))));
        if (!r.ok() || r.rules().size() != rules) {
            throw new IllegalStateException("ruleset did not load: " + r.problems());
        }
        all = r.rules();
        List<List<CompiledRule>> index = new ArrayList<>();
        for (int t = 0; t < Filter.UNIVERSE; t++) {
            index.add(new ArrayList<>());
        }
        for (CompiledRule rule : all) {
            BitSet types = rule.eventTypes();
            for (int t = 0; t < Filter.UNIVERSE; t++) {
                if (types == null || types.get(t)) {
                    index.get(t).add(rule);
                }
            }
        }
        byType = new CompiledRule[Filter.UNIVERSE][];
        for (int t = 0; t < Filter.UNIVERSE; t++) {
            byType[t] = index.get(t).toArray(new CompiledRule[0]);
        }
        List<TestEvent> stream = new ArrayList<>();
        String[] kinds = {"openat", "openat", "close", "close", "close", "execve", "connect", "openat"};
        for (int i = 0; i < 1024; i++) {
            String kind = kinds[i % kinds.length];
            stream.add(TestEvent.of(kind).procName(i % 3 == 0 ? "tool" + (i % 60) : "bash").fdName(i % 2 == 0 ? "/etc/passwd" : "/tmp/x")
                    .pid(50 + i % 40).sport(443).sip("10.0.0.1"));
        }
        EventBatch batch = TestEvent.batch(stream);
        events = new Event[batch.size()];
        long candidates = 0;
        for (int i = 0; i < events.length; i++) {
            events[i] = new EventCursor().moveTo(batch, i);
            candidates += byType[events[i].type()].length;
        }
        candidatesPerEvent = (double) candidates / events.length;
        System.out.printf("%n[setup] rules=%d layout=%s candidates per event=%.2f%n", rules, layout, candidatesPerEvent);
        ctx = r.newContext();
    }

    private Event nextEvent() {
        Event e = events[next];
        next = (next + 1) & (events.length - 1);
        return e;
    }

    /** Only the rules whose event types contain the event's type. */
    @Benchmark
    public int indexed() {
        Event e = nextEvent();
        int hits = 0;
        for (CompiledRule rule : byType[e.type()]) {
            if (rule.matches(e, ctx)) {
                hits++;
            }
        }
        return hits;
    }

    /** Every rule, as without an index. */
    @Benchmark
    public int scan() {
        Event e = nextEvent();
        int hits = 0;
        for (CompiledRule rule : all) {
            if (rule.matches(e, ctx)) {
                hits++;
            }
        }
        return hits;
    }
}

package org.lanner.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.testing.TestEvent;
import org.lanner.filter.testing.TestFields;

/** Identical comparisons of several conditions are evaluated once per event. */
class SharedChecksTest {

    @Test
    void identicalComparisonsShareOneResultPerEvent() throws FilterException {
        FieldSlots slots = new FieldSlots();
        FieldBinder binder = TestFields.binder(slots);
        List<Filter> filters = new ArrayList<>();
        filters.add(FilterCompiler.compile(ConditionParser.parse("evt.type = open and proc.name in (bash, sh)"), binder, slots));
        filters.add(FilterCompiler.compile(ConditionParser.parse("evt.type == open and proc.name in (sh, bash) and proc.pid > 5"),
                binder, slots));
        filters.add(FilterCompiler.compile(ConditionParser.parse("not proc.name in (bash, sh) or fd.name exists"), binder, slots));
        // evt.type = open, proc.name in (bash, sh), proc.pid > 5; exists is not shared
        assertThat(slots.checks()).isEqualTo(3);
        EvalContext ctx = slots.newContext();
        List<Event> events = TestEvent.events(TestEvent.of("open").procName("sh").pid(9).fdName("/x"),
                TestEvent.of("open").procName("zsh").pid(9), TestEvent.of("close").procName("bash").pid(1));
        List<String> results = new ArrayList<>();
        for (Event e : events) {
            StringBuilder sb = new StringBuilder();
            for (Filter f : filters) {
                sb.append(f.matches(e, ctx) ? '1' : '0');
            }
            results.add(sb.toString());
        }
        assertThat(results).containsExactly("111", "001", "000");
    }

    @Test
    void aSharedComparisonRunsOncePerEvent() throws FilterException {
        AtomicInteger extractions = new AtomicInteger();
        FieldAccessor counting = new FieldAccessor() {
            @Override
            public FieldType type() {
                return FieldType.CHARBUF;
            }

            @Override
            public boolean extract(Event event, ValueHolder out) {
                extractions.incrementAndGet();
                out.setString("x" + event.number());
                return true;
            }
        };
        FieldSlots slots = new FieldSlots();
        FieldBinder binder = ref -> new FieldBinding(counting, slots.slot(ref.text()));
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            filters.add(FilterCompiler.compile(ConditionParser.parse("a.b glob 'x*1' and a.b != y" + i), binder, slots));
        }
        assertThat(slots.checks()).isEqualTo(51);
        EvalContext ctx = slots.newContext();
        int hits = 0;
        for (Event e : TestEvent.events(TestEvent.of("open"), TestEvent.of("open"))) {
            for (Filter f : filters) {
                hits += f.matches(e, ctx) ? 1 : 0;
            }
        }
        assertThat(hits).isEqualTo(50); // event 1 matches x*1 in every filter, event 2 in none
        assertThat(extractions.get()).isEqualTo(2);
    }
}

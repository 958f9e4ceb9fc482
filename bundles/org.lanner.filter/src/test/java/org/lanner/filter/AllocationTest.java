package org.lanner.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lanner.api.event.Event;
import org.lanner.filter.testing.TestEvent;
import org.lanner.filter.testing.TestFields;

/** Evaluating compiled conditions allocates nothing once the context exists. */
class AllocationTest {

    @Test
    void evaluationAllocatesNothing() throws FilterException {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "SKIPPED: no per-thread allocation counter");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        String names = IntStream.range(0, 200).mapToObj(i -> "n" + i).collect(Collectors.joining(", "));
        String condition = "evt.type in (open, openat) and (proc.name in (" + names + ", bash) or fd.name glob '/etc/*wd')"
                + " and not fd.name pmatch (/usr, /var/lib) and proc.pid > 10 and fd.sip != 127.0.0.1"
                + " and fd.snet in (10.0.0.0/8) and fd.name icontains PASS and evt.buffer contains HTTP"
                + " and fd.is_server = true and evt.ratio < 1 and proc.name startswith ba and not proc.name endswith zz";
        FieldSlots slots = new FieldSlots();
        Filter f = FilterCompiler.compile(ConditionParser.parse(condition), TestFields.binder(slots));
        List<Event> events = TestEvent.events(FilterEvalTest.sample(), FilterEvalTest.sample().procName("n150"),
                FilterEvalTest.sample().pid(1));
        EvalContext ctx = slots.newContext();
        int hits = 0;
        for (int i = 0; i < 20_000; i++) { // warm up
            hits += f.matches(events.get(i % 3), ctx) ? 1 : 0;
        }
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 300_000; i++) {
            hits += f.matches(events.get(i % 3), ctx) ? 1 : 0;
        }
        long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        // only the first event matches (the second is not "ba…", the third has pid 1): every third evaluation
        assertThat(hits).isEqualTo(6_667 + 100_000);
        // 300,000 evaluations; a single allocation per evaluation would be at least 4.8 MB
        assertThat(allocated).as("bytes allocated by 300,000 evaluations").isLessThan(256 * 1024);
    }
}

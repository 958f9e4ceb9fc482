package org.lanner.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanner.engine.tests.Services.await;
import static org.lanner.engine.tests.Services.props;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanner.api.engine.FieldRegistry;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.OutputSink;
import org.lanner.api.output.Priority;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.OutputCounters;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunSummary;
import org.lanner.api.run.Runs;
import org.lanner.api.source.EventSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The engine bundle and the output bundle wire up inside Felix; a source, an extractor and a sink
 * registered by another bundle (this test) come and go, and the rules that need them follow: pending
 * without them, compiled when they arrive, pending again when they leave.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class EngineLateBindingOSGiTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    RuleEngine engine;

    @InjectService(timeout = 10_000)
    FieldRegistry fields;

    @InjectService(timeout = 10_000)
    AlertPublisher publisher;

    @InjectService(timeout = 10_000)
    Runs runs;

    private Path rules;

    @BeforeEach
    void writeRules() throws IOException {
        rules = Files.createTempFile("demo-rules", ".yaml");
        Files.writeString(rules, """
                - rule: Demo value high
                  desc: a demo counter above five
                  condition: demo.value > 5
                  output: demo value %demo.value
                  priority: WARNING
                  tags: [demo]
                  source: demo
                """);
    }

    @AfterEach
    void deleteRules() throws IOException {
        Files.deleteIfExists(rules);
    }

    @Test
    void rulesFollowTheServicesTheyNeed() throws Exception {
        LoadResult first = engine.load(RulesRequest.of(List.of(rules)));
        assertThat(first.ok()).as("%s", first.problems()).isTrue();
        assertThat(first.pendingRules()).containsExactly("Demo value high");
        assertThat(engine.rules()).isEmpty();

        CapturingSink sink = new CapturingSink();
        ServiceRegistration<OutputSink> sinkReg = context.registerService(OutputSink.class, sink, props(OutputSink.OUTPUT, "itest"));
        DemoSource source = new DemoSource(10);
        ServiceRegistration<EventSource> sourceReg = context.registerService(EventSource.class, source,
                props(EventSource.SOURCE, DemoSource.NAME, EventSource.INPUT, EventSource.INPUT_PLUGIN));
        ServiceRegistration<FieldExtractor> extractorReg = context.registerService(FieldExtractor.class, new DemoExtractor(),
                props(FieldExtractor.FIELD_CLASS, "demo", FieldExtractor.SOURCES, new String[] {DemoSource.NAME}));
        try {
            await("the pending rule compiles once its source and field are present",
                    () -> engine.rules().stream().anyMatch(r -> r.name().equals("Demo value high") && r.enabled()));
            assertThat(engine.status().pendingRules()).isEmpty();
            assertThat(fields.fieldClasses()).anyMatch(c -> c.name().equals("demo"));
            await("the sink is attached", () -> publisher.sinks().contains("itest"));

            RunSummary summary = runs.start(RunSpec.of(new InputSpec(DemoSource.NAME, EventSource.INPUT_PLUGIN, ""))).await();
            assertThat(summary.failure()).isNull();
            assertThat(summary.events()).isEqualTo(10);
            assertThat(summary.detections()).isEqualTo(4);
            assertThat(summary.outputs()).as("the run ends once its alerts are delivered")
                    .contains(new OutputCounters("itest", 4, 0, 0, 0));
            assertThat(sink.alerts).extracting(Alert::output)
                    .containsExactlyInAnyOrder("demo value 6", "demo value 7", "demo value 8", "demo value 9");
            assertThat(sink.alerts).allSatisfy(a -> {
                assertThat(a.rule()).isEqualTo("Demo value high");
                assertThat(a.priority()).isEqualTo(Priority.WARNING);
                assertThat(a.source()).isEqualTo("demo");
                assertThat(a.tags()).containsExactly("demo");
            });

            extractorReg.unregister();
            extractorReg = null;
            sourceReg.unregister();
            sourceReg = null;
            await("the rule goes back to pending when its source and field leave",
                    () -> engine.status().pendingRules().contains("Demo value high"));
            assertThat(engine.rules()).noneMatch(r -> r.name().equals("Demo value high"));
            assertThat(fields.fieldClasses()).noneMatch(c -> c.name().equals("demo"));

            sinkReg.unregister();
            sinkReg = null;
            await("the sink is detached", () -> !publisher.sinks().contains("itest"));
        } finally {
            for (ServiceRegistration<?> r : new ServiceRegistration<?>[] {sinkReg, sourceReg, extractorReg}) {
                if (r != null) {
                    r.unregister();
                }
            }
        }
    }
}

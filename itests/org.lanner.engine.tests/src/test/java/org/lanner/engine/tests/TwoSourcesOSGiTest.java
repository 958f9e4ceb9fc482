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
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.OutputSink;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.OutputCounters;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.RunState;
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
 * One run of two sources at once, inside Felix with the real bundles: a system-call capture recorded
 * with Lanner's driver (read by the capture-file bundle, its state kept by the syscall bundle) and the
 * "demo" source of this test bundle, each with its own rules; the alerts of both reach one output, and
 * the summary counts each source apart.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class TwoSourcesOSGiTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    Runs runs;

    @InjectService(timeout = 10_000)
    AlertPublisher publisher;

    private Path rules;

    @BeforeEach
    void writeRules() throws IOException {
        rules = Files.createTempFile("two-sources", ".yaml");
        Files.writeString(rules, """
                - rule: Shadow read
                  desc: /etc/shadow opened for reading
                  condition: evt.type in (open, openat, openat2) and evt.dir = < and fd.name = /etc/shadow
                  output: "%proc.name read %fd.name (%evt.source event %evt.num)"
                  priority: WARNING
                  source: syscall
                - rule: Demo value high
                  desc: a demo counter above five
                  condition: demo.value > 5
                  output: "demo value %demo.value (%evt.source event %evt.num)"
                  priority: NOTICE
                  source: demo
                """);
    }

    @AfterEach
    void deleteRules() throws IOException {
        Files.deleteIfExists(rules);
    }

    @Test
    void aCaptureAndAnotherSourceRunAtOnceEachWithItsRules() throws Exception {
        Path capture = Path.of(System.getProperty("lanner.root"), "rules/tests/captures/read-sensitive-file-untrusted.scap");
        assertThat(capture).as("a capture of the repository's rules corpus").exists();
        CapturingSink sink = new CapturingSink();
        ServiceRegistration<OutputSink> sinkReg = context.registerService(OutputSink.class, sink, props(OutputSink.OUTPUT, "two"));
        ServiceRegistration<EventSource> sourceReg = context.registerService(EventSource.class, new DemoSource(10),
                props(EventSource.SOURCE, DemoSource.NAME, EventSource.INPUT, EventSource.INPUT_PLUGIN));
        ServiceRegistration<FieldExtractor> extractorReg = context.registerService(FieldExtractor.class, new DemoExtractor(),
                props(FieldExtractor.FIELD_CLASS, "demo", FieldExtractor.SOURCES, new String[] {DemoSource.NAME}));
        try {
            await("the output is attached", () -> publisher.sinks().contains("two"));
            RunSpec spec = new RunSpec("two sources", List.of(InputSpec.file(capture), new InputSpec(DemoSource.NAME, EventSource.INPUT_PLUGIN, "")),
                    RulesRequest.of(List.of(rules)), null, 0, false, null);

            RunSummary s = runs.start(spec).await();

            assertThat(s.state()).as("%s", s.failure()).isEqualTo(RunState.DONE);
            assertThat(s.sources()).extracting(x -> x.source()).containsExactlyInAnyOrder("syscall", "demo");
            assertThat(s.source("demo").events()).isEqualTo(10);
            assertThat(s.source("demo").detections()).isEqualTo(4);
            assertThat(s.source("syscall").events()).isPositive();
            assertThat(s.source("syscall").detections()).isEqualTo(1);
            assertThat(s.source("syscall").monitored()).as("the syscall source's policy watches its streams").isTrue();
            assertThat(s.source("demo").monitored()).isFalse();
            assertThat(s.byRule()).containsEntry("Shadow read", 1L).containsEntry("Demo value high", 4L);
            assertThat(s.outputs()).contains(new OutputCounters("two", 5, 0, 0, 0));
            assertThat(sink.alerts).extracting(Alert::source).containsOnly("syscall", "demo").contains("syscall", "demo");
            assertThat(sink.alerts).filteredOn(a -> a.source().equals("syscall")).extracting(Alert::output)
                    .singleElement().asString().matches("cat read /etc/shadow \\(syscall event \\d+\\)");
            assertThat(sink.alerts).filteredOn(a -> a.source().equals("demo")).extracting(Alert::output)
                    .containsExactlyInAnyOrder("demo value 6 (demo event 7)", "demo value 7 (demo event 8)", "demo value 8 (demo event 9)",
                            "demo value 9 (demo event 10)");
        } finally {
            extractorReg.unregister();
            sourceReg.unregister();
            sinkReg.unregister();
        }
    }
}

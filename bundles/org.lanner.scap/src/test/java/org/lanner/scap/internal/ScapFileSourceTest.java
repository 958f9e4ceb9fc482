package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lanner.scap.internal.CaptureBuilder.i32;
import static org.lanner.scap.internal.CaptureBuilder.i64;
import static org.lanner.scap.internal.CaptureBuilder.record;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.osgi.framework.Constants;

/** The DS components, built with {@code new} as the framework would, and their generated descriptors. */
class ScapFileSourceTest {

    @TempDir
    Path tmp;

    private static Map<String, Object> pluginService(long serviceId, Object pluginId, String source) {
        return Map.of(Constants.SERVICE_ID, serviceId, EventSource.PLUGIN_ID, pluginId, EventSource.SOURCE, source);
    }

    private List<String> batches(ScapFileSource source, Path capture) throws SourceException {
        List<String> out = new ArrayList<>();
        try (EventStream s = source.open(" " + capture + " ")) {
            EventBatch batch = new EventBatch(1 << 16, 64);
            while (true) {
                batch.clear();
                int n = s.nextBatch(batch);
                if (n == EventStream.EOF) {
                    break;
                }
                out.add(batch.source() + "×" + n);
            }
            if (s.stats().drops() > 0) {
                out.add("dropped " + s.stats().drops());
            }
        }
        return out;
    }

    @Test
    void pluginEventsFollowTheRegisteredPluginSources() throws Exception {
        Path capture = new CaptureBuilder().shb()
                .event(record(1, 42, 4, i64(3)))
                .event(BlockTypes.EV_V2_LARGE, 0, 0, record(2, -1, 322, true, i32(999), "a".getBytes()))
                .event(BlockTypes.EV_V2_LARGE, 0, 0, record(3, -1, 322, true, i32(5), "b".getBytes()))
                .write(tmp.resolve("mixed.scap"));
        ScapFileSource source = new ScapFileSource();
        assertThat(batches(source, capture)).containsExactly("syscall×1", "dropped 2");

        source.addPluginSource(pluginService(10, 999, "k8s_audit"));
        source.addPluginSource(pluginService(11, "5", "json"));
        source.addPluginSource(pluginService(12, 999L, "other")); // the first service of an id wins
        assertThat(batches(source, capture)).containsExactly("syscall×1", "k8s_audit×1", "json×1");

        source.removePluginSource(pluginService(10, 999, "k8s_audit"));
        assertThat(batches(source, capture)).containsExactly("syscall×1", "other×1", "json×1");
        source.removePluginSource(pluginService(12, 999, "other"));
        source.removePluginSource(pluginService(11, 5, "json"));
        assertThat(batches(source, capture)).containsExactly("syscall×1", "dropped 2");
    }

    @Test
    void openingNeedsAFile() {
        ScapFileSource source = new ScapFileSource();
        assertThat(source.sourceName()).isEqualTo("syscall");
        assertThatThrownBy(() -> source.open("  ")).isInstanceOf(SourceException.class).hasMessage("no capture file given");
        assertThatThrownBy(() -> source.open(null)).isInstanceOf(SourceException.class);
    }

    @Test
    void componentDescriptors() throws Exception {
        Path osgiInf = Path.of("target", "classes", "OSGI-INF");
        String sourceXml = Files.readString(osgiInf.resolve(ScapFileSource.class.getName() + ".xml"), StandardCharsets.UTF_8);
        assertThat(sourceXml).contains("<provide interface=\"org.lanner.api.source.EventSource\"/>")
                .contains("<property name=\"lanner.source\" type=\"String\" value=\"syscall\"/>")
                .contains("<property name=\"lanner.input\" type=\"String\" value=\"file\"/>")
                .contains("target=\"(lanner.plugin.id=*)\"").contains("policy=\"dynamic\"");
        String recorderXml = Files.readString(osgiInf.resolve(ScapRecorderFactory.class.getName() + ".xml"), StandardCharsets.UTF_8);
        assertThat(recorderXml).contains("<provide interface=\"org.lanner.api.source.EventRecorderFactory\"/>")
                .contains("name=\"lanner.recorder.format\"").contains("value=\"scap\"");
    }
}

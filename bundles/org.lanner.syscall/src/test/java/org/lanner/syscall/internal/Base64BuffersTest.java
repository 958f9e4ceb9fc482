package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.api.extract.BufferFormat;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.source.SourceException;
import org.lanner.test.SharedData;

/**
 * Falco's {@code -b}: a run whose buffers render in base64. Every field that prints a buffer, on every
 * I/O event of every shared capture, against Debian's {@code sysdig -b} (libsinsp with
 * {@code PF_BASE64}).
 */
class Base64BuffersTest {

    static final List<String> FIELDS = List.of("evt.type", "evt.arg.data", "evt.buffer", "evt.args", "evt.info", "evt.arg[1]",
            "evt.res");

    @ParameterizedTest
    @MethodSource("org.lanner.syscall.internal.SysdigComparisonTest#captures")
    void buffersPrintAsSysdigBPrintsThem(String capture) throws Exception {
        Path file = SharedData.require(capture);
        Sysdig.Output sysdig = Sysdig.run(file, FIELDS, "evt.is_io=true", List.of("-b"));
        Map<Long, String[]> expected = new TreeMap<>(sysdig.values());
        List<FieldAccessor> accessors = new ArrayList<>();
        for (String f : FIELDS) {
            accessors.add(Fields.bind(f));
        }
        Map<Long, String[]> actual = new TreeMap<>();
        ValueHolder h = new ValueHolder();
        try {
            Replay.run(file, 256, BufferFormat.BASE64, (e, session) -> {
                if (expected.containsKey(e.number())) {
                    String[] vals = new String[FIELDS.size()];
                    for (int i = 0; i < vals.length; i++) {
                        vals[i] = Fields.text(accessors.get(i), e, h);
                    }
                    actual.put(e.number(), vals);
                }
            });
        } catch (SourceException e) {
            assertThat(sysdig.failed()).as("the reader rejects %s but sysdig reads it", capture).isTrue();
        }
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Long, String[]> x : expected.entrySet()) {
            String[] ours = actual.get(x.getKey());
            for (int i = 0; i < FIELDS.size(); i++) {
                if (ours == null || !x.getValue()[i].equals(ours[i])) {
                    diffs.add("#" + x.getKey() + " " + FIELDS.get(i) + ": sysdig [" + x.getValue()[i] + "] lanner ["
                            + (ours == null ? "(missing)" : ours[i]) + "]");
                }
            }
        }
        System.out.println(capture + ": " + expected.size() + " I/O events compared in base64");
        assertThat(diffs).as(String.join("\n", diffs.stream().limit(10).toList())).isEmpty();
    }

    /** libsinsp renders the buffer once for the inspector: conditions on evt.arg.data compare the base64 text too. */
    @Test
    void conditionsSeeTheBase64TextAndEvtBufferStaysRaw() throws Exception {
        Path file = SharedData.require("traces/falco-0.30.0/cat_write.scap");
        FieldAccessor data = Fields.bind("evt.arg.data");
        FieldAccessor buffer = Fields.bind("evt.buffer");
        List<String> compared = new ArrayList<>();
        ValueHolder h = new ValueHolder();
        Replay.run(file, 64, BufferFormat.BASE64, (e, session) -> {
            if (e.number() == 153) {
                h.clear();
                data.extract(e, h);
                compared.add(h.asString());
                h.clear();
                buffer.extract(e, h);
                compared.add(new String(h.bytes(), h.offset(), 4, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        });
        // the read of libc's ELF header (sysdig -b -r cat_write.scap "evt.arg.data startswith f0VMRg" matches it)
        assertThat(compared).hasSize(2);
        assertThat(compared.get(0)).startsWith("f0VMRgIBAQMAAAAAAAAAAAMAPgABAAAA");
        assertThat(compared.get(1)).isEqualTo("\u007fELF");
    }

    @Test
    void normalRunsKeepTheDots() throws Exception {
        Path file = SharedData.require("traces/falco-0.30.0/cat_write.scap");
        FieldAccessor data = Fields.bind("evt.arg.data");
        List<String> texts = new ArrayList<>();
        Replay.run(file, 64, (e, session) -> {
            if (e.number() == 153) {
                texts.add(Fields.text(data, e, new ValueHolder()));
            }
        });
        assertThat(texts).singleElement().asString().startsWith(".ELF..............>");
    }
}

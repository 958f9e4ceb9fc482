package org.lanner.output.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;

/** Golden lines of Falco 0.30's text and JSON alerts, derived from formats.cpp, falco_outputs.cpp and JsonCpp 0.10.6. */
class FalcoFormatTest {

    /** 2016-08-04T16:17:57.881781397Z, the first alert of Falco's own cat_write.scap regression test. */
    static final long TS = 1470327477881781397L;
    static final FormatOptions JSON = FormatOptions.DEFAULTS.withJsonOutput(true);
    static final FormatOptions JSON_ISO = new FormatOptions(true, true, true, true);

    static Alert catAlert(List<String> tags) {
        return new Alert(TS, "open_from_cat", Priority.WARNING, "syscall", tags, "An open was seen (command=cat /dev/null)",
                List.of(new OutputField("proc.cmdline", "cat /dev/null")), "h");
    }

    static FalcoFormat format(FormatOptions options) {
        return new FalcoFormat(options, ZoneOffset.UTC);
    }

    static OutputField f(String name, Object value) {
        return new OutputField(name, value);
    }

    @Nested
    class Syscall {

        @Test
        void isoJsonIsFalcoRegressionLine() {
            String json = format(JSON_ISO).json(catAlert(List.of("testing", "filesystem", "process")));
            assertThat(json).isEqualTo(
                    "{\"output\":\"2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat /dev/null)\","
                            + "\"priority\":\"Warning\",\"rule\":\"open_from_cat\",\"source\":\"syscall\","
                            + "\"tags\":[\"filesystem\",\"process\",\"testing\"],\"time\":\"2016-08-04T16:17:57.881781397Z\", "
                            + "\"output_fields\": {\"evt.time.iso8601\":1470327477881781397,\"proc.cmdline\":\"cat /dev/null\"}}");
        }

        @Test
        void hostnameOnlyWhenAskedFor() {
            String json = format(JSON.withHostname(true)).json(catAlert(List.of()));
            assertThat(json).startsWith("{\"hostname\":\"h\",\"output\":\"16:17:57.881781397: Warning ");
            assertThat(format(new FormatOptions(true, false, false, false, true)).json(catAlert(List.of())))
                    .startsWith("{\"hostname\":\"h\",\"priority\":\"Warning\",");
            assertThat(format(JSON).json(catAlert(List.of()))).as("Falco 0.30").doesNotContain("hostname");
        }

        @Test
        void isoTextLine() {
            assertThat(format(new FormatOptions(false, true, true, true)).text(catAlert(List.of())))
                    .isEqualTo("2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat /dev/null)");
        }

        @Test
        void textLineIsLocalTimeOfDayWithNanoseconds() {
            assertThat(new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.ofHours(2)).text(catAlert(List.of())))
                    .isEqualTo("18:17:57.881781397: Warning An open was seen (command=cat /dev/null)");
            assertThat(new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.ofHoursMinutes(-5, -30)).text(catAlert(List.of())))
                    .isEqualTo("10:47:57.881781397: Warning An open was seen (command=cat /dev/null)");
            Alert early = new Alert(3_000_000_007L, "r", Priority.DEBUG, "syscall", null, "x", null, "h");
            assertThat(new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.ofHours(-1)).text(early))
                    .isEqualTo("23:00:03.000000007: Debug x");
        }

        @Test
        void formatFollowsJsonOutput() {
            Alert a = catAlert(List.of());
            assertThat(format(FormatOptions.DEFAULTS).format(a)).isEqualTo("16:17:57.881781397: Warning An open was seen (command=cat /dev/null)");
            assertThat(format(JSON).format(a)).startsWith("{\"output\":\"16:17:57.881781397: Warning ");
        }

        @Test
        void typedFieldsSortedWithTimeAndNull() {
            Alert a = new Alert(TS, "Write below etc", Priority.ERROR, "syscall", List.of("filesystem", "mitre_persistence"),
                    "File below /etc opened for writing (user=root command=vi /etc/x)",
                    List.of(f("fd.name", "/etc/x"), f("proc.pid", 4242L), f("proc.pname", null), f("evt.is_open_write", true),
                            f("container.id", "host"), f("proc.cpu", 0.1)),
                    "node-1");
            assertThat(format(JSON).json(a)).isEqualTo(
                    "{\"output\":\"16:17:57.881781397: Error File below /etc opened for writing (user=root command=vi /etc/x)\","
                            + "\"priority\":\"Error\",\"rule\":\"Write below etc\",\"source\":\"syscall\","
                            + "\"tags\":[\"filesystem\",\"mitre_persistence\"],\"time\":\"2016-08-04T16:17:57.881781397Z\", "
                            + "\"output_fields\": {\"container.id\":\"host\",\"evt.is_open_write\":true,\"evt.time\":1470327477881781397,"
                            + "\"fd.name\":\"/etc/x\",\"proc.cpu\":0.10000000000000001,\"proc.pid\":4242,\"proc.pname\":null}}");
        }

        @Test
        void noTagsGiveEmptyArrayAndDuplicatesCollapse() {
            assertThat(format(JSON).json(catAlert(List.of()))).contains(",\"tags\":[],\"time\":");
            assertThat(format(JSON).json(catAlert(List.of("b", "a", "b")))).contains(",\"tags\":[\"a\",\"b\"],\"time\":");
        }

        @Test
        void optionsDropOutputAndTags() {
            String noOutput = format(new FormatOptions(true, false, true, false)).json(catAlert(List.of("x")));
            assertThat(noOutput).isEqualTo("{\"priority\":\"Warning\",\"rule\":\"open_from_cat\",\"source\":\"syscall\","
                    + "\"tags\":[\"x\"],\"time\":\"2016-08-04T16:17:57.881781397Z\", "
                    + "\"output_fields\": {\"evt.time\":1470327477881781397,\"proc.cmdline\":\"cat /dev/null\"}}");
            String neither = format(new FormatOptions(true, false, false, false)).json(catAlert(List.of("x")));
            assertThat(neither).isEqualTo("{\"priority\":\"Warning\",\"rule\":\"open_from_cat\",\"source\":\"syscall\","
                    + "\"time\":\"2016-08-04T16:17:57.881781397Z\", "
                    + "\"output_fields\": {\"evt.time\":1470327477881781397,\"proc.cmdline\":\"cat /dev/null\"}}");
        }

        @Test
        void escapesAsJsonCpp() {
            Alert a = new Alert(TS, "r \"q\"", Priority.NOTICE, "syscall", List.of("t\\1"), "a\tb\nc\u0001d/é",
                    List.of(f("proc.cmdline", "sh -c \"echo\u001b[0m\" \\ /x\r")), "h");
            String json = format(JSON).json(a);
            assertThat(json).contains("\"output\":\"16:17:57.881781397: Notice a\\tb\\nc\\u0001d/é\"");
            assertThat(json).contains("\"rule\":\"r \\\"q\\\"\"");
            assertThat(json).contains("\"tags\":[\"t\\\\1\"]");
            assertThat(json).contains("\"proc.cmdline\":\"sh -c \\\"echo\\u001B[0m\\\" \\\\ /x\\r\"");
        }

        @Test
        void ruleFieldSameAsPrefixFieldGivesOneMember() {
            Alert a = new Alert(TS, "r", Priority.DEBUG, "syscall", null, "o",
                    List.of(f("evt.time", TS), f("proc.name", "cat")), "h");
            assertThat(format(JSON).json(a)).endsWith("\"output_fields\": {\"evt.time\":1470327477881781397,\"proc.name\":\"cat\"}}");
        }

        @Test
        void unsortedFieldsAreSorted() {
            Alert a = new Alert(TS, "r", Priority.DEBUG, "syscall", null, "o",
                    List.of(f("proc.name", "cat"), f("a.b", 1L), f("zz", "z")), "h");
            assertThat(format(JSON).json(a)).endsWith("\"output_fields\": {\"a.b\":1,\"evt.time\":1470327477881781397,\"proc.name\":\"cat\",\"zz\":\"z\"}}");
        }

        @Test
        void grpcFieldStringsAreTextForms() {
            Alert a = new Alert(TS, "r", Priority.DEBUG, "syscall", null, "o",
                    List.of(f("proc.pid", 12L), f("proc.pname", null), f("evt.is_open_write", false), f("fd.name", ""),
                            f("proc.cpu", 0.25), f("evt.datetime", TS)),
                    "h");
            assertThat(format(FormatOptions.DEFAULTS).fieldStrings(a)).containsExactly(
                    entry("evt.datetime", "2016-08-04 16:17:57.881781397"), entry("evt.is_open_write", "false"),
                    entry("evt.time", "16:17:57.881781397"), entry("fd.name", ""), entry("proc.cpu", "0.2"),
                    entry("proc.pid", "12"), entry("proc.pname", "<NA>"));
            assertThat(format(new FormatOptions(false, true, true, true)).fieldStrings(a))
                    .containsEntry("evt.time.iso8601", "2016-08-04T16:17:57.881781397+0000").doesNotContainKey("evt.time");
        }

        @Test
        void pluginSourcesUseEvtTime() {
            Alert a = new Alert(TS, "Console login", Priority.NOTICE, "aws_cloudtrail", List.of("cloud"), "login (user=bob)",
                    List.of(f("ct.user", "bob")), "h");
            assertThat(format(JSON).json(a)).endsWith("\"source\":\"aws_cloudtrail\",\"tags\":[\"cloud\"],\"time\":\"2016-08-04T16:17:57.881781397Z\", "
                    + "\"output_fields\": {\"ct.user\":\"bob\",\"evt.time\":1470327477881781397}}");
        }
    }

    @Nested
    class K8sAudit {

        final Alert alert = new Alert(TS, "Create Disallowed Namespace", Priority.WARNING, "k8s_audit", List.of("k8s"),
                "Disallowed namespace created (user=system:anonymous ns=foo)",
                List.of(f("ka.req.pod.host_pid", null), f("ka.response.code", 403L), f("ka.target.name", "foo"),
                        f("ka.user.name", "system:anonymous"), f("ka.verb", ""), f("ka.x", "tab\there")),
                "h");

        @Test
        void jsonFieldsAreTextWithJevtTime() {
            assertThat(format(JSON).json(alert)).isEqualTo(
                    "{\"output\":\"16:17:57.881781397: Warning Disallowed namespace created (user=system:anonymous ns=foo)\","
                            + "\"priority\":\"Warning\",\"rule\":\"Create Disallowed Namespace\",\"source\":\"k8s_audit\",\"tags\":[\"k8s\"],"
                            + "\"time\":\"2016-08-04T16:17:57.881781397Z\", \"output_fields\": {\"jevt.time\":\"16:17:57.881781397\","
                            + "\"ka.req.pod.host_pid\":\"<NA>\",\"ka.response.code\":\"403\",\"ka.target.name\":\"foo\","
                            + "\"ka.user.name\":\"system:anonymous\",\"ka.verb\":\"\",\"ka.x\":\"tab\\there\"}}");
        }

        @Test
        void isoUsesJevtTimeIso8601() {
            assertThat(format(JSON_ISO).json(alert))
                    .contains("\"output\":\"2016-08-04T16:17:57.881781397+0000: Warning Disallowed")
                    .contains("\"output_fields\": {\"jevt.time.iso8601\":\"2016-08-04T16:17:57.881781397+0000\",\"ka.req");
        }

        @Test
        void grpcFieldStringsMapEmptyToNa() {
            assertThat(format(FormatOptions.DEFAULTS).fieldStrings(alert)).containsEntry("ka.verb", "<NA>")
                    .containsEntry("ka.req.pod.host_pid", "<NA>").containsEntry("jevt.time", "16:17:57.881781397")
                    .containsEntry("ka.response.code", "403");
        }
    }

    @Nested
    class Internal {

        final Alert drop = new Alert(TS, "Falco internal: syscall event drop", Priority.DEBUG, "internal", null,
                "Falco internal: syscall event drop. 7 system calls dropped in last second.",
                List.of(f("n_evts", "1000"), f("n_drops", "7"), f("n_drops_buffer", "7"), f("n_drops_pf", "0"),
                        f("n_drops_bug", "0"), f("ebpf_enabled", "1")),
                "h");

        @Test
        void textHasSortedFieldsInParentheses() {
            assertThat(format(new FormatOptions(false, true, true, true)).text(drop)).isEqualTo(
                    "16:17:57.881781397: Debug Falco internal: syscall event drop. 7 system calls dropped in last second. "
                            + "(ebpf_enabled=1 n_drops=7 n_drops_buffer=7 n_drops_bug=0 n_drops_pf=0 n_evts=1000)");
        }

        @Test
        void jsonIsNlohmannSortedObject() {
            assertThat(format(new FormatOptions(true, false, false, false)).json(drop)).isEqualTo(
                    "{\"output\":\"Falco internal: syscall event drop. 7 system calls dropped in last second.\","
                            + "\"output_fields\":{\"ebpf_enabled\":\"1\",\"n_drops\":\"7\",\"n_drops_buffer\":\"7\",\"n_drops_bug\":\"0\","
                            + "\"n_drops_pf\":\"0\",\"n_evts\":\"1000\"},\"priority\":\"Debug\",\"rule\":\"Falco internal: syscall event drop\","
                            + "\"time\":\"2016-08-04T16:17:57.881781397Z\"}");
        }

        @Test
        void emptyFieldsStillGetParentheses() {
            Alert a = new Alert(TS, "Falco internal: x", Priority.CRITICAL, "internal", null, "m\u0002", null, "h");
            // control characters escaped as in rule alerts (Falco 0.30 printed them raw)
            assertThat(format(FormatOptions.DEFAULTS).text(a)).isEqualTo("16:17:57.881781397: Critical m\\u0002 ()");
            assertThat(format(JSON).json(a)).contains("\"output\":\"m\\u0002\"");
            assertThat(format(FormatOptions.DEFAULTS).fieldStrings(a)).isEmpty();
        }
    }

    static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }

    @Test
    void everyPriorityPrintsFalcoName() {
        List<String> names = Arrays.stream(Priority.values())
                .map(p -> format(FormatOptions.DEFAULTS).text(new Alert(0, "r", p, "syscall", null, "o", null, "h")).substring(20))
                .toList();
        assertThat(names).containsExactly("Emergency o", "Alert o", "Critical o", "Error o", "Warning o", "Notice o",
                "Informational o", "Debug o");
    }

    /** Falco 0.44's encoding of text lines (formats.cpp: the line dumped as a JSON string, its quotes removed). */
    @Nested
    class TextEscaping {

        /** A name as the kernel hands it over: bytes, decoded the way field values are (ValueHolder: UTF-8, invalid bytes replaced). */
        static String decoded(int... bytes) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                b[i] = (byte) bytes[i];
            }
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Test
        void controlCharactersInNamesAndCommandLinesCannotForgeLines() {
            String name = "evil\nFri Aug  5 00:00:00 2016: Emergency fake";
            String cmdline = "sh -c \"x\r\ty\u001b[2J\u007f\" \\n";
            Alert a = new Alert(TS, "r", Priority.WARNING, "syscall", null, "spawned (proc.name=" + name + " cmdline=" + cmdline + ")",
                    List.of(f("proc.name", name), f("proc.cmdline", cmdline)), "h");
            String text = format(FormatOptions.DEFAULTS).text(a);
            assertThat(text).isEqualTo("16:17:57.881781397: Warning spawned (proc.name=evil\\nFri Aug  5 00:00:00 2016: "
                    + "Emergency fake cmdline=sh -c \\\"x\\r\\ty\\u001b[2J\u007f\\\" \\\\n)");
            assertThat(text).as("one line, no control character but DEL (which Falco leaves too)")
                    .doesNotContain("\n", "\r", "\t", "\u001b");
        }

        @Test
        void everyControlCharacterBelowSpaceIsEscaped() {
            StringBuilder all = new StringBuilder();
            for (char c = 0; c < 0x20; c++) {
                all.append(c);
            }
            Alert a = new Alert(TS, "r", Priority.DEBUG, "syscall", null, all.toString(), null, "h");
            assertThat(format(FormatOptions.DEFAULTS).text(a)).isEqualTo("16:17:57.881781397: Debug "
                    + "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                    + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f");
        }

        @Test
        void invalidUtf8BecomesTheReplacementCharacterAndValidTextStays() {
            // "ab" 0xFF "c" 0xC3 (truncated sequence) "é" "😀" as a process name holds them
            String name = decoded('a', 'b', 0xFF, 'c', 0xC3, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80);
            Alert a = new Alert(TS, "r", Priority.NOTICE, "syscall", null, "name=" + name + " lone=\uD800x", null, "h");
            String text = format(FormatOptions.DEFAULTS).text(a);
            assertThat(text).isEqualTo("16:17:57.881781397: Notice name=ab\uFFFDc\uFFFDé😀 lone=\uFFFDx");
            byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(new String(utf8, java.nio.charset.StandardCharsets.UTF_8)).as("valid UTF-8 both ways").isEqualTo(text);
        }

        @Test
        void plainLinesAreUnchanged() {
            assertThat(format(FormatOptions.DEFAULTS).text(catAlert(List.of())))
                    .isEqualTo("16:17:57.881781397: Warning An open was seen (command=cat /dev/null)");
        }

        @Test
        void jsonKeepsItsOwnEscapingOnce() {
            Alert a = new Alert(TS, "r", Priority.NOTICE, "syscall", null, "a\nb \"q\" \\", List.of(f("proc.name", "a\nb")), "h");
            String json = format(JSON).json(a);
            assertThat(json).contains("\"output\":\"16:17:57.881781397: Notice a\\nb \\\"q\\\" \\\\\"")
                    .contains("\"proc.name\":\"a\\nb\"");
        }

        @Test
        void internalAlertsKeepTheirQuotesButNotTheirControlCharacters() {
            Alert a = new Alert(TS, "Falco internal: output timeout", Priority.CRITICAL, FalcoFormat.INTERNAL, null,
                    "\"pro\ngram\" output timeout, all output channels are blocked", List.of(f("output", "pro\ngram")), "h");
            assertThat(format(FormatOptions.DEFAULTS).text(a)).endsWith(
                    "Critical \"pro\\ngram\" output timeout, all output channels are blocked (output=pro\\ngram)");
        }
    }
}

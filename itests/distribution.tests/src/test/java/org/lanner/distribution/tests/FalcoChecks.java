package org.lanner.distribution.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The checks of Falco's runner ({@code FalcoTest.test} in {@code test/falco_test.py}), in its
 * order and with its semantics; the first that fails ends the case, as {@code self.fail} did.
 *
 * <ol>
 * <li>{@code stdout_is}: stdout is exactly the text (when not empty). {@code stderr_is} too, which
 * the runner compared with stdout (sic; no case uses it).</li>
 * <li>{@code stderr_contains}, {@code stdout_contains}, {@code stderr_not_contains},
 * {@code stdout_not_contains}: Python {@code re.search} of each regex in the whole stream.</li>
 * <li>{@code exit_status} (default 0). When the status is not 0 (and was expected), the case
 * ends here and passes: the runner checked no output of a run that did not end well.</li>
 * <li>The set of rules named by stderr's {@code Rule X: warning (...):} lines equals
 * {@code rules_warning} ({@code False} or absent: no rule may have a warning).</li>
 * <li>{@code rules_events}, when given: each rule named by a stderr line
 * {@code Event types for rule X: a,b} has exactly those event types. (Falco 0.30 wrote
 * {@code Event types/Syscalls for rule}, which the regex does not match, so in Falco's own CI this
 * check compared nothing.)</li>
 * <li>Unless {@code validate_rules_file} is given: stdout has {@code Events detected: N}, N &gt; 0
 * when {@code detect} and N = 0 otherwise; when {@code detect}, each {@code detect_level} has a
 * line {@code LEVEL: n} (case-insensitive regex on stdout). Only the line's presence counts: the
 * runner's test of {@code n > 0} sat in the branch where the line was missing, so it never ran.</li>
 * <li>{@code detect_counts}: in the text after {@code Triggered rules by rule name:}, the count on
 * {@code \s<rule>: (\d+)} (a missing line is 0) equals the expected count.</li>
 * <li>{@code json_output}: every stdout line starting with <code>{</code> parses as JSON and has
 * {@code time}, {@code rule}, {@code priority}, plus {@code output} and {@code tags} unless
 * {@code json_include_output_property} / {@code json_include_tags_property} are false.</li>
 * <li>{@code outputs}: some line of each file matches its regex.</li>
 * <li>{@code output_strictly_contains}: each line of the expected file is found in the actual
 * output (stdout or a file) after the end of the previous one.</li>
 * </ol>
 * The gRPC check needs grpcurl; {@link FalcoSuite#skipReason} skips those cases.
 */
final class FalcoChecks {

    /** One failed check: which, what it wanted, what lanner did. */
    record Failure(String check, String expected, String actual) {
        String summary() {
            return check + ": expected " + oneLine(expected, 160) + "; got " + oneLine(actual, 320);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.loads takes NaN and Infinity
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // and rejects "Extra data"
            .build();

    private static final Pattern WARNING = compile("Rule ([^:]+): warning \\(([^)]+)\\):");
    private static final Pattern EVENT_TYPES = compile("Event types for rule ([^:]+): (\\S+)");
    private static final Pattern EVENTS_DETECTED = compile("Events detected: (\\d+)");
    private static final Pattern TRIGGERED = compile("(?s)Triggered rules by rule name:(.*)");

    private FalcoChecks() {
    }

    /** The first check the run fails, or empty when it passes them all. */
    static Optional<Failure> firstFailure(FalcoCase c, FalcoSuite.Run r, FalcoSuite suite) throws IOException {
        String out = r.stdout();
        String err = r.stderr();
        if (!c.stdoutIs().isEmpty() && !c.stdoutIs().equals(out)) {
            return fail("stdout_is", "stdout to be exactly:\n" + c.stdoutIs(), firstDifference(c.stdoutIs(), out));
        }
        if (!c.stderrIs().isEmpty() && !c.stderrIs().equals(out)) {
            return fail("stderr_is", "stdout (sic: the runner compared stderr_is with stdout) to be exactly:\n" + c.stderrIs(), firstDifference(c.stderrIs(), out));
        }
        for (String p : c.stderrContains()) {
            if (!search(p, err).isPresent()) {
                return fail("stderr_contains", "stderr to contain a match of the regex " + quote(p), "no match in stderr");
            }
        }
        for (String p : c.stdoutContains()) {
            if (!search(p, out).isPresent()) {
                return fail("stdout_contains", "stdout to contain a match of the regex " + quote(p), "no match in stdout");
            }
        }
        for (String p : c.stderrNotContains()) {
            Optional<String> m = search(p, err);
            if (m.isPresent()) {
                return fail("stderr_not_contains", "no match of the regex " + quote(p) + " in stderr", "stderr matched " + quote(m.get()));
            }
        }
        for (String p : c.stdoutNotContains()) {
            Optional<String> m = search(p, out);
            if (m.isPresent()) {
                return fail("stdout_not_contains", "no match of the regex " + quote(p) + " in stdout", "stdout matched " + quote(m.get()));
            }
        }
        if (r.exitStatus() != c.exitStatus()) {
            return fail("exit_status", "exit status " + c.exitStatus(),
                    (r.timedOut() ? "killed after " + FalcoSuite.TIMEOUT.toSeconds() + " s (status " + FalcoSuite.KILLED + ")" : "exit status " + r.exitStatus())
                            + "; stderr: " + quote(why(err)));
        }
        if (r.exitStatus() != 0) {
            return Optional.empty();
        }
        Optional<Failure> f = rulesWarnings(c, err);
        if (f.isEmpty() && !c.rulesEvents().isEmpty()) {
            f = rulesEvents(c, err);
        }
        if (f.isEmpty() && c.validateRulesFile().isEmpty()) {
            f = detections(c, out);
        }
        if (f.isEmpty() && !c.detectCounts().isEmpty()) {
            f = detectionsByRule(c, out);
        }
        if (f.isEmpty()) {
            f = jsonOutput(c, out);
        }
        if (f.isEmpty()) {
            f = outputs(c, suite);
        }
        if (f.isEmpty()) {
            f = outputStrictlyContains(c, out, suite);
        }
        return f;
    }

    private static Optional<Failure> rulesWarnings(FalcoCase c, String err) {
        Set<String> found = new LinkedHashSet<>();
        for (Matcher m = WARNING.matcher(err); m.find();) {
            found.add(m.group(1));
        }
        if (found.equals(c.rulesWarning())) {
            return Optional.empty();
        }
        Set<String> missing = new TreeSet<>(c.rulesWarning());
        missing.removeAll(found);
        Set<String> extra = new TreeSet<>(found);
        extra.removeAll(c.rulesWarning());
        return fail("rules_warning", "stderr lines 'Rule X: warning (...):' for exactly the rules " + new TreeSet<>(c.rulesWarning()),
                "such lines for " + new TreeSet<>(found) + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; unexpected " + extra)
                        + "; stderr lines with 'warning': " + quote(grep(err, "warning")));
    }

    private static Optional<Failure> rulesEvents(FalcoCase c, String err) {
        for (Matcher m = EVENT_TYPES.matcher(err); m.find();) {
            Set<String> types = new LinkedHashSet<>(List.of(m.group(2).split(",", -1)));
            Set<String> expected = c.rulesEvents().get(m.group(1));
            if (!types.equals(expected)) {
                return fail("rules_events", "event types " + expected + " for rule " + m.group(1), "stderr said " + quote(m.group()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> detections(FalcoCase c, String out) {
        Matcher m = EVENTS_DETECTED.matcher(out);
        if (!m.find()) {
            return fail("detect", "a line 'Events detected: <count>' on stdout", "no such line");
        }
        long detected = Long.parseLong(m.group(1));
        if (!c.detect() && detected > 0) {
            return fail("detect", "no detection (detect: False)", quote(m.group()) + ", with " + quote(summaryBlock(out)));
        }
        if (c.detect()) {
            if (detected == 0) {
                return fail("detect", "detections (detect: True)", quote(m.group()) + ", with " + quote(summaryBlock(out)));
            }
            for (String level : c.detectLevel()) {
                if (!search("(?i)" + level + ": (\\d+)", out).isPresent()) {
                    return fail("detect_level", "a line '" + level + ": <count>' on stdout (case-insensitive)", "no such line in " + quote(summaryBlock(out)));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> detectionsByRule(FalcoCase c, String out) {
        Matcher block = TRIGGERED.matcher(out);
        if (!block.find()) {
            return fail("detect_counts", "a block 'Triggered rules by rule name: ...' on stdout", "no such block");
        }
        String triggered = block.group(1);
        for (Map.Entry<String, Integer> e : c.detectCounts().entrySet()) {
            Matcher m = compile("\\s" + escapeLikeFalco(e.getKey()) + ": (\\d+)").matcher(triggered);
            long actual = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (actual != e.getValue()) {
                return fail("detect_counts", e.getValue() + " detections of rule '" + e.getKey() + "'",
                        actual + "; Triggered rules by rule name: " + oneLineBlock(triggered));
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> jsonOutput(FalcoCase c, String out) {
        if (!FalcoCase.truthy(c.jsonOutput())) {
            return Optional.empty();
        }
        List<String> attrs = new ArrayList<>(List.of("time", "rule", "priority"));
        if (FalcoCase.truthy(c.jsonIncludeOutputProperty())) {
            attrs.add("output");
        }
        if (FalcoCase.truthy(c.jsonIncludeTagsProperty())) {
            attrs.add("tags");
        }
        for (String line : splitLines(out)) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode obj;
            try {
                obj = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return fail("json_output", "every stdout line starting with '{' to be a JSON object", "invalid JSON (" + e.getOriginalMessage() + "): " + line);
            }
            for (String attr : attrs) {
                if (!obj.has(attr)) {
                    return fail("json_output", "JSON alerts with the properties " + attrs, "no \"" + attr + "\" in " + line);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> outputs(FalcoCase c, FalcoSuite suite) throws IOException {
        for (FalcoCase.Output o : c.outputs()) {
            Path file = suite.path(o.file());
            if (!Files.exists(file)) {
                return fail("outputs", "a line matching " + quote(o.line()) + " in " + file, "no file " + file);
            }
            boolean found = false;
            for (String line : splitLines(Files.readString(file, StandardCharsets.UTF_8))) {
                found |= search(o.line(), line).isPresent();
            }
            if (!found) {
                return fail("outputs", "a line matching " + quote(o.line()) + " in " + file, "no such line");
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> outputStrictlyContains(FalcoCase c, String out, FalcoSuite suite) throws IOException {
        for (FalcoCase.StrictOutput o : c.outputStrictlyContains()) {
            String expected = Files.readString(suite.path(o.expected()), StandardCharsets.UTF_8);
            String actual;
            if ("stdout".equals(o.actual())) {
                actual = out;
            } else {
                try {
                    actual = Files.readString(suite.path(o.actual()), StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    return fail("output_strictly_contains", "the lines of " + o.expected() + " in order in " + o.actual(), "no file " + o.actual());
                }
            }
            int cursor = 0;
            int n = 0;
            for (String line : splitLines(expected)) {
                n++;
                int pos = actual.indexOf(line, cursor);
                if (pos < 0) {
                    return fail("output_strictly_contains", "the lines of " + o.expected() + " in order in " + o.actual() + "; its line " + n + ":\n" + line,
                            "not found after offset " + cursor + " of " + o.actual() + (o.actual().equals("stdout") ? "" : ", which was:\n" + actual));
                }
                cursor = pos + line.length();
            }
        }
        return Optional.empty();
    }

    /**
     * Python's {@code re.search}: the first match of a Python regex anywhere in the text. Flags that
     * give Java's engine Python 3's defaults for str patterns: {@code .} and {@code $} know only
     * {@code \n}, and {@code \d \s \w} and case folding are Unicode-aware.
     */
    static Optional<String> search(String pythonRegex, String text) {
        Matcher m = compile(pythonRegex).matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    private static Pattern compile(String pythonRegex) {
        String java = pythonRegex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>").replace("\\Z", "\\z");
        return Pattern.compile(java, Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** The runner's {@code re.sub(r'([$\.*+?()[\]{}|^])', r'\\\1', rule)}: those characters get a backslash (a backslash does not). */
    static String escapeLikeFalco(String rule) {
        return rule.replaceAll("([$.*+?()\\[\\]{}|^])", "\\\\$1");
    }

    /** Python's {@code str.splitlines()}. */
    static List<String> splitLines(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(ch) >= 0) {
                lines.add(s.substring(start, i));
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    private static Optional<Failure> fail(String check, String expected, String actual) {
        return Optional.of(new Failure(check, expected, actual));
    }

    /** Where two texts part: line and both versions of it. */
    private static String firstDifference(String expected, String actual) {
        List<String> e = List.of(expected.split("\n", -1));
        List<String> a = List.of(actual.split("\n", -1));
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : null;
            String al = i < a.size() ? a.get(i) : null;
            if (el == null || !el.equals(al)) {
                return "first difference at line " + (i + 1) + ": expected " + (el == null ? "<end>" : quote(el)) + ", got "
                        + (al == null ? "<end>" : quote(al));
            }
        }
        return "no difference by lines";
    }

    /** The summary block Falco prints at the end of stdout (from "Events detected"). */
    private static String summaryBlock(String out) {
        int i = out.indexOf("Events detected:");
        return i < 0 ? out : out.substring(i);
    }

    private static String grep(String text, String word) {
        StringBuilder b = new StringBuilder();
        for (String line : splitLines(text)) {
            if (line.contains(word)) {
                b.append(line).append('\n');
            }
        }
        return b.isEmpty() ? "(none)" : b.toString();
    }

    /** The stderr lines that tell why a run ended badly (errors), else its last lines. */
    private static String why(String err) {
        List<String> errors = splitLines(err).stream().filter(l -> l.matches("(?i).*(error|exception|exiting|not every alert).*")).toList();
        return errors.isEmpty() ? tail(err, 3) : String.join("\n", errors.subList(0, Math.min(3, errors.size())));
    }

    private static String tail(String text, int n) {
        List<String> lines = splitLines(text);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private static String oneLineBlock(String block) {
        return String.join(",", splitLines(block).stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    static String quote(String s) {
        return "'" + s.replace("\n", "\\n") + "'";
    }

    static String oneLine(String s, int max) {
        String first = s.replace("\n", "\\n");
        return first.length() > max ? first.substring(0, max) + "…" : first;
    }
}

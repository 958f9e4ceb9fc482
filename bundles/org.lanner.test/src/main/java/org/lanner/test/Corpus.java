package org.lanner.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test corpus of the default rules, under rules/tests: each case script (cases/NAME.sh) with the
 * expectations written in its header, and its recorded capture (captures/NAME.scap). Replayed by
 * itests/corpus.tests, checked for coverage by the rules module, recorded by its Recorder.
 *
 * <pre>
 * # expect: RULE            a rule the capture triggers with the default rules (one line per rule),
 *                           or "# expect: nothing"
 * # near-miss: RULE         a rule the case comes close to without triggering it (it must not fire)
 * # with: opt-in/FILE.yaml  replay once more with this local rules file after the default rules
 * # expect-with: RULE       a rule the capture triggers with the default rules and that file (the
 *                           whole set: a rule of the default rules may give way to one the file
 *                           enables, which comes first), or "nothing"
 * # container-json: {...}   metadata of the test container (see Recorder)
 * </pre>
 */
public record Corpus(Path root, List<Case> cases, List<String> ruleNames) {

    /** One case. {@code with} is null when the case has no second replay. */
    public record Case(String name, Path script, Path capture, Set<String> expect, Set<String> nearMiss, Path with,
            Set<String> expectWith) {
    }

    /** The corpus of the repository at {@code repositoryRoot} (its {@code rules/tests}). */
    public static Corpus load(Path repositoryRoot) throws IOException {
        Path tests = repositoryRoot.resolve("rules/tests");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(tests.resolve("cases"))) {
            for (Path script : s.filter(p -> p.toString().endsWith(".sh")).sorted().toList()) {
                cases.add(parse(tests, script));
            }
        }
        return new Corpus(repositoryRoot, cases, ruleNames(repositoryRoot.resolve("rules/lanner_rules.yaml")));
    }

    private static Case parse(Path tests, Path script) throws IOException {
        String name = caseName(script);
        Set<String> expect = new LinkedHashSet<>();
        Set<String> nearMiss = new LinkedHashSet<>();
        Set<String> expectWith = new LinkedHashSet<>();
        Path with = null;
        boolean sawExpect = false;
        boolean sawExpectWith = false;
        for (String line : Files.readAllLines(script)) {
            String v;
            if ((v = header(line, "expect")) != null) {
                sawExpect = true;
                if (!v.equals("nothing")) {
                    expect.add(v);
                }
            } else if ((v = header(line, "near-miss")) != null) {
                nearMiss.add(v);
            } else if ((v = header(line, "with")) != null) {
                with = tests.resolve(v);
            } else if ((v = header(line, "expect-with")) != null) {
                sawExpectWith = true;
                if (!v.equals("nothing")) {
                    expectWith.add(v);
                }
            }
        }
        if (!sawExpect) {
            throw new IllegalStateException(script + ": no '# expect:' line");
        }
        if ((with == null) != !sawExpectWith) {
            throw new IllegalStateException(script + ": '# with:' and '# expect-with:' go together");
        }
        return new Case(name, script, tests.resolve("captures").resolve(name + ".scap"), expect, nearMiss, with,
                expectWith);
    }

    /** The name of a case: its script's file name without {@code .sh}. */
    public static String caseName(Path script) {
        String n = script.getFileName().toString();
        return n.endsWith(".sh") ? n.substring(0, n.length() - 3) : n;
    }

    private static String header(String line, String key) {
        String prefix = "# " + key + ":";
        return line.startsWith(prefix) ? line.substring(prefix.length()).trim() : null;
    }

    private static final Pattern RULE = Pattern.compile("^- rule: (.+)$", Pattern.MULTILINE);

    /** The names of the rules a rules file defines, in order. */
    public static List<String> ruleNames(Path rulesFile) throws IOException {
        List<String> names = new ArrayList<>();
        Matcher m = RULE.matcher(Files.readString(rulesFile));
        while (m.find()) {
            names.add(m.group(1).trim());
        }
        return names;
    }
}

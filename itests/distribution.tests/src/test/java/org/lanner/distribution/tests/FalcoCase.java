package org.lanner.distribution.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One case of Falco 0.30.0's regression catalogs ({@code test/falco_tests*.yaml}) with every key
 * Falco's runner ({@code test/falco_test.py}, {@code FalcoTest.setUp}) read, each with the default
 * and the normalisation it had there: a single value where a list is allowed becomes a list,
 * {@code False} means "none", and values that end up on the command line keep their YAML type so
 * they can be printed as Python printed them ({@code -o json_output=False}).
 *
 * <p>Paths are kept as written in the catalog; {@link FalcoSuite} joins them onto the suite's
 * {@code test/} folder as the runner did.
 *
 * @param catalog file name of the catalog ({@code falco_tests.yaml})
 * @param name the case's key in the catalog
 * @param line the case's line in the catalog (1-based), 0 when unknown
 */
record FalcoCase(String catalog, String name, int line,
        String stdoutIs, String stderrIs,
        List<String> stdoutContains, List<String> stderrContains,
        List<String> stdoutNotContains, List<String> stderrNotContains,
        int exitStatus, boolean detect, List<String> detectLevel,
        String traceFile, Object jsonOutput, Object jsonIncludeOutputProperty, Object jsonIncludeTagsProperty,
        boolean allEvents, Object priority,
        List<String> rulesFile, List<String> validateRulesFile, String pspFile, String confFile,
        Object runDuration, List<String> disabledRules,
        Map<String, Integer> detectCounts, Set<String> rulesWarning, Map<String, Set<String>> rulesEvents,
        String packageName, boolean copyLocalDriver,
        List<Output> outputs, List<StrictOutput> outputStrictlyContains,
        Grpc grpc, List<String> disableTags, List<String> runTags, boolean timeIso8601) {

    /** {@code outputs}: a line of {@code file} must match the regex {@code line}. */
    record Output(String file, String line) {
    }

    /** {@code output_strictly_contains}: the lines of {@code expected} appear in {@code actual} (a file or {@code stdout}) in order. */
    record StrictOutput(String actual, String expected) {
    }

    /** The {@code grpc:} node of a case (read with the path {@code grpc/*}). */
    record Grpc(String address, String proto, String service, String method, List<String> results) {
    }

    static final String DEFAULT_RULES = "../rules/falco_rules.yaml";
    static final String DEFAULT_CONFIG = "../falco.yaml";

    /** The case from its catalog node, defaults as {@code falco_test.py} had them. */
    static FalcoCase of(String catalog, String name, int line, Map<?, ?> p) {
        boolean detect = truthy(p.get("detect"));
        // read only when detect is set; the runner's get had no default, so a missing level is Python's None
        List<String> detectLevel = detect ? listOrSingle(p.containsKey("detect_level") ? p.get("detect_level") : "None") : List.of();
        Object rules = p.containsKey("rules_file") ? p.get("rules_file") : DEFAULT_RULES;
        Object validate = p.containsKey("validate_rules_file") ? p.get("validate_rules_file") : Boolean.FALSE;
        Object grpcNode = p.get("grpc");
        Map<?, ?> g = grpcNode instanceof Map<?, ?> m ? m : Map.of();
        return new FalcoCase(catalog, name, line,
                str(p, "stdout_is", ""), str(p, "stderr_is", ""),
                listOrSingle(p.containsKey("stdout_contains") ? p.get("stdout_contains") : ""),
                listOrSingle(p.containsKey("stderr_contains") ? p.get("stderr_contains") : ""),
                listOrNone(p.get("stdout_not_contains")), listOrNone(p.get("stderr_not_contains")),
                p.containsKey("exit_status") ? ((Number) p.get("exit_status")).intValue() : 0,
                detect, detectLevel,
                str(p, "trace_file", ""),
                p.containsKey("json_output") ? p.get("json_output") : Boolean.FALSE,
                p.containsKey("json_include_output_property") ? p.get("json_include_output_property") : Boolean.TRUE,
                p.containsKey("json_include_tags_property") ? p.get("json_include_tags_property") : Boolean.TRUE,
                truthy(p.get("all_events")),
                p.containsKey("priority") ? p.get("priority") : "debug",
                listOrSingle(rules),
                Boolean.FALSE.equals(validate) ? List.of() : listOrSingle(validate),
                str(p, "psp_file", ""),
                str(p, "conf_file", DEFAULT_CONFIG),
                p.containsKey("run_duration") ? p.get("run_duration") : "",
                listOrNone(p.get("disabled_rules")),
                detectCounts(p.get("detect_counts")),
                Boolean.FALSE.equals(p.get("rules_warning")) || p.get("rules_warning") == null ? Set.of()
                        : new LinkedHashSet<>(strings((List<?>) p.get("rules_warning"))),
                rulesEvents(p.get("rules_events")),
                str(p, "package", "None"),
                truthy(p.get("copy_local_driver")),
                outputs(p.get("outputs")),
                strictOutputs(p.get("output_strictly_contains")),
                new Grpc(str(g, "address", "/var/run/falco.sock"), str(g, "proto", ""), str(g, "service", ""), str(g, "method", ""),
                        g.get("results") == null || "".equals(g.get("results")) ? List.of() : listOrSingle(g.get("results"))),
                iterated(p.get("disable_tags")), iterated(p.get("run_tags")),
                truthy(p.get("time_iso_8601")));
    }

    /** The catalog file and the case's name, as tests and reports name it. */
    String id() {
        return catalog + ": " + name;
    }

    /** Python's truth value of a YAML scalar. */
    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        return !(v instanceof Map<?, ?> m) || !m.isEmpty();
    }

    /** A value as Python's {@code str.format} printed it into the command line. */
    static String py(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return v.toString();
    }

    private static String str(Map<?, ?> p, String key, String dflt) {
        return p.containsKey(key) ? py(p.get(key)) : dflt;
    }

    /** {@code if not isinstance(x, list): x = [x]}. */
    private static List<String> listOrSingle(Object v) {
        return v instanceof List<?> l ? strings(l) : List.of(py(v));
    }

    /** As {@link #listOrSingle}, but the default {@code ''} means an empty list. */
    private static List<String> listOrNone(Object v) {
        return v == null || "".equals(v) ? List.of() : listOrSingle(v);
    }

    /** {@code disable_tags}/{@code run_tags}: {@code ''} is none, anything else is iterated as it is (a string by characters, sic). */
    private static List<String> iterated(Object v) {
        if (v == null || "".equals(v)) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return strings(l);
        }
        return py(v).codePoints().mapToObj(Character::toString).toList();
    }

    private static List<String> strings(List<?> l) {
        return l.stream().map(FalcoCase::py).toList();
    }

    /** {@code detect_counts}: a list of one-entry maps {@code rule: count}, merged in order. */
    private static Map<String, Integer> detectCounts(Object v) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (v instanceof List<?> l) {
            for (Object item : l) {
                ((Map<?, ?>) item).forEach((k, n) -> counts.put(py(k), ((Number) n).intValue()));
            }
        }
        return counts;
    }

    /** {@code rules_events}: a list of one-entry maps {@code rule: [evttype, ...]}. */
    private static Map<String, Set<String>> rulesEvents(Object v) {
        Map<String, Set<String>> events = new LinkedHashMap<>();
        if (v instanceof List<?> l) {
            for (Object item : l) {
                ((Map<?, ?>) item).forEach((k, types) -> events.put(py(k), new LinkedHashSet<>(strings((List<?>) types))));
            }
        }
        return events;
    }

    private static List<Output> outputs(Object v) {
        List<Output> outputs = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object item : l) {
                ((Map<?, ?>) item).forEach((file, line) -> outputs.add(new Output(py(file), py(line))));
            }
        }
        return outputs;
    }

    private static List<StrictOutput> strictOutputs(Object v) {
        List<StrictOutput> outputs = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object item : l) {
                ((Map<?, ?>) item).forEach((actual, expected) -> outputs.add(new StrictOutput(py(actual), py(expected))));
            }
        }
        return outputs;
    }
}

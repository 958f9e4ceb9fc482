package org.lanner.rules.internal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lanner.api.output.Priority;
import org.lanner.filter.Operator;
import org.lanner.rules.internal.Defs.Entry;
import org.lanner.rules.internal.Defs.ExceptionDef;
import org.lanner.rules.internal.Defs.Item;
import org.lanner.rules.internal.Defs.ListDef;
import org.lanner.rules.internal.Defs.MacroDef;
import org.lanner.rules.internal.Defs.RuleDef;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The first pass over rules files: reads every item into lists, macros and rules, applying
 * definitions, redefinitions (which keep the first position), appends and enable-only overrides
 * in file order, as Falco 0.31.1 does.
 */
public final class Collector {

    static final Pattern PLUGIN_VERSION = Pattern.compile("^\\s*(\\d+)\\.(\\d+)\\.(\\d+)");

    /** A plugin version a rules file requires. */
    public record PluginRequirement(String name, String version, Loc loc) {
    }

    private final Problems problems;
    private final int engineVersion;
    public final Map<String, ListDef> lists = new LinkedHashMap<>();
    public final Map<String, MacroDef> macros = new LinkedHashMap<>();
    public final Map<String, RuleDef> rules = new LinkedHashMap<>();
    public final List<PluginRequirement> pluginRequirements = new ArrayList<>();
    private int counter;
    private boolean fatal;
    /** YAML nodes the files still to read may hold ({@link YamlBounds#MAX_NODES} in all). */
    private long nodesLeft = YamlBounds.MAX_NODES;
    private YamlFile file;
    private FalcoText falcoText;
    /** The current item's text as Falco 0.30 quotes it. */
    private String context = "";

    public Collector(Problems problems, int engineVersion) {
        this.problems = problems;
        this.engineVersion = engineVersion;
    }

    /** True when a problem stopped the load (YAML syntax, top level not a list, engine too old). */
    public boolean fatal() {
        return fatal;
    }

    /** Reads one file. Does nothing once a fatal problem occurred. */
    public void load(YamlFile f) {
        if (fatal) {
            return;
        }
        this.file = f;
        this.falcoText = FalcoText.of(f.text());
        List<Node> docs = new ArrayList<>();
        try {
            long[] used = new long[1];
            java.util.Optional<YamlBounds.Violation> v = YamlBounds.check(f.text(), loaderOptions(), nodesLeft, used);
            if (v.isPresent()) {
                problems.error(f.loc(v.get().mark()), "", "", v.get().message(),
                        Problems.Falco.said(v.get().message(), ""));
                fatal = true;
                return;
            }
            nodesLeft -= used[0];
            Yaml yaml = new Yaml(loaderOptions());
            for (Node n : yaml.composeAll(new StringReader(f.text()))) {
                docs.add(n);
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            problems.error(f.loc(m), "", "", "YAML syntax error: " + what + context,
                    Problems.Falco.said(FalcoText.libyamlProblem(what), falcoText.lines(lastEventLine(f.text()), 3)));
            fatal = true;
            return;
        } catch (YAMLException e) {
            problems.error(Loc.of(f.name()), "", "", "YAML syntax error: " + e.getMessage(),
                    Problems.Falco.said(e.getMessage(), falcoText.lines(lastEventLine(f.text()), 3)));
            fatal = true;
            return;
        }
        int items = 0;
        for (Node doc : docs) {
            if (isNull(doc)) {
                continue;
            }
            if (doc instanceof ScalarNode) {
                problems.error(f.loc(doc), "", "", "rules content is not YAML: a list of rules, macros and lists was expected",
                        Problems.Falco.said("Rules content is not yaml", falcoText.lines(1, 1)));
                fatal = true;
                return;
            }
            if (doc instanceof MappingNode) {
                problems.error(f.loc(doc), "", "",
                        "rules content is not a YAML list of objects (each rule, macro or list is an item starting with '- ')",
                        Problems.Falco.said("Rules content is not yaml array of objects", falcoText.lines(1, 1)));
                fatal = true;
                return;
            }
            for (Node item : ((SequenceNode) doc).getValue()) {
                context = falcoText.item(++items);
                if (isNull(item)) {
                    continue;
                }
                if (item instanceof SequenceNode) {
                    problems.warning(f.loc(item), "", "", "unknown top level object (a list): ignored",
                            Problems.Falco.said("Unknown top level object: " + luaTable(item), context));
                    continue;
                }
                if (!(item instanceof MappingNode map)) {
                    problems.error(f.loc(item), "", "", "unexpected element of type " + kind(item)
                            + ": each element should be a YAML map (rule, macro, list…)",
                            Problems.Falco.said("Unexpected element of type " + luaType((ScalarNode) item)
                                    + ". Each element should be a yaml associative array.", context));
                    fatal = true;
                    return;
                }
                item(map);
                if (fatal) {
                    return;
                }
            }
        }
    }

    private static LoaderOptions loaderOptions() {
        return YamlBounds.loaderOptions(org.lanner.rules.RulesLoader.MAX_FILE_BYTES);
    }

    /**
     * The line (1-based) Falco named for a YAML syntax error: lyaml reports the start of the last event
     * it read before the error, not where the error is.
     */
    private static int lastEventLine(String text) {
        int line = 1;
        try {
            for (org.yaml.snakeyaml.events.Event e : new Yaml(loaderOptions()).parse(new StringReader(text))) {
                line = e.getStartMark() == null ? line : e.getStartMark().getLine() + 1;
            }
        } catch (YAMLException e) {
            // the error: the line of the event before it stands
        }
        return line;
    }

    /** Falco's rendering of a Lua table made from an item, for its "Unknown top level object" warning. */
    private String luaTable(Node n) {
        StringBuilder sb = luaEntries(n);
        sb.append(sb.length() > 1 ? "," : "").append("context=").append(luaString(context));
        return sb.append('}').toString();
    }

    private String luaValue(Node n) {
        if (n instanceof ScalarNode sc) {
            return "string".equals(luaType(sc)) ? luaString(sc.getValue()) : sc.getValue();
        }
        return luaEntries(n).append('}').toString();
    }

    /** "{" and the entries of a collection node as a Lua table constructor lists them, without the closing brace. */
    private StringBuilder luaEntries(Node n) {
        StringBuilder sb = new StringBuilder("{");
        if (n instanceof SequenceNode seq) {
            for (Node c : seq.getValue()) {
                sb.append(sb.length() > 1 ? "," : "").append(luaValue(c));
            }
        } else if (n instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String k = t.getKeyNode() instanceof ScalarNode ks ? ks.getValue() : "?";
                sb.append(sb.length() > 1 ? "," : "").append(k.matches("[_A-Za-z][_A-Za-z0-9]*") ? k : "[" + luaString(k) + "]")
                        .append('=').append(luaValue(t.getValueNode()));
            }
        }
        return sb;
    }

    /** Lua's rendering of a string in Falco's table printer: newlines escaped, quoted. */
    private static String luaString(String v) {
        String s = v.replace("\n", "\\n");
        String quotes = s.replaceAll("[^'\"]", "");
        if (!quotes.isEmpty() && quotes.chars().allMatch(c -> c == '"')) {
            return "'" + s + "'";
        }
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }

    /** The Lua type lyaml gives a scalar: {@code number}, {@code boolean} or {@code string}. */
    private static String luaType(ScalarNode n) {
        if (n.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
            return "string";
        }
        String v = n.getValue();
        if (v.matches("(?i)true|false|yes|no|on|off")) {
            return "boolean";
        }
        if (v.matches("[-+]?(0x[0-9a-fA-F]+|0o?[0-7]+|[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|\\.[0-9]+([eE][-+]?[0-9]+)?|\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))")) {
            return "number";
        }
        return "string";
    }

    private void item(MappingNode map) {
        Map<String, Node> m = keys(map);
        if (m.containsKey("required_engine_version")) {
            engineRequirement(map, m.get("required_engine_version"));
        } else if (m.containsKey("required_plugin_versions")) {
            pluginRequirements(map, m.get("required_plugin_versions"));
        } else if (m.containsKey("macro")) {
            macro(map, m);
        } else if (m.containsKey("list")) {
            list(map, m);
        } else if (m.containsKey("rule")) {
            rule(map, m);
        } else {
            problems.warning(file.loc(map), "", "", "unknown top level object with keys " + m.keySet() + ": ignored",
                    Problems.Falco.said("Unknown top level object: " + luaTable(map), context));
        }
    }

    private void engineRequirement(MappingNode map, Node value) {
        String text = scalar(value);
        double required;
        try {
            required = Double.parseDouble(text == null ? "x" : text.trim());
        } catch (NumberFormatException e) {
            problems.error(file.loc(value), "required_engine_version", "", "value of required_engine_version must be a number",
                    Problems.Falco.said("Value of required_engine_version must be a number", context));
            fatal = true;
            return;
        }
        if (required > engineVersion) {
            String shown = required == Math.rint(required) && Math.abs(required) < 1e15 ? Long.toString((long) required)
                    : Double.toString(required);
            problems.error(file.loc(value), "required_engine_version", "", "rules require engine version " + text.trim()
                    + ", but engine version is " + engineVersion, Problems.Falco.said("Rules require engine version " + shown
                            + ", but engine version is " + engineVersion, context));
            fatal = true;
        }
    }

    private void pluginRequirements(MappingNode map, Node value) {
        if (!(value instanceof SequenceNode seq)) {
            problems.error(file.loc(value), "required_plugin_versions", "", "value of required_plugin_versions must be a list");
            return;
        }
        for (Node n : seq.getValue()) {
            Map<String, Node> p = n instanceof MappingNode pm ? keys(pm) : Map.of();
            String name = scalar(p.get("name"));
            String version = scalar(p.get("version"));
            if (name == null || name.isEmpty()) {
                problems.error(file.loc(n), "required_plugin_versions", "", "required_plugin_versions item must have name property");
                continue;
            }
            if (version == null || version.isEmpty()) {
                problems.error(file.loc(n), "required_plugin_versions", name, "required_plugin_versions item must have version property");
                continue;
            }
            if (!PLUGIN_VERSION.matcher(version).find()) {
                problems.error(file.loc(p.get("version")), "required_plugin_versions", name,
                        "invalid required version '" + version + "' for plugin '" + name + "' (expected major.minor.patch)");
                continue;
            }
            pluginRequirements.add(new PluginRequirement(name, version, file.loc(p.get("version"))));
        }
    }

    /** Parses {@code major.minor.patch} (anything may follow); null when invalid. */
    public static int[] version(String v) {
        Matcher m = PLUGIN_VERSION.matcher(v);
        if (!m.find()) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void list(MappingNode map, Map<String, Node> m) {
        String name = scalar(m.get("list"));
        if (name == null || name.isEmpty()) {
            problems.error(file.loc(map), "list", "", "list name is empty", Problems.Falco.said("List name is empty", context));
            return;
        }
        Node itemsNode = m.get("items");
        if (!(itemsNode instanceof SequenceNode seq)) {
            problems.error(file.loc(itemsNode == null ? map : itemsNode), "list", name, "list must have property items (a list)",
                    itemsNode == null ? Problems.Falco.said("List must have property items", context) : Problems.Falco.NONE);
            return;
        }
        List<Item> items = new ArrayList<>();
        for (Node n : seq.getValue()) {
            String t = scalar(n);
            if (t == null || !(n instanceof ScalarNode)) {
                problems.error(file.loc(n), "list", name, "list items must be strings, found " + kind(n));
                return;
            }
            items.add(new Item(t, file.loc(n)));
        }
        Boolean append = bool(m.get("append"), "list", name);
        if (append != null && append) {
            ListDef prev = lists.get(name);
            if (prev == null) {
                problems.error(file.loc(map), "list", name, "list " + name + " has 'append' key but no list by that name already exists",
                        Problems.Falco.said("List " + name + " has 'append' key but no list by that name already exists", context));
                return;
            }
            prev.items.addAll(items);
            prev.visibility = counter++;
            return;
        }
        ListDef def = lists.get(name);
        if (def == null) {
            def = new ListDef(name, counter);
            lists.put(name, def);
        }
        def.visibility = counter++;
        def.items = items;
        def.loc = file.loc(map);
    }

    private void macro(MappingNode map, Map<String, Node> m) {
        String name = scalar(m.get("macro"));
        if (name == null || name.isEmpty()) {
            problems.error(file.loc(map), "macro", "", "macro name is empty", Problems.Falco.said("Macro name is empty", context));
            return;
        }
        Node condNode = m.get("condition");
        String cond = scalar(condNode);
        if (cond == null || cond.isEmpty()) {
            problems.error(file.loc(condNode == null ? map : condNode), "macro", name, "macro must have property condition",
                    Problems.Falco.said("Macro must have property condition", context));
            return;
        }
        Boolean append = bool(m.get("append"), "macro", name);
        if (append != null && append) {
            MacroDef prev = macros.get(name);
            if (prev == null) {
                problems.error(file.loc(map), "macro", name, "macro " + name + " has 'append' key but no macro by that name already exists",
                        Problems.Falco.said("Macro " + name + " has 'append' key but no macro by that name already exists", context));
                return;
            }
            prev.condition = prev.condition.append(cond, file, (ScalarNode) condNode);
            prev.context = prev.context + "\n" + context;
            prev.visibility = counter++;
            return;
        }
        String source = scalar(m.get("source"));
        MacroDef def = macros.get(name);
        if (def == null) {
            def = new MacroDef(name, counter);
            macros.put(name, def);
        }
        def.visibility = counter++;
        def.condition = SourceText.of(cond, file, (ScalarNode) condNode);
        def.source = source == null || source.isEmpty() ? "syscall" : source;
        def.loc = file.loc(map);
        def.context = context;
    }

    private void rule(MappingNode map, Map<String, Node> m) {
        String name = scalar(m.get("rule"));
        if (name == null || name.isEmpty()) {
            problems.error(file.loc(map), "rule", "", "rule name is empty", Problems.Falco.said("Rule name is empty", context));
            return;
        }
        Boolean append = bool(m.get("append"), "rule", name);
        Node enabledNode = m.get("enabled");
        boolean noCondition = scalar(m.get("condition")) == null && !m.containsKey("exceptions");
        // Falco 0.30 refuses an item with neither; Lanner, as Falco 0.31, takes `enabled` alone as an override
        if (noCondition && (append != null && append || enabledNode == null)) {
            problems.error(file.loc(map), "rule", name, append != null && append
                    ? "appended rule must have exceptions or condition property"
                    : "rule must have property condition",
                    Problems.Falco.said("Rule must have exceptions or condition property", context));
            return;
        }
        if (append != null && append) {
            appendRule(map, m, name);
            return;
        }
        List<ExceptionDef> exceptions = List.of();
        if (m.containsKey("exceptions")) {
            exceptions = readExceptions(m.get("exceptions"), name);
            if (exceptions == null) {
                return;
            }
            for (ExceptionDef ex : exceptions) {
                if (ex.fields == null) {
                    String msg = "Rule exception item " + ex.name + ": must have fields property with a list of fields";
                    problems.error(ex.loc, "rule", name, lower(msg), Problems.Falco.said(msg, context));
                    return;
                }
                if (!validateShape(ex, name)) {
                    return;
                }
            }
        }
        Boolean enabled = bool(enabledNode, "rule", name);
        String missing = null;
        for (String key : List.of("condition", "output", "desc", "priority")) {
            if (scalar(m.get(key)) == null) {
                missing = key;
                break;
            }
        }
        if (missing != null) {
            if (enabledNode == null) {
                problems.error(file.loc(map), "rule", name, "rule must have property " + missing,
                        Problems.Falco.said("Rule must have property " + missing, context));
                return;
            }
            if (enabled == null) {
                return;
            }
            RuleDef prev = rules.get(name);
            if (prev == null) {
                problems.error(file.loc(map), "rule", name, "rule " + name + " has 'enabled' key only, but no rule by that name already exists");
                return;
            }
            prev.enabled = enabled;
            return;
        }
        Node priorityNode = m.get("priority");
        String priorityText = scalar(priorityNode);
        Priority priority = Priority.parse(priorityText).orElse(null);
        if (priority == null) {
            problems.error(file.loc(priorityNode), "rule", name, "invalid priority '" + priorityText
                    + "' (one of Emergency, Alert, Critical, Error, Warning, Notice, Informational or Info, Debug)",
                    Problems.Falco.said("Invalid priority level: " + priorityText, ""));
            return;
        }
        RuleDef def = new RuleDef(name, 0);
        def.loc = file.loc(map);
        def.context = context;
        Node condNode = m.get("condition");
        def.condition = SourceText.of(scalar(condNode), file, (ScalarNode) condNode);
        Node outputNode = m.get("output");
        def.output = scalar(outputNode).strip();
        def.outputNode = (ScalarNode) outputNode;
        def.outputFile = file;
        def.desc = scalar(m.get("desc"));
        def.priority = priority;
        def.priorityText = priorityText;
        def.enabled = enabled == null || enabled;
        String source = scalar(m.get("source"));
        def.source = source == null || source.isEmpty() ? "syscall" : source;
        Boolean warn = bool(m.get("warn_evttypes"), "rule", name);
        def.warnEvttypes = warn == null || warn;
        Boolean skip = bool(m.get("skip-if-unknown-filter"), "rule", name);
        def.skipIfUnknownFilter = skip != null && skip;
        Node tagsNode = m.get("tags");
        if (tagsNode != null && !isNull(tagsNode)) {
            if (!(tagsNode instanceof SequenceNode tags)) {
                problems.error(file.loc(tagsNode), "rule", name, "tags must be a list of strings");
                return;
            }
            List<String> t = new ArrayList<>();
            for (Node n : tags.getValue()) {
                String s = scalar(n);
                if (s == null || !(n instanceof ScalarNode)) {
                    problems.error(file.loc(n), "rule", name, "tags must be a list of strings");
                    return;
                }
                t.add(s);
            }
            def.tags = List.copyOf(t);
        }
        def.exceptions = exceptions.isEmpty() ? new ArrayList<>() : exceptions;
        RuleDef prev = rules.get(name);
        RuleDef stored = new RuleDef(name, prev == null ? counter : prev.index);
        copy(def, stored);
        counter++;
        rules.put(name, stored);
    }

    /** Lanner's wording of one of Falco's messages: the same words, starting in lower case. */
    private static String lower(String falco) {
        return Character.toLowerCase(falco.charAt(0)) + falco.substring(1);
    }

    private static void copy(RuleDef from, RuleDef to) {
        to.loc = from.loc;
        to.context = from.context;
        to.condition = from.condition;
        to.output = from.output;
        to.outputNode = from.outputNode;
        to.outputFile = from.outputFile;
        to.desc = from.desc;
        to.priority = from.priority;
        to.priorityText = from.priorityText;
        to.tags = from.tags;
        to.enabled = from.enabled;
        to.source = from.source;
        to.warnEvttypes = from.warnEvttypes;
        to.skipIfUnknownFilter = from.skipIfUnknownFilter;
        to.exceptions = from.exceptions;
    }

    private void appendRule(MappingNode map, Map<String, Node> m, String name) {
        RuleDef prev = rules.get(name);
        if (prev == null) {
            problems.error(file.loc(map), "rule", name, "rule " + name + " has 'append' key but no rule by that name already exists",
                    Problems.Falco.said("Rule " + name + " has 'append' key but no rule by that name already exists", context));
            return;
        }
        Node condNode = m.get("condition");
        String cond = scalar(condNode);
        List<ExceptionDef> exceptions = List.of();
        if (m.containsKey("exceptions")) {
            exceptions = readExceptions(m.get("exceptions"), name);
            if (exceptions == null) {
                return;
            }
        }
        for (ExceptionDef ex : exceptions) {
            ExceptionDef existing = null;
            for (ExceptionDef e : prev.exceptions) {
                if (e.name.equals(ex.name)) {
                    existing = e;
                }
            }
            if (existing == null) {
                if (ex.fields == null) {
                    String msg = "Rule " + name + " with append=true: no set of fields matching name " + ex.name;
                    problems.warning(ex.loc, "rule", name, "rule exception item " + ex.name
                            + " appended without fields matches no exception of the rule: its values are ignored",
                            Problems.Falco.said(msg, ""));
                    continue;
                }
                // Falco 0.30 refuses new exception items in an append; Lanner adds them, as Falco 0.31 does
                if (ex.values.isEmpty()) {
                    problems.error(ex.loc, "rule", name, "rule exception new item " + ex.name + ": must have values property with a list of values");
                    return;
                }
                if (!validateShape(ex, name)) {
                    return;
                }
                prev.exceptions = new ArrayList<>(prev.exceptions);
                prev.exceptions.add(ex);
            } else {
                if (ex.fields != null) {
                    String msg = "Can not append exception fields to existing rule, only values";
                    problems.error(ex.loc, "rule", name, lower(msg), Problems.Falco.said(msg, context));
                    return;
                }
                if (ex.comps != null) {
                    String msg = "Can not append exception comps to existing rule, only values";
                    problems.error(ex.loc, "rule", name, lower(msg), Problems.Falco.said(msg, context));
                    return;
                }
                List<ExceptionDef> copy = new ArrayList<>();
                for (ExceptionDef e : prev.exceptions) {
                    if (e == existing) {
                        ExceptionDef c = e.copy();
                        c.values.addAll(ex.values);
                        copy.add(c);
                    } else {
                        copy.add(e);
                    }
                }
                prev.exceptions = copy;
            }
        }
        if (cond != null && !cond.isEmpty()) {
            prev.condition = prev.condition.append(cond, file, (ScalarNode) condNode);
        }
        prev.context = prev.context + "\n" + context;
    }

    private List<ExceptionDef> readExceptions(Node node, String rule) {
        List<ExceptionDef> out = new ArrayList<>();
        if (node == null || isNull(node)) {
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            problems.error(file.loc(node), "rule", rule, "rule exceptions must be a list");
            return null;
        }
        for (Node n : seq.getValue()) {
            if (!(n instanceof MappingNode em)) {
                problems.error(file.loc(n), "rule", rule, "rule exception item must be a map with name, fields, comps and values");
                return null;
            }
            Map<String, Node> e = keys(em);
            ExceptionDef ex = new ExceptionDef();
            ex.loc = file.loc(n);
            ex.name = scalar(e.get("name"));
            if (ex.name == null || ex.name.isEmpty()) {
                String msg = "Rule exception item must have name property";
                problems.error(ex.loc, "rule", rule, lower(msg), Problems.Falco.said(msg, context));
                return null;
            }
            if (e.containsKey("fields") && !isNull(e.get("fields"))) {
                ex.fields = entry(e.get("fields"));
                if (ex.fields == null) {
                    problems.error(file.loc(e.get("fields")), "rule", rule, "rule exception item " + ex.name
                            + ": fields must be a field name or a list of field names");
                    return null;
                }
            }
            if (e.containsKey("comps") && !isNull(e.get("comps"))) {
                ex.comps = entry(e.get("comps"));
                if (ex.comps == null) {
                    problems.error(file.loc(e.get("comps")), "rule", rule, "rule exception item " + ex.name
                            + ": comps must be an operator or a list of operators");
                    return null;
                }
            }
            Node values = e.get("values");
            if (values != null && !isNull(values)) {
                if (!(values instanceof SequenceNode vs)) {
                    problems.error(file.loc(values), "rule", rule, "rule exception item " + ex.name + ": values must be a list");
                    return null;
                }
                for (Node v : vs.getValue()) {
                    Entry en = entry(v);
                    if (en == null) {
                        problems.error(file.loc(v), "rule", rule, "rule exception item " + ex.name
                                + ": each value must be a string or a list");
                        return null;
                    }
                    ex.values.add(en);
                }
            }
            out.add(ex);
        }
        return out;
    }

    private static final Set<String> EXCEPTION_OPERATORS = Set.of("=", "==", "!=", "<", "<=", ">", ">=", "contains",
            "icontains", "startswith", "endswith", "glob", "pmatch", "in", "intersects");

    /** Checks fields and comps of an exception, filling default comps as Falco does. */
    private boolean validateShape(ExceptionDef ex, String rule) {
        if (ex.fields.isList()) {
            for (Entry f : ex.fields.items()) {
                if (f.isList()) {
                    problems.error(ex.loc, "rule", rule, "rule exception item " + ex.name + ": fields must be field names");
                    return false;
                }
            }
            if (ex.comps == null) {
                List<Entry> comps = new ArrayList<>();
                for (int i = 0; i < ex.fields.items().size(); i++) {
                    comps.add(new Entry("=", null));
                }
                ex.comps = new Entry(null, comps);
            }
            if (!ex.comps.isList() || ex.comps.items().size() != ex.fields.items().size()) {
                return shapeError(ex, rule, "Rule exception item " + ex.name + ": fields and comps lists must have equal length");
            }
            for (Entry c : ex.comps.items()) {
                if (c.isList() || !EXCEPTION_OPERATORS.contains(c.item())) {
                    return shapeError(ex, rule, "Rule exception item " + ex.name + ": comparison operator "
                            + (c.isList() ? "(a list)" : c.item()) + " is not a supported comparison operator");
                }
            }
        } else {
            if (ex.comps == null) {
                ex.comps = new Entry("in", null);
            }
            if (ex.comps.isList()) {
                return shapeError(ex, rule, "Rule exception item " + ex.name + ": fields and comps must both be strings");
            }
            if (!EXCEPTION_OPERATORS.contains(ex.comps.item())) {
                return shapeError(ex, rule, "Rule exception item " + ex.name + ": comparison operator "
                        + ex.comps.item() + " is not a supported comparison operator");
            }
        }
        return true;
    }

    private boolean shapeError(ExceptionDef ex, String rule, String falco) {
        problems.error(ex.loc, "rule", rule, lower(falco), Problems.Falco.said(falco, context));
        return false;
    }

    /** True for the operators that take a list in exceptions (Falco wraps their values in parentheses). */
    public static boolean listOperator(String op) {
        return Operator.of(op).map(Operator::takesList).orElse(false);
    }

    private static Entry entry(Node n) {
        if (n instanceof ScalarNode s) {
            return new Entry(isNull(s) ? "" : s.getValue(), null);
        }
        if (n instanceof SequenceNode seq) {
            List<Entry> items = new ArrayList<>();
            for (Node c : seq.getValue()) {
                Entry e = entry(c);
                if (e == null) {
                    return null;
                }
                items.add(e);
            }
            return new Entry(null, items);
        }
        return null;
    }

    private Boolean bool(Node n, String kind, String name) {
        if (n == null || isNull(n)) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            switch (s.getValue().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "y":
                    return true;
                case "false", "no", "off", "n":
                    return false;
                default:
                    break;
            }
        }
        problems.error(file.loc(n), kind, name, "expected true or false, found '" + (n instanceof ScalarNode s ? s.getValue() : kind(n)) + "'");
        return null;
    }

    static Map<String, Node> keys(MappingNode map) {
        Map<String, Node> m = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                m.put(k.getValue(), t.getValueNode());
            }
        }
        return m;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** The text of a scalar, null for a missing, null or non-scalar node. */
    static String scalar(Node n) {
        if (!(n instanceof ScalarNode s) || isNull(n)) {
            return null;
        }
        return s.getValue();
    }

    private static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "map";
        }
        if (n instanceof SequenceNode) {
            return "list";
        }
        return "scalar";
    }
}

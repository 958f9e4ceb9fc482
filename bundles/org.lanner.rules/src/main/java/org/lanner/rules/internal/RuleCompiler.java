package org.lanner.rules.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

import org.lanner.api.extract.FieldBindException;
import org.lanner.api.source.SourcePolicy;
import org.lanner.filter.ConditionParser;
import org.lanner.filter.FieldBinder;
import org.lanner.filter.Filter;
import org.lanner.filter.FilterCompiler;
import org.lanner.filter.FilterException;
import org.lanner.filter.ListLookup;
import org.lanner.filter.Node;
import org.lanner.filter.Nodes;
import org.lanner.filter.Position;
import org.lanner.filter.Value;
import org.lanner.rules.LoadOptions;
import org.lanner.rules.OutputTemplate;
import org.lanner.rules.UnknownFieldException;
import org.lanner.rules.internal.Defs.Entry;
import org.lanner.rules.internal.Defs.ExceptionDef;
import org.lanner.rules.internal.Defs.ListDef;
import org.lanner.rules.internal.Defs.MacroDef;
import org.lanner.rules.internal.Defs.RuleDef;

/**
 * The second pass: expands lists, parses macros and rules, turns exceptions into conditions,
 * expands macros, binds fields, compiles conditions and outputs, and reports what Falco warns about.
 */
public final class RuleCompiler {

    /** Source name of system-call events. */
    public static final String SYSCALL = "syscall";

    /** More event types than this is "not restricted" (Falco's threshold). */
    static final int MAX_EVTTYPES = 100;

    /** A compiled rule, before selection. */
    public record Compiled(RuleDef def, Filter filter, OutputTemplate output) {
    }

    /** What the pass produced. */
    public record Result(List<Compiled> rules, List<String> pending) {
    }

    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure() {
            super(null, null, false, false);
        }
    }

    private static final class UnknownField extends FilterException {
        private static final long serialVersionUID = 1L;
        private final transient org.lanner.filter.FieldRef field;

        UnknownField(org.lanner.filter.FieldRef field, String message) {
            super(field.position(), message);
            this.field = field;
        }
    }

    private final Collector c;
    private final Problems problems;
    private final LoadOptions options;
    private final Bindings bindings;
    private final ListLookup lookup;

    public RuleCompiler(Collector collector, Problems problems, LoadOptions options, Bindings bindings) {
        this.c = collector;
        this.problems = problems;
        this.options = options;
        this.bindings = bindings;
        this.lookup = name -> {
            ListDef l = c.lists.get(name);
            if (l == null) {
                return null;
            }
            l.used = true;
            return l.expanded;
        };
    }

    public Result compile() {
        for (ListDef l : c.lists.values()) {
            expandList(l, new ArrayDeque<>());
        }
        for (MacroDef m : c.macros.values()) {
            try {
                m.ast = ConditionParser.parse(m.condition.text(), m.condition, lookup);
            } catch (FilterException e) {
                m.failed = true;
                String line = FalcoText.expandLists(m.condition.text(), c.lists.values());
                problems.error(loc(e.position(), m.loc), "macro", m.name, "syntax error in condition \"" + shown(m.condition.text())
                        + "\": " + e.getMessage(), Problems.Falco.said("Compilation error when compiling \"" + line + "\": "
                                + FalcoGrammar.syntaxError(line).orElse(e.getMessage()), m.context));
            }
        }
        for (MacroDef m : c.macros.values()) {
            if (m.ast == null) {
                continue;
            }
            // Falco compiled macros in order, each seeing only the ones before it, and named the first one missing
            String falco = null;
            for (Node.MacroRef ref : Nodes.macroRefs(m.ast)) {
                MacroDef target = c.macros.get(ref.name());
                if (target == null || target.index >= m.visibility) {
                    if (falco == null) {
                        falco = FalcoAnalysis.undefinedMacro(m.ast, name -> {
                            MacroDef t = c.macros.get(name);
                            return t == null || t.index >= m.visibility || t.ast == null ? null : t.ast;
                        }).map(msg -> "Compilation error when compiling \"" + FalcoText.expandLists(m.condition.text(), c.lists.values())
                                + "\": " + msg).orElse("");
                    }
                    problems.error(loc(ref.position(), m.loc), "macro", m.name, "undefined macro '" + ref.name() + "' used in filter"
                            + (target == null ? "" : " (it is defined after this macro)"), Problems.Falco.said(falco, m.context));
                    falco = "";
                    m.failed = true;
                } else {
                    target.used = true;
                }
            }
        }
        List<Compiled> out = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (RuleDef r : c.rules.values()) {
            if (!r.priority.atLeast(options.minPriority())) {
                continue;
            }
            if (expandedLeft < 0) {
                break; // the load fails: the rule that spent the budget says why, once
            }
            try {
                Compiled compiled = compileRule(r, pending);
                if (compiled != null) {
                    out.add(compiled);
                }
            } catch (Failure f) {
                // reported already
            }
        }
        for (MacroDef m : c.macros.values()) {
            if (!m.used) {
                problems.warning(m.loc, "macro", m.name, "(unused-macro) macro " + m.name + " not referred to by any rule or macro",
                        Problems.Falco.said("macro " + m.name + " not refered to by any rule/macro", "").code("unused-macro"));
            }
        }
        for (ListDef l : c.lists.values()) {
            if (!l.used) {
                problems.warning(l.loc, "list", l.name, "(unused-list) list " + l.name + " not referred to by any rule, macro or list",
                        Problems.Falco.said("list " + l.name + " not refered to by any rule/macro/list", "").code("unused-list"));
            }
        }
        return new Result(out, pending);
    }

    private void expandList(ListDef l, Deque<String> stack) {
        if (l.expanded != null) {
            return;
        }
        stack.push(l.name);
        List<String> items = new ArrayList<>();
        boolean tooMany = false;
        for (Defs.Item item : l.items) {
            ListDef ref = c.lists.get(item.text());
            if (ref != null && ref.index < l.visibility && !stack.contains(ref.name)) {
                ref.used = true;
                expandList(ref, stack);
                if (items.size() + ref.expanded.size() > org.lanner.rules.RulesLoader.MAX_LIST_ITEMS) {
                    tooMany = true; // stop before the copy that would fill the heap (lists doubling at each level)
                    break;
                }
                items.addAll(ref.expanded);
            } else {
                items.add(item.text());
            }
        }
        stack.pop();
        if (tooMany || items.size() > org.lanner.rules.RulesLoader.MAX_LIST_ITEMS) {
            problems.error(l.loc, "list", l.name, "list has more than " + org.lanner.rules.RulesLoader.MAX_LIST_ITEMS
                    + " items once the lists it names are expanded");
            l.expanded = List.of();
            return;
        }
        l.expanded = List.copyOf(items);
    }

    private Compiled compileRule(RuleDef r, List<String> pending) throws Failure {
        // Falco 0.30 turned the exceptions into text first, appended to the condition ("compile_condition")
        List<String> exceptionTexts = new ArrayList<>();
        StringBuilder econd = new StringBuilder();
        for (ExceptionDef ex : r.exceptions) {
            String text = exceptionCondition(r, ex);
            exceptionTexts.add(text);
            if (!text.isEmpty()) {
                econd.append(" and not ").append(text);
            }
        }
        String compileCondition = econd.length() == 0 ? r.condition.text() : "(" + r.condition.text() + ")" + econd;
        Node cond;
        try {
            cond = ConditionParser.parse(r.condition.text(), r.condition, lookup);
        } catch (FilterException e) {
            throw error(r, e.position(), "syntax error in condition \"" + shown(r.condition.text()) + "\": " + e.getMessage(),
                    Problems.Falco.said(compilationError(compileCondition, e.getMessage()), r.context));
        }
        List<Node> parts = new ArrayList<>();
        parts.add(cond);
        for (int i = 0; i < r.exceptions.size(); i++) {
            ExceptionDef ex = r.exceptions.get(i);
            String text = exceptionTexts.get(i);
            if (text.isEmpty()) {
                continue;
            }
            SourceText origin = SourceText.generated(text, ex.loc);
            try {
                parts.add(new Node.Not(ConditionParser.parse(text, origin, lookup), Position.start(origin)));
            } catch (FilterException e) {
                throw error(r, ex.loc, "exception " + ex.name + ": cannot compile \"" + shown(text) + "\": " + e.getMessage(),
                        Problems.Falco.said(compilationError(compileCondition, e.getMessage()), r.context));
            }
        }
        Node whole = parts.size() == 1 ? cond : new Node.And(parts, cond.position());
        java.util.function.Supplier<String> falcoUndefined = () -> FalcoAnalysis.undefinedMacro(whole, name -> {
            MacroDef d = c.macros.get(name);
            return d == null ? null : d.ast;
        }).orElse("");
        Node expanded = expand(whole, r, new ArrayDeque<>(), falcoUndefined, 0, null);
        checkNaComparisons(r, expanded);

        if (!options.fields().knowsSource(r.source)) {
            problems.warning(r.loc, "rule", r.name, "(unknown-source) unknown source " + r.source
                    + ": the rule is pending until a source of that name is present");
            pending.add(r.name);
            return null;
        }
        String source = r.source;
        SourcePolicy policy = options.fields().policy(source);
        if (policy.warnsAboutEventTypes() && r.warnEvttypes) {
            warnEventTypes(r, expanded, compileCondition);
        }
        for (ExceptionDef ex : r.exceptions) {
            List<String> fields = new ArrayList<>();
            if (ex.fields.isList()) {
                ex.fields.items().forEach(f -> fields.add(f.item()));
            } else {
                fields.add(ex.fields.item());
            }
            for (String f : fields) {
                int bracket = f.indexOf('[');
                String name = bracket > 0 && f.endsWith("]") ? f.substring(0, bracket) : f;
                String arg = bracket > 0 && f.endsWith("]") ? f.substring(bracket + 1, f.length() - 1) : null;
                if (!bindings.known(r.source, name, arg)) {
                    if (r.skipIfUnknownFilter) {
                        skipped(r, ex.loc, "(unknown-field) unknown field '" + f + "': the rule is skipped (skip-if-unknown-filter) and pending", f);
                        pending.add(r.name);
                        return null;
                    }
                    String falco = "Rule exception item " + ex.name + ": field name " + f + " is not a supported filter field";
                    throw error(r, ex.loc, "rule exception item " + ex.name + ": field name " + f + " is not a supported filter field",
                            Problems.Falco.said(falco, r.context));
                }
            }
        }

        FieldBinder binder = ref -> {
            try {
                return bindings.bind(source, ref.name(), ref.argument());
            } catch (UnknownFieldException e) {
                throw new UnknownField(ref, "unknown field '" + ref.text() + "'");
            } catch (FieldBindException e) {
                throw new FilterException(ref.position(), "field '" + ref.text() + "': " + e.getMessage());
            }
        };
        Filter filter;
        try {
            filter = FilterCompiler.compile(expanded, binder, bindings.slots(), policy.keySpace());
        } catch (UnknownField e) {
            if (r.skipIfUnknownFilter) {
                skipped(r, loc(e.position(), r.loc), "(unknown-field) " + e.getMessage()
                        + ": the rule is skipped (skip-if-unknown-filter) and pending", e.field.text());
                pending.add(r.name);
                return null;
            }
            throw error(r, e.position(), e.getMessage() + inMacro(e.position(), r),
                    Problems.Falco.said("rule \"" + r.name + "\": contains unknown filter " + e.field.text(), r.context));
        } catch (FilterException e) {
            throw error(r, e.position(), e.getMessage() + inMacro(e.position(), r), Problems.Falco.NONE);
        }

        OutputTemplate output = compileOutput(r);

        if (policy.warnsAboutEventTypes() && r.warnEvttypes) {
            BitSet keys = filter.eventTypes();
            // counted as event types (the source's keys may be finer: the generic events of any number
            // of system calls are two types)
            BitSet types = keys == null ? null : policy.eventTypes(keys);
            if (types != null && types.isEmpty()) {
                problems.warning(r.loc, "rule", r.name, "(never-matches) the condition matches no event type: the rule can never trigger",
                        Problems.Falco.NONE.code("never-matches"));
            }
        }
        return new Compiled(r, filter, output);
    }

    /** Falco's message for a condition that does not parse, with its own grammar's words when it has them. */
    private String compilationError(String compileCondition, String lannerMessage) {
        String line = FalcoText.expandLists(compileCondition, c.lists.values());
        return "Compilation error when compiling \"" + line + "\": " + FalcoGrammar.syntaxError(line).orElse(lannerMessage);
    }

    /** Falco 0.30's event type warnings, read from the shape of the condition as it did. */
    private void warnEventTypes(RuleDef r, Node expanded, String compileCondition) {
        FalcoAnalysis.EventTypes types = FalcoAnalysis.eventTypes(expanded);
        if (!types.found()) {
            problems.warning(r.loc, "rule", r.name, "(no-evttype) the condition does not restrict evt.type, so the rule runs "
                    + "for every event type; this has a significant performance cost. Consider adding an evt.type restriction.",
                    Problems.Falco.said(FalcoAnalysis.noEvttype(r.name, compileCondition), "").code("no-evttype"));
        } else if (types.afterNot()) {
            problems.warning(r.loc, "rule", r.name, "(trailing-evttype) an evt.type comparison follows a negation ('not' or "
                    + "'!='), so the rule runs for every event type; this has a performance cost. Put the evt.type restrictions "
                    + "first and prefer positive matches.",
                    Problems.Falco.said(FalcoAnalysis.trailingEvttype(r.name, compileCondition), "").code("trailing-evttype"));
        }
    }

    /** A rule skipped for an unknown field ({@code skip-if-unknown-filter}); Falco printed "Skipping " and this. */
    private void skipped(RuleDef r, Loc at, String message, String field) {
        problems.warning(at, "rule", r.name, message,
                Problems.Falco.said("rule \"" + r.name + "\": contains unknown filter " + field, "").code("unknown-filter-skipped"));
    }

    private OutputTemplate compileOutput(RuleDef r) throws Failure {
        String out = r.output;
        if (SYSCALL.equals(r.source)) {
            String extra = options.outputExtra();
            if (out.contains("%container.info")) {
                if (options.replaceContainerInfo()) {
                    out = out.replace("%container.info", extra);
                    extra = "";
                } else {
                    out = out.replace("%container.info", "%container.name (id=%container.id)");
                }
            }
            if (!extra.isEmpty()) {
                out = out + " " + extra;
            }
        }
        String source = r.source;
        try {
            return OutputTemplate.compile(out, (name, arg) -> bindings.bind(source, name, arg));
        } catch (OutputTemplate.TemplateException e) {
            Loc at = r.outputNode == null ? r.loc : r.outputFile.loc(r.outputNode);
            if (out.equals(r.output) && r.outputNode != null) {
                int lead = Math.max(0, r.outputNode.getValue().indexOf(r.output));
                at = r.outputFile.locate(r.outputNode, lead + e.column());
            }
            problems.error(at, "rule", r.name, "invalid output format '" + shown(out) + "': " + e.getMessage(),
                    Problems.Falco.said("Invalid output format '" + out + "': '" + e.falcoMessage() + "'", r.context));
            throw new Failure();
        }
    }

    /** Comparisons and values the rules' conditions may still hold once expanded (the load's budget). */
    private long expandedLeft = org.lanner.rules.RulesLoader.MAX_CONDITION_NODES;

    /**
     * The condition with its macros' conditions in place of their names, within the limits of depth
     * ({@link org.lanner.rules.RulesLoader#MAX_CONDITION_DEPTH}), of macro chains
     * ({@link org.lanner.rules.RulesLoader#MAX_MACRO_DEPTH}) and of size
     * ({@link org.lanner.rules.RulesLoader#MAX_CONDITION_NODES}, for the whole load).
     *
     * @param falcoUndefined Falco's message for the first undefined macro of the rule, for the report
     * @param depth how deep {@code n} is in the expanded condition
     * @param chainStart where, in the rule's condition, the macro being expanded is named
     */
    private Node expand(Node n, RuleDef r, Deque<String> stack, java.util.function.Supplier<String> falcoUndefined, int depth,
            Position chainStart) throws Failure {
        if (depth > org.lanner.rules.RulesLoader.MAX_CONDITION_DEPTH) {
            throw error(r, chainStart == null ? n.position() : chainStart, "the condition nests deeper than "
                    + org.lanner.rules.RulesLoader.MAX_CONDITION_DEPTH + " levels once its macros are expanded"
                    + (stack.isEmpty() ? "" : " (in macro " + stack.peek() + ")"));
        }
        if (!(n instanceof Node.MacroRef)) {
            expandedLeft -= 1 + (n instanceof Node.Check check ? check.values().size() : 0);
            if (expandedLeft < 0) {
                throw error(r, chainStart == null ? n.position() : chainStart, "the condition is larger than "
                        + org.lanner.rules.RulesLoader.MAX_CONDITION_NODES + " comparisons once its macros are expanded"
                        + " (the limit holds for all the rules of a load together)");
            }
        }
        if (n instanceof Node.And a) {
            List<Node> kids = new ArrayList<>();
            for (Node k : a.children()) {
                kids.add(expand(k, r, stack, falcoUndefined, depth + 1, chainStart));
            }
            return new Node.And(kids, a.position());
        }
        if (n instanceof Node.Or o) {
            List<Node> kids = new ArrayList<>();
            for (Node k : o.children()) {
                kids.add(expand(k, r, stack, falcoUndefined, depth + 1, chainStart));
            }
            return new Node.Or(kids, o.position());
        }
        if (n instanceof Node.Not x) {
            return new Node.Not(expand(x.child(), r, stack, falcoUndefined, depth + 1, chainStart), x.position());
        }
        if (n instanceof Node.MacroRef ref) {
            MacroDef def = c.macros.get(ref.name());
            if (def == null) {
                throw error(r, ref.position(), "undefined macro '" + ref.name() + "' used in filter",
                        Problems.Falco.said(falcoUndefined.get(), r.context));
            }
            def.used = true;
            if (def.failed || def.ast == null) {
                throw new Failure();
            }
            if (stack.contains(def.name)) {
                List<String> path = new ArrayList<>(stack);
                java.util.Collections.reverse(path);
                path.add(def.name);
                throw error(r, ref.position(), "macro '" + def.name + "' refers to itself through " + String.join(" -> ", path));
            }
            Position start = chainStart == null ? ref.position() : chainStart;
            if (stack.size() >= org.lanner.rules.RulesLoader.MAX_MACRO_DEPTH) {
                List<String> path = new ArrayList<>(stack);
                java.util.Collections.reverse(path);
                throw error(r, start, "macros nest deeper than " + org.lanner.rules.RulesLoader.MAX_MACRO_DEPTH + " levels: "
                        + String.join(" -> ", path.subList(0, 3)) + " -> ... -> " + path.get(path.size() - 1) + " -> " + def.name);
            }
            stack.push(def.name);
            Node body = expand(def.ast, r, stack, falcoUndefined, depth, start);
            stack.pop();
            return body;
        }
        return n;
    }

    private static final String NA = "<NA>";

    /** Falco's unsafe-na-check: k8s audit and JSON fields compared for equality with {@code <NA>}. */
    private void checkNaComparisons(RuleDef r, Node n) {
        Nodes.forEachCheck(n, check -> {
            String f = check.field().name();
            if (!(f.startsWith("ka.") || f.startsWith("jevt."))) {
                return;
            }
            switch (check.operator()) {
                case EQ, EQEQ, NE, IN, INTERSECTS, PMATCH -> {
                    for (Value v : check.values()) {
                        if (NA.equals(v.text())) {
                            problems.warning(loc(check.position(), r.loc), "rule", r.name, "(unsafe-na-check) comparing a field "
                                    + "value with <NA> is unsafe and can lead to unpredictable behavior of the rule condition; "
                                    + "to check for the existence of a field, use the 'exists' operator instead");
                            return;
                        }
                    }
                }
                default -> {
                }
            }
        });
    }

    /** Falco's text for an exception: {@code (field comp (v1, v2))} or {@code ((f1 c1 v1 and f2 c2 v2) or (...))}. */
    private String exceptionCondition(RuleDef r, ExceptionDef ex) throws Failure {
        StringBuilder sb = new StringBuilder();
        if (!ex.fields.isList()) {
            for (Entry v : ex.values) {
                if (v.isList()) {
                    throw error(r, ex.loc, "expected values array for item " + ex.name + " to contain a list of strings",
                            Problems.Falco.said("Expected values array for item " + ex.name + " to contain a list of strings", r.context));
                }
                sb.append(sb.length() == 0 ? "(" + ex.fields.item() + " " + ex.comps.item() + " (" : ", ");
                sb.append(quoteItem(v.item()));
            }
            if (sb.length() > 0) {
                sb.append("))");
            }
            return sb.toString();
        }
        List<Entry> fields = ex.fields.items();
        List<Entry> comps = ex.comps.items();
        for (Entry row : ex.values) {
            if (!row.isList() || row.items().size() != fields.size()) {
                throw error(r, ex.loc, "exception item " + ex.name + ": fields and values lists must have equal length",
                        Problems.Falco.said("Exception item " + ex.name + ": fields and values lists must have equal length", r.context));
            }
            sb.append(sb.length() == 0 ? "((" : " or (");
            for (int k = 0; k < fields.size(); k++) {
                if (k > 0) {
                    sb.append(" and ");
                }
                Entry v = row.items().get(k);
                String value;
                if (v.isList()) {
                    StringBuilder list = new StringBuilder("(");
                    for (Entry item : v.items()) {
                        if (item.isList()) {
                            throw error(r, ex.loc, "exception item " + ex.name + ": a value list may only contain strings");
                        }
                        list.append(list.length() == 1 ? "" : ", ").append(quoteItem(item.item()));
                    }
                    value = list.append(')').toString();
                } else if (Collector.listOperator(comps.get(k).item())) {
                    value = v.item().startsWith("(") ? v.item() : "(" + v.item() + ")";
                } else {
                    value = quoteItem(v.item());
                }
                sb.append(fields.get(k).item()).append(' ').append(comps.get(k).item()).append(' ').append(value);
            }
            sb.append(')');
        }
        if (sb.length() > 0) {
            sb.append(')');
        }
        return sb.toString();
    }

    /** Quotes a value containing a space (or empty), unless the author quoted it; the value stays literal. */
    static String quoteItem(String v) {
        if (v.startsWith("\"") || v.startsWith("'")) {
            return v;
        }
        if (!v.isEmpty() && v.indexOf(' ') < 0) {
            return v;
        }
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A condition as a message quotes it: a long one is cut, so that the message stays one readable line. */
    static String shown(String condition) {
        int max = 200;
        return condition.length() <= max ? condition : condition.substring(0, max - 40) + "... (" + condition.length() + " characters)";
    }

    private String inMacro(Position p, RuleDef r) {
        if (p != null && p.origin() instanceof SourceText st && st != r.condition) {
            for (MacroDef m : c.macros.values()) {
                if (m.condition == st) {
                    return " (in macro " + m.name + ")";
                }
            }
        }
        return "";
    }

    private Failure error(RuleDef r, Position p, String message) {
        return error(r, p, message, Problems.Falco.NONE);
    }

    private Failure error(RuleDef r, Position p, String message, Problems.Falco falco) {
        problems.error(loc(p, r.loc), "rule", r.name, message, falco);
        return new Failure();
    }

    private Failure error(RuleDef r, Loc at, String message) {
        return error(r, at, message, Problems.Falco.NONE);
    }

    private Failure error(RuleDef r, Loc at, String message, Problems.Falco falco) {
        problems.error(at, "rule", r.name, message, falco);
        return new Failure();
    }

    static Loc loc(Position p, Loc fallback) {
        if (p != null && p.origin() instanceof SourceText st) {
            Loc l = st.locate(p.offset());
            if (l.line() > 0 || fallback == null) {
                return l;
            }
        }
        return fallback;
    }

}

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

        UnknownField(Position p, String message) {
            super(p, message);
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
                problems.error(loc(e.position(), m.loc), "macro", m.name, "syntax error in condition \"" + m.condition.text()
                        + "\": " + e.getMessage());
            }
        }
        for (MacroDef m : c.macros.values()) {
            if (m.ast == null) {
                continue;
            }
            for (Node.MacroRef ref : Nodes.macroRefs(m.ast)) {
                MacroDef target = c.macros.get(ref.name());
                if (target == null || target.index >= m.visibility) {
                    problems.error(loc(ref.position(), m.loc), "macro", m.name, "undefined macro '" + ref.name() + "' used in filter"
                            + (target == null ? "" : " (it is defined after this macro)"));
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
                problems.warning(m.loc, "macro", m.name, "(unused-macro) macro " + m.name + " not referred to by any rule or macro");
            }
        }
        for (ListDef l : c.lists.values()) {
            if (!l.used) {
                problems.warning(l.loc, "list", l.name, "(unused-list) list " + l.name + " not referred to by any rule, macro or list");
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
        for (Defs.Item item : l.items) {
            ListDef ref = c.lists.get(item.text());
            if (ref != null && ref.index < l.visibility && !stack.contains(ref.name)) {
                ref.used = true;
                expandList(ref, stack);
                items.addAll(ref.expanded);
            } else {
                items.add(item.text());
            }
        }
        stack.pop();
        l.expanded = List.copyOf(items);
    }

    private Compiled compileRule(RuleDef r, List<String> pending) throws Failure {
        Node cond;
        try {
            cond = ConditionParser.parse(r.condition.text(), r.condition, lookup);
        } catch (FilterException e) {
            throw error(r, e.position(), "syntax error in condition \"" + r.condition.text() + "\": " + e.getMessage());
        }
        List<Node> parts = new ArrayList<>();
        parts.add(cond);
        for (ExceptionDef ex : r.exceptions) {
            String text = exceptionCondition(r, ex);
            if (text.isEmpty()) {
                continue;
            }
            SourceText origin = SourceText.generated(text, ex.loc);
            try {
                parts.add(new Node.Not(ConditionParser.parse(text, origin, lookup), Position.start(origin)));
            } catch (FilterException e) {
                throw error(r, ex.loc, "exception " + ex.name + ": cannot compile \"" + text + "\": " + e.getMessage());
            }
        }
        Node whole = parts.size() == 1 ? cond : new Node.And(parts, cond.position());
        Node expanded = expand(whole, r, new ArrayDeque<>());
        checkNaComparisons(r, expanded);

        if (!options.fields().knowsSource(r.source)) {
            problems.warning(r.loc, "rule", r.name, "(unknown-source) unknown source " + r.source
                    + ": the rule is pending until a source of that name is present");
            pending.add(r.name);
            return null;
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
                        problems.warning(ex.loc, "rule", r.name, "(unknown-field) unknown field '" + f
                                + "': the rule is skipped (skip-if-unknown-filter) and pending");
                        pending.add(r.name);
                        return null;
                    }
                    throw error(r, ex.loc, "rule exception item " + ex.name + ": field name " + f + " is not a supported filter field");
                }
            }
        }

        String source = r.source;
        SourcePolicy policy = options.fields().policy(source);
        FieldBinder binder = ref -> {
            try {
                return bindings.bind(source, ref.name(), ref.argument());
            } catch (UnknownFieldException e) {
                throw new UnknownField(ref.position(), "unknown field '" + ref.text() + "'");
            } catch (FieldBindException e) {
                throw new FilterException(ref.position(), "field '" + ref.text() + "': " + e.getMessage());
            }
        };
        Filter filter;
        try {
            filter = FilterCompiler.compile(expanded, binder, bindings.slots(), policy.keySpace());
        } catch (UnknownField e) {
            if (r.skipIfUnknownFilter) {
                problems.warning(loc(e.position(), r.loc), "rule", r.name, "(unknown-field) " + e.getMessage()
                        + ": the rule is skipped (skip-if-unknown-filter) and pending");
                pending.add(r.name);
                return null;
            }
            throw error(r, e.position(), e.getMessage() + inMacro(e.position(), r));
        } catch (FilterException e) {
            throw error(r, e.position(), e.getMessage() + inMacro(e.position(), r));
        }

        OutputTemplate output = compileOutput(r);

        if (policy.warnsAboutEventTypes() && r.warnEvttypes) {
            BitSet keys = filter.eventTypes();
            // counted as event types (the source's keys may be finer: the generic events of any number
            // of system calls are two types)
            BitSet types = keys == null ? null : policy.eventTypes(keys);
            if (types == null) {
                problems.warning(r.loc, "rule", r.name, "(no-evttype) the condition does not restrict evt.type, so the rule runs "
                        + "for every event type; this has a significant performance cost. Consider adding an evt.type restriction.");
            } else if (types.isEmpty()) {
                problems.warning(r.loc, "rule", r.name, "(no-evttype) the condition matches no event type: the rule can never trigger");
            } else if (types.cardinality() > MAX_EVTTYPES) {
                problems.warning(r.loc, "rule", r.name, "(no-evttype) the condition matches too many evt.type values ("
                        + types.cardinality() + "), as a negative match such as 'evt.type != …' or 'not evt.type in (…)' does; "
                        + "this has a significant performance cost. Prefer positive evt.type matches.");
            }
        }
        return new Compiled(r, filter, output);
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
            problems.error(at, "rule", r.name, "invalid output format '" + out + "': " + e.getMessage());
            throw new Failure();
        }
    }

    private Node expand(Node n, RuleDef r, Deque<String> stack) throws Failure {
        if (n instanceof Node.And a) {
            List<Node> kids = new ArrayList<>();
            for (Node k : a.children()) {
                kids.add(expand(k, r, stack));
            }
            return new Node.And(kids, a.position());
        }
        if (n instanceof Node.Or o) {
            List<Node> kids = new ArrayList<>();
            for (Node k : o.children()) {
                kids.add(expand(k, r, stack));
            }
            return new Node.Or(kids, o.position());
        }
        if (n instanceof Node.Not x) {
            return new Node.Not(expand(x.child(), r, stack), x.position());
        }
        if (n instanceof Node.MacroRef ref) {
            MacroDef def = c.macros.get(ref.name());
            if (def == null) {
                throw error(r, ref.position(), "undefined macro '" + ref.name() + "' used in filter");
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
            stack.push(def.name);
            Node body = expand(def.ast, r, stack);
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
                    throw error(r, ex.loc, "expected values array for item " + ex.name + " to contain a list of strings");
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
                throw error(r, ex.loc, "exception item " + ex.name + ": fields and values lists must have equal length");
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
        problems.error(loc(p, r.loc), "rule", r.name, message);
        return new Failure();
    }

    private Failure error(RuleDef r, Loc at, String message) {
        problems.error(at, "rule", r.name, message);
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

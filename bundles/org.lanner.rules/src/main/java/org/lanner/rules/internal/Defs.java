package org.lanner.rules.internal;

import java.util.ArrayList;
import java.util.List;

import org.lanner.api.output.Priority;
import org.lanner.filter.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** What the first pass collects from rules files. */
public final class Defs {

    private Defs() {
    }

    /** A list item as written, with where it was written. */
    public record Item(String text, Loc loc) {
    }

    public static final class ListDef {
        public final String name;
        public final int index;
        public int visibility;
        public Loc loc;
        public List<Item> items = new ArrayList<>();
        public boolean used;
        public List<String> expanded;

        public ListDef(String name, int index) {
            this.name = name;
            this.index = index;
        }
    }

    public static final class MacroDef {
        public final String name;
        public final int index;
        public int visibility;
        public Loc loc;
        public SourceText condition;
        public String source;
        public boolean used;
        public Node ast;
        public boolean failed;
        /** The item(s) as Falco 0.30 quotes them in messages: the definition, then each append. */
        public String context = "";

        public MacroDef(String name, int index) {
            this.name = name;
            this.index = index;
        }
    }

    /** A scalar or a list of entries ({@code fields}, {@code comps} and {@code values} of exceptions). */
    public record Entry(String item, List<Entry> items) {
        public boolean isList() {
            return items != null;
        }
    }

    public static final class ExceptionDef {
        public String name;
        public Entry fields;
        public Entry comps;
        public List<Entry> values = new ArrayList<>();
        public Loc loc;

        public ExceptionDef copy() {
            ExceptionDef e = new ExceptionDef();
            e.name = name;
            e.fields = fields;
            e.comps = comps;
            e.values = new ArrayList<>(values);
            e.loc = loc;
            return e;
        }
    }

    public static final class RuleDef {
        public final String name;
        public final int index;
        public Loc loc;
        public SourceText condition;
        public String output;
        public ScalarNode outputNode;
        public YamlFile outputFile;
        public String desc = "";
        public Priority priority;
        /** The priority as the file wrote it. */
        public String priorityText;
        public List<String> tags = List.of();
        public boolean enabled = true;
        public String source = "syscall";
        public boolean warnEvttypes = true;
        public boolean skipIfUnknownFilter;
        public List<ExceptionDef> exceptions = new ArrayList<>();
        /** The item(s) as Falco 0.30 quotes them in messages: the definition, then each append. */
        public String context = "";

        public RuleDef(String name, int index) {
            this.name = name;
            this.index = index;
        }
    }
}

package org.lanner.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lanner.api.event.Event;
import org.lanner.filter.testing.TestFields;

class EventTypesTest {

    static BitSet types(String condition) throws FilterException {
        return FilterCompiler.compile(ConditionParser.parse(condition), TestFields.binder(new FieldSlots())).eventTypes();
    }

    static BitSet all() {
        BitSet s = new BitSet();
        s.set(0, FilterCompiler.DEFAULT_KEY_SPACE);
        return s;
    }

    static BitSet allBut(String... names) {
        BitSet s = all();
        s.andNot(TestFields.typesOf(names));
        return s;
    }

    /** Expected sets: "any", "none", "names:a,b" or "allbut:a,b". */
    static BitSet expected(String spec) {
        if (spec.equals("any")) {
            return null;
        }
        if (spec.equals("all")) {
            return all();
        }
        if (spec.equals("none")) {
            return new BitSet();
        }
        if (spec.equals("plugin")) {
            BitSet s = new BitSet();
            s.set(Event.PLUGIN_EVENT);
            return s;
        }
        String[] parts = spec.split(":");
        String[] names = parts[1].split(",");
        return parts[0].equals("names") ? TestFields.typesOf(names) : allBut(names);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "proc.name = bash                                          | any",
        "evt.type = open                                           | names:open",
        "evt.type in (open, openat, execve)                        | names:open,openat,execve",
        "evt.type = open and proc.name = bash                      | names:open",
        "proc.name = bash and evt.type in (open, openat)           | names:open,openat",
        "evt.type = open or evt.type = close                       | names:open,close",
        "evt.type = open or proc.name = bash                       | any",
        "evt.type in (open, close) and evt.type in (close, read)   | names:close",
        "evt.type = open and evt.type = close                      | none",
        "evt.type != open                                          | allbut:open",
        "not evt.type = open                                       | allbut:open",
        "not evt.type != open                                      | names:open",
        "not proc.name = bash                                      | any",
        "not (evt.type = open or evt.type = close)                 | allbut:open,close",
        "not (evt.type = open and proc.name = bash)                | any",
        "not (evt.type = open and evt.type = close)                | all",
        "not (evt.type in (open, close) and evt.type = open)       | allbut:open",
        "(evt.type = open or evt.type = read) and not evt.type = read | names:open",
        "evt.type exists                                           | any",
        "evt.type = nosuchevent                                    | none",
        "plugin.value = x                                          | plugin",
        "not plugin.value = x and evt.type = open                  | names:open",
    })
    void computesEventTypesLikeFalcosResolver(String condition, String spec) throws FilterException {
        assertThat(types(condition)).as(condition).isEqualTo(expected(spec));
    }
}

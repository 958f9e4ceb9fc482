package org.lanner.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.testing.TestEvent;

/**
 * Fields that stand for a set matched through any member (Falco's fd.ip, fd.port: both ends of a
 * connection; proc.aname: the ancestors), as opposed to lists compared as a whole.
 */
class MultiplicityTest {

    private static FieldAccessor set(FieldType type, FieldAccessor.Multiplicity m, String... items) {
        return new FieldAccessor() {
            @Override
            public FieldType type() {
                return type;
            }

            @Override
            public boolean extract(Event event, ValueHolder out) {
                for (String i : items) {
                    out.addItem(i);
                }
                return true;
            }

            @Override
            public Multiplicity multiplicity() {
                return m;
            }
        };
    }

    private static final FieldAccessor IP = set(FieldType.IPADDR, FieldAccessor.Multiplicity.ANY_NOT_EQUAL_NONE, "10.0.0.1", "192.168.1.5");
    private static final FieldAccessor PORT = set(FieldType.PORT, FieldAccessor.Multiplicity.ANY_NOT_EQUAL_NONE, "1234", "443");
    private static final FieldAccessor NAMES = set(FieldType.CHARBUF, FieldAccessor.Multiplicity.ANY, "bash", "sshd", "systemd");

    static boolean eval(String condition) throws FilterException {
        FieldSlots slots = new FieldSlots();
        FieldBinder binder = ref -> {
            FieldAccessor a = switch (ref.name()) {
                case "set.ip" -> IP;
                case "set.port" -> PORT;
                default -> NAMES;
            };
            return new FieldBinding(a, slots.slot(ref.text()));
        };
        Filter f = FilterCompiler.compile(ConditionParser.parse(condition), binder);
        return f.matches(TestEvent.of("open").event(), slots.newContext());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "set.ip = 10.0.0.1                 | true",
        "set.ip = 10.0.0.2                 | false",
        "set.ip != 10.0.0.1                | false",
        "set.ip != 10.9.9.9                | true",
        "set.ip in (192.168.1.5, 10.9.9.9) | true",
        "set.ip in (172.16.0.1)            | false",
        "set.port = 443                    | true",
        "set.port != 443                   | false",
        "set.port != 80                    | true",
        "set.port > 1000                   | true",
        "set.port in (22, 80)              | false",
        "set.names = sshd                  | true",
        "set.names != bash                 | true",
        "set.names in (init, launchd)      | false",
        "set.names in (init, systemd)      | true",
        "set.names startswith sys          | true",
        "not set.names = sshd              | false",
    })
    void aComparisonHoldsThroughAnyMember(String condition, boolean expected) throws FilterException {
        assertThat(eval(condition)).as(condition).isEqualTo(expected);
    }
}

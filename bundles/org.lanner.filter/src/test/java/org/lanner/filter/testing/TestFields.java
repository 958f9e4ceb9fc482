package org.lanner.filter.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.filter.FieldBinder;
import org.lanner.filter.FieldBinding;
import org.lanner.filter.FieldSlots;
import org.lanner.filter.FilterException;

/**
 * A field extractor for tests over {@link TestEvent}s. String fields read straight from the event
 * buffer ({@code proc.name}, {@code fd.name}) except {@code proc.sname}, which yields a Java string
 * with the same content, so both kinds of text values are exercised.
 *
 * <p>Fields: {@code evt.type evt.num proc.name proc.sname fd.name proc.pid fd.sport fd.sip fd.snet
 * evt.buffer fd.is_server evt.ratio ka.images evt.u64 proc.aname[N] evt.arg[NAME] evt.arg.NAME
 * json.value[ARG] plugin.value}.
 */
public final class TestFields {

    /** Every field name this extractor knows (arguments apart). */
    public static final List<String> NAMES = List.of("evt.type", "evt.num", "proc.name", "proc.sname", "fd.name",
            "proc.pid", "fd.sport", "fd.sip", "fd.snet", "evt.buffer", "fd.is_server", "evt.ratio", "ka.images",
            "evt.u64", "proc.aname", "evt.arg", "json.value", "plugin.value");

    private static final Map<String, BitSet> TYPES_BY_NAME = new HashMap<>();

    static {
        for (EventInfo e : EventTable.all()) {
            if (e.has(EventFlags.OLD_VERSION) || e.has(EventFlags.UNUSED) || e.id() < 2) {
                continue;
            }
            TYPES_BY_NAME.computeIfAbsent(e.name(), k -> new BitSet()).set(e.id());
        }
    }

    private TestFields() {
    }

    /** Event type ids named {@code name} (enter and exit). */
    public static BitSet typesOf(String... names) {
        BitSet s = new BitSet();
        for (String n : names) {
            BitSet t = TYPES_BY_NAME.get(n);
            if (t != null) {
                s.or(t);
            }
        }
        return s;
    }

    /** A binder over these fields sharing the slots of {@code slots}. */
    public static FieldBinder binder(FieldSlots slots) {
        return ref -> {
            try {
                FieldAccessor a = accessor(ref.name(), ref.argument());
                if (a == null) {
                    throw new FilterException(ref.position(), "unknown field '" + ref.text() + "'");
                }
                return new FieldBinding(a, slots.slot(ref.text()));
            } catch (FieldBindException e) {
                throw new FilterException(ref.position(), e.getMessage());
            }
        };
    }

    /**
     * The accessor for a field, or null when the name is unknown.
     *
     * @throws FieldBindException when the argument is missing or not allowed
     */
    public static FieldAccessor accessor(String name, String arg) throws FieldBindException {
        if (name.startsWith("evt.arg.") && arg == null) {
            return accessor("evt.arg", name.substring("evt.arg.".length()));
        }
        boolean needsArg = name.equals("proc.aname") || name.equals("evt.arg") || name.equals("json.value");
        if (!NAMES.contains(name)) {
            return null;
        }
        if (needsArg && arg == null) {
            throw new FieldBindException("field " + name + " requires an argument");
        }
        if (!needsArg && arg != null) {
            throw new FieldBindException("field " + name + " does not take an argument");
        }
        switch (name) {
            case "evt.type":
                return new Acc(FieldType.CHARBUF) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        EventInfo info = e.type() < EventTable.EVENT_MAX ? EventTable.info(e.type()) : null;
                        if (info == null) {
                            return false;
                        }
                        out.setString(info.name());
                        return true;
                    }

                    @Override
                    public BitSet eventTypes(String op, List<String> values) {
                        switch (op) {
                            case "=":
                            case "==":
                            case "in":
                                return typesOf(values.toArray(new String[0]));
                            case "!=": {
                                BitSet s = typesOf(values.toArray(new String[0]));
                                s.flip(0, org.lanner.filter.FilterCompiler.DEFAULT_KEY_SPACE);
                                return s;
                            }
                            default:
                                return null;
                        }
                    }
                };
            case "evt.num":
                return new Acc(FieldType.UINT64) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        out.setLong(e.number());
                        return true;
                    }
                };
            case "proc.name":
                return bytesParam(TestEvent.P_PROC_NAME, FieldType.CHARBUF);
            case "fd.name":
                return bytesParam(TestEvent.P_FD_NAME, FieldType.CHARBUF);
            case "evt.buffer":
                return bytesParam(TestEvent.P_BUFFER, FieldType.BYTEBUF);
            case "fd.sip":
                return bytesParam(TestEvent.P_SIP, FieldType.IPADDR);
            case "fd.snet":
                return bytesParam(TestEvent.P_SIP, FieldType.IPNET);
            case "proc.sname":
                return new Acc(FieldType.CHARBUF) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        String s = string(e, TestEvent.P_PROC_NAME);
                        if (s == null) {
                            return false;
                        }
                        out.setString(s.endsWith("\0") ? s.substring(0, s.length() - 1) : s);
                        return true;
                    }
                };
            case "proc.pid":
                return longParam(TestEvent.P_PID, FieldType.INT64);
            case "evt.u64":
                return longParam(TestEvent.P_U64, FieldType.UINT64);
            case "fd.sport":
                return new Acc(FieldType.PORT) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        if (e.paramLength(TestEvent.P_SPORT) != 2) {
                            return false;
                        }
                        out.setLong(Short.toUnsignedInt(e.buffer().getShort(e.paramOffset(TestEvent.P_SPORT))));
                        return true;
                    }
                };
            case "fd.is_server":
                return new Acc(FieldType.BOOL) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        if (e.paramLength(TestEvent.P_IS_SERVER) != 1) {
                            return false;
                        }
                        out.setBool(e.buffer().get(e.paramOffset(TestEvent.P_IS_SERVER)) != 0);
                        return true;
                    }
                };
            case "evt.ratio":
                return new Acc(FieldType.DOUBLE) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        if (e.paramLength(TestEvent.P_RATIO) != 8) {
                            return false;
                        }
                        out.setDouble(Double.longBitsToDouble(e.buffer().getLong(e.paramOffset(TestEvent.P_RATIO))));
                        return true;
                    }
                };
            case "ka.images":
                return new Acc(FieldType.CHARBUF) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        String s = string(e, TestEvent.P_IMAGES);
                        if (s == null) {
                            return false;
                        }
                        for (String item : s.split("\u0001", -1)) {
                            out.addItem(item);
                        }
                        return true;
                    }
                };
            case "proc.aname": {
                int n;
                try {
                    n = Integer.parseInt(arg);
                } catch (NumberFormatException ex) {
                    throw new FieldBindException("proc.aname needs a numeric argument, not '" + arg + "'");
                }
                return new Acc(FieldType.CHARBUF) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        String s = string(e, TestEvent.P_ANAMES);
                        if (s == null) {
                            return false;
                        }
                        String[] names = s.split("/");
                        if (n < 1 || n > names.length) {
                            return false;
                        }
                        out.setString(names[n - 1]);
                        return true;
                    }
                };
            }
            case "evt.arg": {
                int p = switch (arg) {
                    case "name" -> TestEvent.P_FD_NAME;
                    case "pid" -> TestEvent.P_PID;
                    default -> -1;
                };
                if (p < 0) {
                    throw new FieldBindException("unknown event argument " + arg);
                }
                return p == TestEvent.P_PID ? longParam(p, FieldType.INT64) : bytesParam(p, FieldType.CHARBUF);
            }
            case "json.value":
                return new Acc(FieldType.CHARBUF) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        out.setString(arg);
                        return true;
                    }
                };
            case "plugin.value":
                return new Acc(FieldType.CHARBUF) {
                    @Override
                    public boolean extract(Event e, ValueHolder out) {
                        if (e.type() != Event.PLUGIN_EVENT) {
                            return false;
                        }
                        out.setString("plugin");
                        return true;
                    }

                    @Override
                    public BitSet eventTypes(String op, List<String> values) {
                        BitSet s = new BitSet();
                        s.set(Event.PLUGIN_EVENT);
                        return s;
                    }
                };
            default:
                return null;
        }
    }

    private abstract static class Acc implements FieldAccessor {
        private final FieldType type;

        Acc(FieldType type) {
            this.type = type;
        }

        @Override
        public FieldType type() {
            return type;
        }
    }

    static String string(Event e, int p) {
        int len = e.paramLength(p);
        if (len == 0) {
            return null;
        }
        byte[] b = new byte[len];
        e.buffer().get(e.paramOffset(p), b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static FieldAccessor bytesParam(int p, FieldType type) {
        return new Acc(type) {
            @Override
            public boolean extract(Event e, ValueHolder out) {
                int len = e.paramLength(p);
                if (len == 0) {
                    return false;
                }
                ByteBuffer buf = e.buffer();
                out.setBytes(buf.array(), buf.arrayOffset() + e.paramOffset(p), len);
                return true;
            }
        };
    }

    private static FieldAccessor longParam(int p, FieldType type) {
        return new Acc(type) {
            @Override
            public boolean extract(Event e, ValueHolder out) {
                if (e.paramLength(p) != 8) {
                    return false;
                }
                out.setLong(e.buffer().getLong(e.paramOffset(p)));
                return true;
            }
        };
    }
}

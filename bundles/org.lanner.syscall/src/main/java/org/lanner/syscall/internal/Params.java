package org.lanner.syscall.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.lanner.api.event.Event;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;

/**
 * Reads parameter values of an event by position. As libsinsp does, an event has
 * {@code min(parameters in the record, parameters in the table)} parameters; asking for one beyond
 * that gives 0 or empty.
 */
final class Params {

    private Params() {
    }

    static EventInfo info(int type) {
        return EventTable.info(type);
    }

    /** The number of parameters libsinsp sees. */
    static int count(Event e) {
        EventInfo info = EventTable.info(e.type());
        if (info == null) {
            return 0;
        }
        return Math.min(e.paramCount(), info.params().size());
    }

    static boolean has(Event e, int i) {
        return i < count(e);
    }

    static int len(Event e, int i) {
        return i < count(e) ? e.paramLength(i) : 0;
    }

    /** A signed 64-bit value (fd, pid, errno…); narrower slots are read sign-extended. */
    static long s64(Event e, int i) {
        int len = len(e, i);
        ByteBuffer b = e.buffer();
        int off = e.paramOffset(i);
        switch (len) {
            case 0:
                return 0;
            case 1:
                return b.get(off);
            case 2:
                return b.getShort(off);
            case 4:
                return b.getInt(off);
            default:
                return len >= 8 ? b.getLong(off) : 0;
        }
    }

    /** An unsigned 32-bit value as an int (flags, uid, mode…); narrower slots are zero-extended. */
    static int u32(Event e, int i) {
        int len = len(e, i);
        ByteBuffer b = e.buffer();
        int off = e.paramOffset(i);
        switch (len) {
            case 0:
                return 0;
            case 1:
                return b.get(off) & 0xff;
            case 2:
            case 3:
                return b.getShort(off) & 0xffff;
            default:
                return b.getInt(off);
        }
    }

    static int u16(Event e, int i) {
        int len = len(e, i);
        if (len == 0) {
            return 0;
        }
        return len == 1 ? e.buffer().get(e.paramOffset(i)) & 0xff : e.buffer().getShort(e.paramOffset(i)) & 0xffff;
    }

    static int u8(Event e, int i) {
        return len(e, i) == 0 ? 0 : e.buffer().get(e.paramOffset(i)) & 0xff;
    }

    static byte[] array(Event e) {
        return e.buffer().array();
    }

    /** The absolute array offset of parameter {@code i}. */
    static int arrayOffset(Event e, int i) {
        return e.buffer().arrayOffset() + e.paramOffset(i);
    }

    /** The length of a text parameter up to (not including) its first NUL. */
    static int textLength(Event e, int i) {
        int len = len(e, i);
        byte[] a = array(e);
        int off = arrayOffset(e, i);
        for (int k = 0; k < len; k++) {
            if (a[off + k] == 0) {
                return k;
            }
        }
        return len;
    }

    /** A text parameter (CHARBUF, FSPATH…) up to its first NUL, decoded as UTF-8. */
    static String str(Event e, int i) {
        return new String(array(e), arrayOffset(e, i), textLength(e, i), StandardCharsets.UTF_8);
    }

    /** True when text parameter {@code i} starts with {@code prefix}. */
    static boolean startsWith(Event e, int i, String prefix) {
        int len = len(e, i);
        if (len < prefix.length()) {
            return false;
        }
        byte[] a = array(e);
        int off = arrayOffset(e, i);
        for (int k = 0; k < prefix.length(); k++) {
            if (a[off + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** NUL-separated strings (args, env, cgroups) as a list, libsinsp's {@code set_args}. */
    static String[] strings(Event e, int i) {
        int len = len(e, i);
        if (len == 0) {
            return ThreadInfo.NONE;
        }
        return split(array(e), arrayOffset(e, i), len);
    }

    static String[] split(byte[] a, int off, int len) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int k = 0;
        while (k < len) {
            int start = k;
            while (k < len && a[off + k] != 0) {
                k++;
            }
            out.add(new String(a, off + start, k - start, StandardCharsets.UTF_8));
            k++;
        }
        return out.toArray(ThreadInfo.NONE);
    }

    /** An environment block: like {@link #split} but a run of empty strings up to the end is dropped. */
    static String[] env(Event e, int i) {
        int len = len(e, i);
        byte[] a = array(e);
        int off = arrayOffset(e, i);
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int k = 0;
        while (k < len) {
            if (a[off + k] == 0) {
                boolean rest = true;
                for (int r = k; r < len; r++) {
                    if (a[off + r] != 0) {
                        rest = false;
                        break;
                    }
                }
                if (rest) {
                    break;
                }
            }
            int start = k;
            while (k < len && a[off + k] != 0) {
                k++;
            }
            out.add(new String(a, off + start, k - start, StandardCharsets.UTF_8));
            k++;
        }
        return out.toArray(ThreadInfo.NONE);
    }

    /** An environment from a process list: as {@link #env(Event, int)}, the empty strings at the end dropped. */
    static String[] env(java.util.List<String> env) {
        int n = env.size();
        while (n > 0 && env.get(n - 1).isEmpty()) {
            n--;
        }
        return env.subList(0, n).toArray(ThreadInfo.NONE);
    }

    /** Control groups ({@code subsys=path} strings) as subsystem/path pairs, with libsinsp's renames. */
    static String[] cgroups(Event e, int i) {
        return cgroups(split(array(e), arrayOffset(e, i), len(e, i)));
    }

    static String[] cgroups(String[] entries) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                break;
            }
            String subsys = entry.substring(0, eq);
            int pos = subsys.indexOf("_cgroup");
            if (pos >= 0) {
                subsys = subsys.substring(0, pos) + subsys.substring(pos + "_cgroup".length());
            }
            switch (subsys) {
                case "perf" -> subsys = "perf_event";
                case "mem" -> subsys = "memory";
                case "io" -> subsys = "blkio";
                default -> {
                }
            }
            out.add(subsys);
            out.add(entry.substring(eq + 1));
        }
        return out.toArray(ThreadInfo.NONE);
    }
}

package org.lanner.itest.fields;

import java.util.List;
import java.util.Set;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.syscall.state.FdView;
import org.lanner.api.syscall.state.SyscallContext;
import org.lanner.api.syscall.state.ThreadView;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code lineage} fields of system-call events, computed from the syscall state's exported view
 * alone: the process and its ancestors as one text, how many ancestors are known, where it runs, and
 * the file the event is about. An example of a field class that another bundle than the syscall one
 * contributes.
 */
@Component
@FieldClass(fields_class = "lineage", sources = "syscall")
public final class LineageFields implements FieldExtractor {

    /** Ancestors followed at most (a damaged process tree ends the chain there). */
    static final int MAX_DEPTH = 32;

    @Override
    public String fieldClass() {
        return "lineage";
    }

    @Override
    public String description() {
        return "The event's process and its ancestors, read through the syscall state view.";
    }

    @Override
    public Set<String> sources() {
        return Set.of("syscall");
    }

    @Override
    public List<FieldInfo> fields() {
        return List.of(
                FieldInfo.of("lineage.chain", FieldType.CHARBUF, "the names of the process and its ancestors, newest first: cat<bash<sshd."),
                FieldInfo.of("lineage.depth", FieldType.UINT32, "how many ancestors of the process are known."),
                FieldInfo.of("lineage.where", FieldType.CHARBUF, "the container id of the process, or host."),
                FieldInfo.of("lineage.file", FieldType.CHARBUF, "the name of the file descriptor the event is about."));
    }

    @Override
    public FieldAccessor bind(String field, String argument) throws FieldBindException {
        if (argument != null) {
            throw new FieldBindException(field + " takes no argument");
        }
        return switch (field) {
            case "lineage.chain" -> accessor(FieldType.CHARBUF, (c, out) -> {
                StringBuilder sb = new StringBuilder();
                ThreadView previous = null;
                for (int n = 0; n < MAX_DEPTH; n++) {
                    ThreadView t = c.ancestor(n);
                    if (t == null || previous != null && t.tid() == previous.tid()) {
                        break;
                    }
                    sb.append(n == 0 ? "" : "<").append(t.comm());
                    previous = t;
                }
                if (sb.length() == 0) {
                    return false;
                }
                out.setString(sb.toString());
                return true;
            });
            case "lineage.depth" -> accessor(FieldType.UINT32, (c, out) -> {
                ThreadView t = c.ancestor(0);
                if (t == null) {
                    return false;
                }
                int n = 0;
                for (ThreadView next; n + 1 < MAX_DEPTH && (next = c.ancestor(n + 1)) != null && next.tid() != t.tid(); t = next) {
                    n++;
                }
                out.setLong(n);
                return true;
            });
            case "lineage.where" -> accessor(FieldType.CHARBUF, (c, out) -> {
                if (c.thread() == null) {
                    return false;
                }
                out.setString(c.containerId().isEmpty() ? "host" : c.containerId());
                return true;
            });
            case "lineage.file" -> accessor(FieldType.CHARBUF, (c, out) -> {
                FdView fd = c.fd();
                if (fd == null) {
                    return false;
                }
                out.setString(fd.name());
                return true;
            });
            default -> throw new FieldBindException("unknown field " + field);
        };
    }

    /** Reads a value from the event's syscall context. */
    @FunctionalInterface
    private interface Getter {
        boolean get(SyscallContext context, ValueHolder out);
    }

    private static FieldAccessor accessor(FieldType type, Getter getter) {
        return new FieldAccessor() {
            @Override
            public FieldType type() {
                return type;
            }

            @Override
            public boolean extract(Event event, ValueHolder out) {
                SyscallContext c = SyscallContext.of(event);
                return c != null && getter.get(c, out);
            }
        };
    }
}

package org.lanner.syscall.internal;

import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldType;
import org.lanner.api.syscall.GroupEntry;
import org.osgi.service.component.annotations.Component;

/** The {@code group} field class: the group of the thread that made the event. */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "group", sources = "syscall")
public final class GroupFields extends SyscallFieldClass {

    public GroupFields() {
        super("group", "The group of the thread that made the event.");
        field("group.gid", FieldType.UINT64, "the (effective) group id.", (c, e, o) -> {
            if (c.thread == null) {
                return false;
            }
            o.setLong(c.thread.gid & 0xffffffffL);
            return true;
        });
        field("group.name", FieldType.CHARBUF, "the group name.", (c, e, o) -> {
            if (c.thread == null) {
                return false;
            }
            GroupEntry g = c.shared.group(c.thread.gid);
            if (g == null) {
                return false;
            }
            o.setString(g.name());
            return true;
        });
    }
}

package org.lanner.syscall.internal;

import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldType;
import org.lanner.api.syscall.UserEntry;
import org.osgi.service.component.annotations.Component;

/** The {@code user} field class: the user of the thread that made the event. */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "user", sources = "syscall")
public final class UserFields extends SyscallFieldClass {

    public UserFields() {
        super("user", "The user of the thread that made the event.");
        field("user.uid", FieldType.UINT32, "the (effective) user id.", (c, e, o) -> {
            if (c.thread == null) {
                return false;
            }
            o.setLong(c.thread.uid & 0xffffffffL);
            return true;
        });
        field("user.name", FieldType.CHARBUF, "the user name.", (c, e, o) -> user(c, o, 0));
        field("user.homedir", FieldType.CHARBUF, "the home directory of the user.", (c, e, o) -> user(c, o, 1));
        field("user.shell", FieldType.CHARBUF, "the login shell of the user.", (c, e, o) -> user(c, o, 2));
        field("user.loginuid", FieldType.INT32, "the audit login user id (-1 when not set).", (c, e, o) -> {
            if (c.thread == null) {
                return false;
            }
            o.setLong(c.thread.loginuid);
            return true;
        });
        field("user.loginname", FieldType.CHARBUF, "the name of the audit login user.", (c, e, o) -> {
            if (c.thread == null) {
                return false;
            }
            UserEntry u = c.shared.user(c.thread.loginuid);
            if (u == null) {
                return false;
            }
            o.setString(u.name());
            return true;
        });
    }

    private static boolean user(EventContext c, org.lanner.api.extract.ValueHolder o, int what) {
        if (c.thread == null) {
            return false;
        }
        UserEntry u = c.shared.user(c.thread.uid);
        if (u == null) {
            return false;
        }
        o.setString(what == 0 ? u.name() : what == 1 ? u.homedir() : u.shell());
        return true;
    }
}

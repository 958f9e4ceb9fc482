package org.lanner.output.file.bench;

import java.util.List;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;

/** A typical syscall alert: the output and fields of a default rule, three tags. */
final class Alerts {

    private Alerts() {
    }

    static Alert typical(long ts) {
        return new Alert(ts, "Write below etc", Priority.ERROR, "syscall", List.of("filesystem", "mitre_persistence", "host"),
                "File below /etc opened for writing (user=root user_loginuid=-1 command=vi /etc/shadow pid=4242 "
                        + "parent=bash pcmdline=bash file=/etc/shadow program=vi gparent=sshd ggparent=systemd "
                        + "gggparent=<NA> container_id=host image=<NA>)",
                List.of(new OutputField("container.id", "host"), new OutputField("container.image.repository", null),
                        new OutputField("fd.name", "/etc/shadow"), new OutputField("proc.aname[2]", "sshd"),
                        new OutputField("proc.aname[3]", "systemd"), new OutputField("proc.aname[4]", null),
                        new OutputField("proc.cmdline", "vi /etc/shadow"), new OutputField("proc.name", "vi"),
                        new OutputField("proc.pcmdline", "bash"), new OutputField("proc.pid", 4242L),
                        new OutputField("proc.pname", "bash"), new OutputField("user.loginuid", -1L),
                        new OutputField("user.name", "root")),
                "node-1");
    }
}

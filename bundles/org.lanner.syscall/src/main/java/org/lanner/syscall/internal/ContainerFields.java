package org.lanner.syscall.internal;

import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.common.Glob;
import org.osgi.service.component.annotations.Component;

/** The {@code container} field class: the container the thread runs in ({@code host} when none). */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "container", sources = "syscall")
public final class ContainerFields extends SyscallFieldClass {

    /** Reads a value of the thread's container. */
    @FunctionalInterface
    private interface ContainerGetter {
        boolean get(Container k, ValueHolder o);
    }

    public ContainerFields() {
        super("container", "The container the process runs in; id and name are 'host' outside containers.");
        field("container.id", FieldType.CHARBUF, "the container id (12 characters), or 'host'.", (c, e, o) -> {
            if (c.thread == null) {
                return false;
            }
            o.setString(c.thread.containerId.isEmpty() ? "host" : c.thread.containerId);
            return true;
        });
        field("container.name", FieldType.CHARBUF, "the container name, or 'host'.", (c, e, o) -> {
            if (c.thread == null) {
                return false;
            }
            if (c.thread.containerId.isEmpty()) {
                o.setString("host");
                return true;
            }
            return c.container != null && text(o, c.container.name);
        });
        k("container.image", "the image as the container was started from (falcosecurity/falco:latest).",
                (k, o) -> text(o, k.image));
        k("container.image.id", "the image id (6f7e2741b66b).", (k, o) -> text(o, k.imageId));
        field("container.type", FieldType.CHARBUF, "the runtime: docker, cri, containerd, cri-o, podman, lxc…, or 'host'.",
                (c, e, o) -> {
                    if (c.thread == null) {
                        return false;
                    }
                    if (c.thread.containerId.isEmpty()) {
                        o.setString("host");
                        return true;
                    }
                    if (c.container == null) {
                        return false;
                    }
                    o.setString(c.container.typeName());
                    return true;
                });
        field("container.privileged", FieldType.BOOL, "true for privileged containers (docker-compatible runtimes only).",
                container(FieldType.BOOL, (k, o) -> {
                    if (!k.dockerCompatible()) {
                        return false;
                    }
                    o.setBool(k.privileged);
                    return true;
                }));
        k("container.mounts", "every mount as source:dest:mode:rdrw:propagation, separated by commas.",
                (k, o) -> {
                    o.setString(k.mountsText());
                    return true;
                });
        declare(new FieldInfo("container.mount", FieldType.CHARBUF, "one mount as source:dest:mode:rdrw:propagation, by "
                + "index (container.mount[0]) or source path glob (container.mount[/usr/local*]).", ArgKind.REQUIRED, null),
                arg -> mount(arg, 0));
        declare(new FieldInfo("container.mount.source", FieldType.CHARBUF, "the source of a mount, by index or "
                + "destination path glob.", ArgKind.REQUIRED, null), arg -> mount(arg, 1));
        declare(new FieldInfo("container.mount.dest", FieldType.CHARBUF, "the destination of a mount, by index or source "
                + "path glob.", ArgKind.REQUIRED, null), arg -> mount(arg, 2));
        declare(new FieldInfo("container.mount.mode", FieldType.CHARBUF, "the mode of a mount, by index or source path "
                + "glob.", ArgKind.REQUIRED, null), arg -> mount(arg, 3));
        declare(new FieldInfo("container.mount.rdwr", FieldType.CHARBUF, "whether a mount is writable (true/false), by "
                + "index or source path glob.", ArgKind.REQUIRED, null), arg -> mount(arg, 4));
        declare(new FieldInfo("container.mount.propagation", FieldType.CHARBUF, "the propagation of a mount, by index or "
                + "source path glob.", ArgKind.REQUIRED, null), arg -> mount(arg, 5));
        k("container.image.repository", "the repository of the image (falcosecurity/falco).", (k, o) -> text(o, k.imageRepo));
        k("container.image.tag", "the tag of the image (latest).", (k, o) -> text(o, k.imageTag));
        k("container.image.digest", "the registry digest of the image (sha256:…).", (k, o) -> text(o, k.imageDigest));
        k("container.healthcheck", "the health check command, or NONE.", (k, o) -> probe(k, o, ThreadInfo.CAT_HEALTHCHECK));
        k("container.liveness_probe", "the liveness probe command, or NONE.",
                (k, o) -> probe(k, o, ThreadInfo.CAT_LIVENESS_PROBE));
        k("container.readiness_probe", "the readiness probe command, or NONE.",
                (k, o) -> probe(k, o, ThreadInfo.CAT_READINESS_PROBE));
    }

    private void k(String name, String desc, ContainerGetter g) {
        field(name, FieldType.CHARBUF, desc, container(FieldType.CHARBUF, g));
    }

    /** A value of the thread's container; none on the host or when nothing is known about it. */
    private static Getter container(FieldType type, ContainerGetter g) {
        return (c, e, o) -> c.thread != null && !c.thread.containerId.isEmpty() && c.container != null
                && g.get(c.container, o);
    }

    private static boolean text(ValueHolder o, String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        o.setString(s);
        return true;
    }

    private static boolean probe(Container k, ValueHolder o, int category) {
        for (Container.Probe p : k.probes) {
            if (p.category() == category) {
                StringBuilder sb = new StringBuilder(p.exe());
                for (String a : p.args()) {
                    sb.append(' ').append(a);
                }
                o.setString(sb.toString());
                return true;
            }
        }
        o.setString("NONE");
        return true;
    }

    /**
     * @param what 0 the whole mount, 1 source, 2 dest, 3 mode, 4 rdwr, 5 propagation
     */
    private FieldAccessor mount(String arg, int what) throws FieldBindException {
        int index;
        String pattern;
        try {
            index = Integer.parseInt(arg.trim());
            pattern = null;
        } catch (NumberFormatException e) {
            index = -1;
            pattern = arg;
        }
        int idx = index;
        Glob pat = new Glob(pattern == null ? "" : pattern);
        return new Accessor(FieldType.CHARBUF, container(FieldType.CHARBUF, (k, o) -> {
            Container.Mount m;
            if (idx != -1) {
                m = k.mountByIndex(idx);
            } else {
                m = what == 1 ? k.mountByDest(pat) : k.mountBySource(pat);
            }
            if (m == null) {
                return false;
            }
            String v = switch (what) {
                case 0 -> m.text();
                case 1 -> m.source();
                case 2 -> m.dest();
                case 3 -> m.mode();
                case 4 -> m.rdwr() ? "true" : "false";
                default -> m.propagation();
            };
            o.setString(v);
            return true;
        }));
    }
}

package org.lanner.syscall.internal;

/**
 * Finds the container a thread runs in from its control groups, as libsinsp's container engines
 * do when they cannot ask a runtime (replaying a capture): podman ({@code libpod-<id>.scope}),
 * docker ({@code /<id>}, {@code docker-<id>.scope}), CRI runtimes (containerd, cri-o), LXC,
 * libvirt-LXC, Mesos and BPM. Engines are tried in libsinsp's order; the first that recognises a
 * cgroup decides.
 */
final class ContainerDetector {

    private static final int ID_LENGTH = 64;
    private static final int SHORT_ID = 12;

    /** A detected container id and, when libsinsp records one, the placeholder to add to the table. */
    record Detection(String id, Container placeholder) {
    }

    private static final String[][] PODMAN = {{"/libpod-", ".scope"}};
    private static final String[][] DOCKER = {{"/", ""}, {"/docker-", ".scope"}};
    private static final String[][] CRI = {{"/", ""}, {"/crio-", ""}, {"/cri-containerd-", ".scope"}, {"/crio-", ".scope"},
        {":cri-containerd:", ""}};

    private ContainerDetector() {
    }

    /**
     * @param cgroups subsystem/path pairs
     * @param env the thread's environment (for Mesos task ids)
     * @return the detection, or null for the host
     */
    static Detection detect(String[] cgroups, String[] env) {
        String id = runcId(cgroups, PODMAN);
        if (id != null) {
            return new Detection(id, Container.placeholder(id, Container.PODMAN, ""));
        }
        id = runcId(cgroups, DOCKER);
        if (id != null) {
            return new Detection(id, Container.placeholder(id, Container.DOCKER, ""));
        }
        // CRI: without a runtime socket libsinsp keeps the id but records nothing about it
        String criId = runcId(cgroups, CRI);
        for (int i = 1; i < cgroups.length; i += 2) {
            String cg = cgroups[i];
            int pos = cg.indexOf("/lxc/");
            int skip = 5;
            if (pos < 0) {
                pos = cg.indexOf("/lxc.payload/");
                skip = 13;
            }
            if (pos >= 0) {
                int start = pos + skip;
                int end = cg.indexOf('/', start);
                String lxc = end < 0 ? cg.substring(start) : cg.substring(start, end);
                return new Detection(lxc, Container.placeholder(lxc, Container.LXC, lxc));
            }
        }
        String libvirt = libvirtLxc(cgroups);
        if (libvirt != null) {
            return new Detection(libvirt, Container.placeholder(libvirt, Container.LIBVIRT_LXC, libvirt));
        }
        for (int i = 1; i < cgroups.length; i += 2) {
            String cg = cgroups[i];
            int pos = cg.indexOf("/mesos/");
            if (pos >= 0) {
                String mid = cg.substring(pos + 7);
                if (mid.length() == 36 && mid.chars().allMatch(ch -> hex(ch) || ch == '-') && mesosTask(env)) {
                    return new Detection(mid, Container.placeholder(mid, Container.MESOS, mid));
                }
            }
        }
        for (int i = 1; i < cgroups.length; i += 2) {
            String cg = cgroups[i];
            int pos = cg.indexOf("bpm-");
            if (pos >= 0) {
                int start = pos + 4;
                int end = cg.indexOf(".scope", start);
                String bpm = end < 0 ? cg.substring(start) : cg.substring(start, end);
                if (!bpm.isEmpty() && bpm.chars().allMatch(ch -> Character.isLetterOrDigit(ch) && ch < 128
                        || ch == '.' || ch == '_' || ch == '-')) {
                    return new Detection(bpm, Container.placeholder(bpm, Container.BPM, bpm));
                }
            }
        }
        return criId == null ? null : new Detection(criId, null);
    }

    private static boolean mesosTask(String[] env) {
        for (String e : env) {
            if (e.startsWith("MESOS_TASK_ID=") || e.startsWith("mesos_task_id=") || e.startsWith("MESOS_EXECUTOR_ID=")) {
                return e.indexOf('=') < e.length() - 1;
            }
        }
        return false;
    }

    private static String libvirtLxc(String[] cgroups) {
        for (int i = 1; i < cgroups.length; i += 2) {
            String cg = cgroups[i];
            int pos = cg.indexOf(".libvirt-lxc");
            if (pos >= 0 && pos == cg.length() - ".libvirt-lxc".length()) {
                int slash = cg.lastIndexOf('/');
                if (slash >= 0 && slash < pos) {
                    return cg.substring(slash + 1, pos);
                }
            }
            pos = cg.indexOf("-lxc\\x2");
            if (pos >= 0) {
                int scope = cg.indexOf(".scope");
                if (scope >= 0 && scope == cg.length() - ".scope".length()) {
                    int start = pos + "-lxc\\x2".length() + 1;
                    if (start <= scope) {
                        return cg.substring(start, scope);
                    }
                }
            }
            pos = cg.indexOf("/libvirt/lxc/");
            if (pos >= 0) {
                return cg.substring(pos + "/libvirt/lxc/".length());
            }
        }
        return null;
    }

    /** The first cgroup path (in order) ending with {@code <prefix><64 hex digits><suffix>}. */
    private static String runcId(String[] cgroups, String[][] layout) {
        for (int i = 1; i < cgroups.length; i += 2) {
            for (String[] l : layout) {
                String id = matchOne(cgroups[i], l[0], l[1]);
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    private static String matchOne(String cgroup, String prefix, String suffix) {
        int start = cgroup.lastIndexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end = cgroup.lastIndexOf(suffix);
        if (end < 0 || end - start != ID_LENGTH) {
            return null;
        }
        // libsinsp compares the absolute position of the first non-hex character with 64
        int bad = -1;
        for (int k = start; k < cgroup.length(); k++) {
            if (!hex(cgroup.charAt(k))) {
                bad = k;
                break;
            }
        }
        if (bad >= 0 && bad < ID_LENGTH) {
            return null;
        }
        return cgroup.substring(start, start + SHORT_ID);
    }

    private static boolean hex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

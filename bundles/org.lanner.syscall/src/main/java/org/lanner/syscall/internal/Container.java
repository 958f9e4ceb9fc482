package org.lanner.syscall.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lanner.common.Glob;

/** What is known about one container (libsinsp's container info). Immutable. */
final class Container {

    // container types (sinsp_container_type)
    static final int DOCKER = 0;
    static final int LXC = 1;
    static final int LIBVIRT_LXC = 2;
    static final int MESOS = 3;
    static final int RKT = 4;
    static final int CUSTOM = 5;
    static final int CRI = 6;
    static final int CONTAINERD = 7;
    static final int CRIO = 8;
    static final int BPM = 9;
    static final int STATIC = 10;
    static final int PODMAN = 11;

    /** One mount: {@code container.mounts} prints {@code source:dest:mode:rdwr:propagation}. */
    record Mount(String source, String dest, String mode, boolean rdwr, String propagation) {
        String text() {
            return source + ":" + dest + ":" + mode + ":" + (rdwr ? "true" : "false") + ":" + propagation;
        }
    }

    /** A health probe: the category a process matching it gets. */
    record Probe(int category, String exe, List<String> args) {
    }

    final String id;
    final String fullId;
    final int type;
    final String name;
    final String image;
    final String imageId;
    final String imageRepo;
    final String imageTag;
    final String imageDigest;
    final boolean privileged;
    final List<Mount> mounts;
    /** The container's IPv4 address as a raw (network-order) value, 0 when unknown. */
    final int ip;
    final boolean successful;
    final List<Probe> probes;
    private volatile String mountsText;

    Container(String id, String fullId, int type, String name, String image, String imageId, String imageRepo,
            String imageTag, String imageDigest, boolean privileged, List<Mount> mounts, int ip, boolean successful,
            List<Probe> probes) {
        this.id = id;
        this.fullId = fullId;
        this.type = type;
        this.name = name;
        this.image = image;
        this.imageId = imageId;
        this.imageRepo = imageRepo;
        this.imageTag = imageTag;
        this.imageDigest = imageDigest;
        this.privileged = privileged;
        this.mounts = List.copyOf(mounts);
        this.ip = ip;
        this.successful = successful;
        this.probes = List.copyOf(probes);
    }

    /** The placeholder libsinsp records when a process's cgroups name a container it knows nothing about. */
    static Container placeholder(String id, int type, String name) {
        return new Container(id, "", type, name, "", "", "", "", "", false, List.of(), 0, true, List.of());
    }

    /** {@code container.type}. */
    String typeName() {
        switch (type) {
            case DOCKER:
                return "docker";
            case LXC:
                return "lxc";
            case LIBVIRT_LXC:
                return "libvirt-lxc";
            case MESOS:
                return "mesos";
            case CRI:
                return "cri";
            case CONTAINERD:
                return "containerd";
            case CRIO:
                return "cri-o";
            case RKT:
                return "rkt";
            case BPM:
                return "bpm";
            case PODMAN:
                return "podman";
            case STATIC:
                return "static";
            default:
                return "custom";
        }
    }

    /** Runtimes whose privileged flag libsinsp trusts. */
    boolean dockerCompatible() {
        return type == DOCKER || type == CRI || type == CONTAINERD || type == CRIO || type == PODMAN;
    }

    /** {@code container.mounts}: every mount, comma-separated. */
    String mountsText() {
        String s = mountsText;
        if (s == null) {
            StringBuilder sb = new StringBuilder();
            for (Mount m : mounts) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(m.text());
            }
            s = sb.toString();
            mountsText = s;
        }
        return s;
    }

    Mount mountByIndex(int i) {
        return i >= 0 && i < mounts.size() ? mounts.get(i) : null;
    }

    Mount mountBySource(Glob pattern) {
        for (Mount m : mounts) {
            if (pattern.matches(m.source)) {
                return m;
            }
        }
        return null;
    }

    Mount mountByDest(Glob pattern) {
        for (Mount m : mounts) {
            if (pattern.matches(m.dest)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Reads the JSON of a container event ({@code {"container": {...}}}).
     *
     * @throws IllegalArgumentException when the text is not JSON
     */
    @SuppressWarnings("unchecked")
    static Container fromJson(String json) {
        Object root = Json.parse(json);
        Map<String, Object> c = Map.of();
        if (root instanceof Map<?, ?> m && m.get("container") instanceof Map<?, ?> cm) {
            c = (Map<String, Object>) cm;
        }
        String id = str(c, "id");
        Long type = Json.asLong(c.get("type"));
        Boolean priv = Json.asBool(c.get("privileged"));
        boolean successful = true;
        Long state = Json.asLong(c.get("lookup_state"));
        if (state != null) {
            // STARTED (0) from a file can never finish: libsinsp rewrites it to FAILED (2)
            successful = state != 0 && state != 2;
        }
        List<Mount> mounts = new ArrayList<>();
        if (c.get("Mounts") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> mm) {
                    Object rw = mm.get("RW");
                    mounts.add(new Mount(text(mm.get("Source")), text(mm.get("Destination")), text(mm.get("Mode")),
                            rw instanceof Boolean b && b, text(mm.get("Propagation"))));
                }
            }
        }
        List<Probe> probes = new ArrayList<>();
        probe(c, "Healthcheck", ThreadInfo.CAT_HEALTHCHECK, probes);
        probe(c, "LivenessProbe", ThreadInfo.CAT_LIVENESS_PROBE, probes);
        probe(c, "ReadinessProbe", ThreadInfo.CAT_READINESS_PROBE, probes);
        int ip = 0;
        String ipText = str(c, "ip");
        if (!ipText.isEmpty()) {
            ip = parseIpv4(ipText);
        }
        return new Container(id, str(c, "full_id"), type == null ? DOCKER : type.intValue(), str(c, "name"),
                str(c, "image"), str(c, "imageid"), str(c, "imagerepo"), str(c, "imagetag"), str(c, "imagedigest"),
                priv != null && priv, mounts, ip, successful, probes);
    }

    private static void probe(Map<String, Object> c, String key, int category, List<Probe> out) {
        if (c.get(key) instanceof Map<?, ?> p) {
            String exe = Json.asString(p.get("exe"));
            if (exe != null) {
                List<String> args = new ArrayList<>();
                if (p.get("args") instanceof List<?> l) {
                    for (Object a : l) {
                        String s = Json.asString(a);
                        if (s != null) {
                            args.add(s);
                        }
                    }
                }
                out.add(new Probe(category, exe, args));
            }
        }
    }

    private static String str(Map<String, Object> m, String key) {
        String s = Json.asString(m.get(key));
        return s == null ? "" : s;
    }

    private static String text(Object o) {
        return o instanceof String s ? s : "";
    }

    private static int parseIpv4(String s) {
        String[] p = s.split("\\.");
        if (p.length != 4) {
            return 0;
        }
        try {
            int raw = 0;
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(p[i]);
                if (v < 0 || v > 255) {
                    return 0;
                }
                raw |= v << (8 * i);
            }
            return raw;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

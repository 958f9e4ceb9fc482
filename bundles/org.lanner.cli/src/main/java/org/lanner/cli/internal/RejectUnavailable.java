package org.lanner.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Falco's flags whose capability this build does not have: one clear line each, never silence. */
final class RejectUnavailable implements Step {

    @Override
    public int run(Invocation inv) throws Failure {
        Options o = inv.options;
        Map<String, Boolean> flags = new LinkedHashMap<>();
        flags.put("-k/--k8s-api (Kubernetes metadata)", o.k8sApi != null);
        flags.put("-K/--k8s-api-cert (Kubernetes metadata)", o.k8sApiCert != null);
        flags.put("--k8s-node (Kubernetes metadata)", o.k8sNode != null);
        flags.put("-m/--mesos-api (Mesos metadata)", o.mesosApi != null);
        flags.put("--cri (container metadata)", o.criSocket != null);
        flags.put("--disable-cri-async (container metadata)", o.disableCriAsync);
        flags.put("-u/--userspace (the ptrace driver)", o.userspace);
        flags.put("-pk/-pm (Kubernetes and Mesos metadata)", o.printFormat != null && List.of("k", "kubernetes", "m", "mesos").contains(o.printFormat));
        flags.put("--alternate-lua-dir (Lanner has no Lua)", o.alternateLuaDir != null);
        for (Map.Entry<String, Boolean> e : flags.entrySet()) {
            if (e.getValue()) {
                throw new Failure("Runtime error: " + e.getKey() + " is not available in this build. Exiting.");
            }
        }
        return CONTINUE;
    }
}

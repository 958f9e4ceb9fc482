package org.lanner.output.core.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host name alerts carry when the engine did not set one, found as Falco finds it. */
final class Hostnames {

    private Hostnames() {
    }

    /**
     * {@code FALCO_HOSTNAME} (later Falco), {@code FALCO_GRPC_HOSTNAME} (Falco 0.30), else the
     * kernel's host name ({@code gethostname(2)}).
     */
    static String local() {
        for (String env : new String[] {"FALCO_HOSTNAME", "FALCO_GRPC_HOSTNAME"}) {
            String v = System.getenv(env);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        try {
            String v = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!v.isEmpty()) {
                return v;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask Java below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

package org.lanner.common;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The host name alerts carry, found as Falco finds it. */
public final class HostNames {

    private HostNames() {
    }

    /**
     * {@code FALCO_HOSTNAME} (later Falco), {@code FALCO_GRPC_HOSTNAME} (Falco 0.30), else the
     * kernel's host name ({@code gethostname(2)}), else Java's idea of it, else {@code localhost}.
     */
    public static String local() {
        return local(System::getenv, Path.of("/proc/sys/kernel/hostname"));
    }

    /** {@link #local()} with the environment and the kernel's file given (tests). */
    static String local(UnaryOperator<String> env, Path kernelHostname) {
        for (String name : new String[] {"FALCO_HOSTNAME", "FALCO_GRPC_HOSTNAME"}) {
            String v = env.apply(name);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        try {
            String v = Files.readString(kernelHostname).trim();
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

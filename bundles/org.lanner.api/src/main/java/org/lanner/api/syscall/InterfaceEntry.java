package org.lanner.api.syscall;

/**
 * One network interface address.
 *
 * @param name interface name
 * @param address 4 or 16 bytes, network order
 * @param netmask same length as the address
 * @param broadcast same length as the address
 * @param linkSpeed link speed (0 unknown)
 */
public record InterfaceEntry(String name, byte[] address, byte[] netmask, byte[] broadcast, long linkSpeed) {

    public boolean isIpv6() {
        return address != null && address.length == 16;
    }
}

package org.lanner.driver.ebpf.internal;

import org.lanner.api.source.SourceException;

/**
 * The open parameters of the live {@code syscall} source ({@code EventSource.open(params)}, a run's
 * {@code InputSpec.params}): empty for the component's configuration, or {@code key=value} pairs
 * separated by commas. The only key is {@code snaplen}, the bytes of I/O data kept in
 * read/write/send/recv events for this stream (Falco's {@code -S}), 0 to {@link DriverSettings#MAX_SNAPLEN}.
 *
 * @param snaplen the stream's snaplen, or null for the configured one
 */
record OpenParams(Integer snaplen) {

    static final OpenParams NONE = new OpenParams(null);

    static OpenParams parse(String params) throws SourceException {
        if (params == null || params.isBlank()) {
            return NONE;
        }
        Integer snaplen = null;
        for (String pair : params.split(",")) {
            String p = pair.trim();
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq).trim();
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            if (!key.equals("snaplen")) {
                throw new SourceException("live capture: unknown open parameter '" + p + "' (the eBPF driver takes snaplen=<bytes>)");
            }
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new SourceException("live capture: snaplen '" + value + "' is not a number of bytes");
            }
            if (n < 0 || n > DriverSettings.MAX_SNAPLEN) {
                throw new SourceException("snaplen can't exceed " + DriverSettings.MAX_SNAPLEN + " bytes with the eBPF driver (the longest I/O "
                        + "buffer its probe copies), not " + n);
            }
            snaplen = n;
        }
        return new OpenParams(snaplen);
    }
}

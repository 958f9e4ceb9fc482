package org.lanner.api.extract;

/**
 * How fields render the byte buffers of events (the data of reads, writes, sends…) as text: in
 * {@code evt.arg.data}, {@code evt.args}, {@code evt.info} and the printed form of
 * {@code evt.buffer}. A run chooses one for all its fields, comparisons included, as Falco sets one
 * for its inspector ({@code sinsp::set_buffer_format}; {@code falco -b} selects base64).
 */
public enum BufferFormat {
    /** Printable ASCII bytes as they are, every other byte as {@code .} (libsinsp's {@code PF_NORMAL}). */
    NORMAL,
    /** Standard base64 with {@code =} padding (libsinsp's {@code PF_BASE64}); an empty buffer is empty text. */
    BASE64
}

package org.lanner.output.core;

import java.util.SortedMap;

import org.lanner.api.output.Alert;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns alerts into the lines Falco prints. The service is configured from the {@code org.lanner.output}
 * configuration; sinks reference it so that every sink prints the same format.
 *
 * <p>An {@link Alert}'s {@code output} is the rule's output with its fields resolved; the formatter
 * adds Falco's prefix ({@code <time>: <Priority> }). Alerts whose source is {@code internal} (drops,
 * output timeouts) get Falco's internal-message shape.
 */
@ProviderType
public interface AlertFormatter {

    /** The options this formatter applies. */
    FormatOptions options();

    /** The alert as the configured sinks print it: JSON when {@code json_output} is true, else text. No newline. */
    default String format(Alert alert) {
        return options().jsonOutput() ? json(alert) : text(alert);
    }

    /** The text line: {@code 17:31:52.123456789: Warning <output>}. No newline. */
    String text(Alert alert);

    /** The JSON document, whatever {@code json_output} says (the http sink always posts JSON). No newline. */
    String json(Alert alert);

    /**
     * The output fields as Falco's gRPC output carries them: every value as text ({@code <NA>} when
     * missing), the time field of the prefix included, sorted by name.
     */
    SortedMap<String, String> fieldStrings(Alert alert);
}

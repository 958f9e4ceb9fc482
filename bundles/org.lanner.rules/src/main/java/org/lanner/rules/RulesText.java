package org.lanner.rules;

import java.util.Objects;

/**
 * Rules given as text.
 *
 * @param name what problems call the file
 * @param yaml the content
 */
public record RulesText(String name, String yaml) {

    public RulesText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(yaml, "yaml");
    }
}

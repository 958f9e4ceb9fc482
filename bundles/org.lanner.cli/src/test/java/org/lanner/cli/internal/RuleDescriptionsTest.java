package org.lanner.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.engine.RuleInfo;
import org.lanner.api.output.Priority;

class RuleDescriptionsTest {

    @Test
    void printsFalcosTwoColumnsWithWrappedDescriptions() {
        RuleInfo r = new RuleInfo("Write below etc", "an attempt to write to any file below /etc, which holds configuration that "
                + "attackers like to change to persist or to weaken the host", "c", "o", Priority.ERROR, List.of(), "syscall", true, "f", 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RuleDescriptions.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(r), null);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(1)).isEqualTo(String.format("%-50s %s", "Rule", "Description"));
        assertThat(lines.get(3)).startsWith(String.format("%-50s an attempt", "Write below etc"));
        assertThat(lines.get(4)).startsWith(" ".repeat(51)).doesNotStartWith(" ".repeat(52));
        for (String l : lines.subList(3, lines.size())) {
            assertThat(l.length()).as("description column wrapped at about 60 characters").isLessThanOrEqualTo(51 + 60);
        }
    }
}

package org.lanner.config.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.lanner.test.SharedData;

/**
 * docs/config-reference.md carries a block generated from the {@link Schema}. This fails when the
 * two disagree; {@code -Dlanner.updateDocs=true} rewrites the block instead.
 */
class ReferenceDocTest {

    @Test
    void theReferenceMatchesTheSchema() throws Exception {
        Path doc = SharedData.repositoryRoot().resolve("docs/config-reference.md");
        assertThat(doc).exists();
        String text = Files.readString(doc, UTF_8);
        int begin = text.indexOf(ReferenceDoc.BEGIN);
        int end = text.indexOf(ReferenceDoc.END);
        assertThat(begin).as("the generated block's first line in " + doc).isNotNegative();
        assertThat(end).as("the generated block's last line in " + doc).isGreaterThan(begin);
        String current = text.substring(begin, end + ReferenceDoc.END.length() + 1);
        String generated = ReferenceDoc.generate();
        if (Boolean.getBoolean("lanner.updateDocs")) {
            Files.writeString(doc, text.substring(0, begin) + generated + text.substring(end + ReferenceDoc.END.length() + 1), UTF_8);
            return;
        }
        assertThat(current).as("docs/config-reference.md is out of date: run "
                + "mvn -pl bundles/org.lanner.config -am verify -Dlanner.updateDocs=true").isEqualTo(generated);
    }

    @Test
    void everyKeyIsInTheReference() {
        String generated = ReferenceDoc.generate();
        for (Setting<?> s : Schema.SETTINGS) {
            assertThat(generated).contains("| `" + s.key() + "` |");
        }
        for (Schema.Target t : Schema.TARGETS) {
            assertThat(generated).contains("| `" + t.pid() + "` |");
        }
    }
}

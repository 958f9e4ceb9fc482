package org.lanner.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which command lines make the live source load its probe ahead (LannerCommand prepares the live source). */
class CapturesLiveTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                   | true",
        "-M 60                                | true",
        "-r my_rules.yaml -o json_output=true | true",
        "-A -w out.scap                       | true",
        "-e capture.scap                      | false",
        "--version                            | false",
        "--help                               | false",
        "-V rules.yaml                        | false",
        "-L                                   | false",
        "-l Some rule                         | false",
        "--list                               | false",
        "-i                                   | false",
        "--support                            | false",
        "--no-such-flag                       | false",
    })
    void liveRunsOnly(String line, boolean live) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split(" ", line.startsWith("-l ") ? 2 : -1);
        assertThat(Command.capturesLive(args)).as(line).isEqualTo(live);
    }
}

package org.lanner.filter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchersTest {

    @ParameterizedTest(name = "pmatch {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "/var/run,/etc,/lib,/usr/lib | /var/run/docker | true",
        "/var/run,/etc,/lib,/usr/lib | /boot           | false",
        "/var/run,/etc,/lib,/usr/lib | /var/lib/x      | false",
        "/var/run,/etc,/lib,/usr/lib | /var            | false",
        "/var/run,/etc,/lib,/usr/lib | /var/run        | true",
        "/var/run,/etc,/lib,/usr/lib | /var/running    | false",
        "/var/run,/etc,/lib,/usr/lib | //etc//passwd   | true",
        "/usr/lib,/usr               | /usr/share      | true",
        "/usr,/usr/lib               | /usr/share      | true",
        "/                           | /anything       | true",
        "/                           | /               | true",
        "/a                          | /               | false",
        "/a/                         | /a              | true",
        "a/b                         | /a/b/c          | true",
    })
    void pathPrefixSearch(String paths, String path, boolean expected) {
        PathSet set = new PathSet();
        for (String p : paths.split(",")) {
            set.add(p);
        }
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        assertThat(set.matches(b, 0, b.length)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ip {0}")
    @CsvSource(delimiter = '|', value = {
        "::                         | ::",
        "::1                        | ::1",
        "1::                        | 1::",
        "2001:DB8:0:0:0:0:0:1       | 2001:db8::1",
        "2001:db8:0:1:0:0:0:1       | 2001:db8:0:1::1",
        "1:0:0:2:0:0:0:3            | 1:0:0:2::3",
        "::ffff:1.2.3.4             | ::ffff:1.2.3.4",
        "::1.2.3.4                  | ::1.2.3.4",
        "fe80::1:2                  | fe80::1:2",
        "1:2:3:4:5:6:7:8            | 1:2:3:4:5:6:7:8",
        "1:0:3:4:5:6:7:8            | 1:0:3:4:5:6:7:8",
    })
    void ipv6RoundTripsLikeInetNtop(String in, String out) {
        byte[] a = Ip.parseV6(in);
        assertThat(a).isNotNull();
        assertThat(Ip.format(a, 0, 16)).isEqualTo(out);
    }

    @ParameterizedTest(name = "bad ip {0}")
    @CsvSource({"1.2.3", "1.2.3.256", "1.2.3.4.5", "a.b.c.d", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::"})
    void rejectsBadAddresses(String in) {
        assertThat(Ip.parseAddress(in)).isNull();
    }

    @ParameterizedTest(name = "net {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8        | 10.255.0.1   | true",
        "10.0.0.0/8        | 11.0.0.1     | false",
        "192.168.1.0/25    | 192.168.1.127 | true",
        "192.168.1.0/25    | 192.168.1.128 | false",
        "0.0.0.0/0         | 1.2.3.4      | true",
        "1.2.3.4           | 1.2.3.4      | true",
        "2001:db8::/32     | 2001:db8:1::5 | true",
        "2001:db8::/32     | 2001:db9::5  | false",
        "2001:db8::/32     | 10.0.0.1     | false",
    })
    void networksContainAddresses(String net, String addr, boolean expected) {
        byte[] a = Ip.parseAddress(addr);
        assertThat(Ip.parseNet(net).contains(a, 0, a.length)).isEqualTo(expected);
    }
}

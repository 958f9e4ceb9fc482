package org.lanner.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.internal.Ip;

class ValueTextTest {

    private static ValueHolder h() {
        return new ValueHolder();
    }

    @Test
    void rendersTextAsLibsinspPrintsIt() {
        assertThat(ValueText.text(FieldType.INT64, h().setLong(-5))).isEqualTo("-5");
        assertThat(ValueText.text(FieldType.UINT64, h().setLong(-1))).isEqualTo("18446744073709551615");
        assertThat(ValueText.text(FieldType.BOOL, h().setBool(true))).isEqualTo("true");
        assertThat(ValueText.text(FieldType.BOOL, h().setBool(false))).isEqualTo("false");
        assertThat(ValueText.text(FieldType.DOUBLE, h().setDouble(3.14159))).isEqualTo("3.1");
        assertThat(ValueText.text(FieldType.CHARBUF, h().setString("bash"))).isEqualTo("bash");
        byte[] cstr = "bash\0".getBytes(StandardCharsets.UTF_8);
        assertThat(ValueText.text(FieldType.CHARBUF, h().setBytes(cstr, 0, cstr.length))).isEqualTo("bash");
        byte[] buf = "GET /\0rest".getBytes(StandardCharsets.UTF_8);
        assertThat(ValueText.text(FieldType.BYTEBUF, h().setBytes(buf, 0, buf.length))).isEqualTo("GET /");
        byte[] v4 = {10, 0, 0, (byte) 200};
        assertThat(ValueText.text(FieldType.IPADDR, h().setBytes(v4, 0, 4))).isEqualTo("10.0.0.200");
        assertThat(ValueText.text(FieldType.IPNET, h().setNetwork(v4, 0, 4, 24))).isEqualTo("10.0.0.200/24");
        byte[] v6 = Ip.parseV6("2001:db8::1");
        assertThat(ValueText.text(FieldType.IPV6ADDR, h().setBytes(v6, 0, 16))).isEqualTo("2001:db8::1");
        assertThat(ValueText.text(FieldType.CHARBUF, h().addItem("a").addItem("b"))).isEqualTo("(a,b)");
        assertThat(ValueText.text(FieldType.CHARBUF, h())).isNull();
    }

    @Test
    void rendersJsonValuesAsTojsonDoes() {
        assertThat(ValueText.json(FieldType.INT32, h().setLong(7))).isEqualTo(7L);
        assertThat(ValueText.json(FieldType.BOOL, h().setBool(true))).isEqualTo(Boolean.TRUE);
        assertThat(ValueText.json(FieldType.DOUBLE, h().setDouble(0.5))).isEqualTo(0.5);
        assertThat(ValueText.json(FieldType.UINT64, h().setLong(-1))).isEqualTo("18446744073709551615");
        assertThat(ValueText.json(FieldType.CHARBUF, h().setString("x"))).isEqualTo("x");
        byte[] v4 = {127, 0, 0, 1};
        assertThat(ValueText.json(FieldType.IPV4ADDR, h().setBytes(v4, 0, 4))).isEqualTo("127.0.0.1");
        assertThat(ValueText.json(FieldType.CHARBUF, h())).isNull();
    }
}

package io.scalingsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.scalingsuite.gateway.config.AddressRange;

/** The matcher behind gateway.forwarded.trusted-proxies: CIDR edges, both families, and what it must refuse. */
class TrustedProxiesTest {

    @Test
    void shouldTrustEveryIpv4AddressWithSlashZeroButNoIpv6() {
        TrustedProxies all = of("0.0.0.0/0");
        assertTrue(all.contains("0.0.0.0"));
        assertTrue(all.contains("255.255.255.255"));
        assertFalse(all.contains("::1"), "IPv4 ranges never match IPv6 addresses");
        assertTrue(of("::/0").contains("2001:db8::1"));
        assertFalse(of("::/0").contains("10.0.0.1"));
    }

    @Test
    void shouldTrustOnlyTheAddressItselfWithSlash32OrAPlainAddress() {
        for (TrustedProxies one : new TrustedProxies[] { of("192.0.2.10/32"), of("192.0.2.10") }) {
            assertTrue(one.contains("192.0.2.10"));
            assertFalse(one.contains("192.0.2.11"));
            assertFalse(one.contains("192.0.2.9"));
        }
    }

    @Test
    void shouldTrustOnlyTheAddressItselfWithSlash128() {
        TrustedProxies one = of("2001:db8::1/128");
        assertTrue(one.contains("2001:db8::1"));
        assertTrue(one.contains("2001:0db8:0:0:0:0:0:1"), "any spelling of the same address");
        assertFalse(one.contains("2001:db8::2"));
        assertFalse(one.contains("2001:db8::"));
    }

    @Test
    void shouldMatchUpToTheRangesBoundariesAndNoFurther() {
        TrustedProxies ranges = of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10");
        assertTrue(ranges.contains("10.0.0.0"));
        assertTrue(ranges.contains("10.255.255.255"));
        assertFalse(ranges.contains("9.255.255.255"));
        assertFalse(ranges.contains("11.0.0.0"));
        assertTrue(ranges.contains("172.31.255.255"), "a prefix that ends inside an octet");
        assertFalse(ranges.contains("172.32.0.0"));
        assertFalse(ranges.contains("172.15.255.255"));
        assertTrue(ranges.contains("192.168.255.1"));
        assertFalse(ranges.contains("192.169.0.1"));
        assertTrue(ranges.contains("100.127.255.255"));
        assertFalse(ranges.contains("100.128.0.0"));
    }

    @Test
    void shouldMatchIpv6RangesBitByBit() {
        TrustedProxies ranges = of("fd00::/8", "2001:db8:abcd:12::/63");
        assertTrue(ranges.contains("fd00::1"));
        assertTrue(ranges.contains("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertFalse(ranges.contains("fc00::1"));
        assertFalse(ranges.contains("fe00::"));
        assertTrue(ranges.contains("2001:db8:abcd:13:ffff::1"));
        assertFalse(ranges.contains("2001:db8:abcd:14::"));
        assertTrue(ranges.contains("[fd00::7]"), "bracketed, as in a URL");
    }

    @Test
    void shouldTreatIpv4MappedIpv6AddressesAsTheirIpv4Address() {
        assertTrue(of("10.0.0.0/8").contains("::ffff:10.1.2.3"), "what a dual-stack socket reports for an IPv4 peer");
        assertFalse(of("10.0.0.0/8").contains("::ffff:11.1.2.3"));
        assertTrue(of("::ffff:192.0.2.0/120").contains("192.0.2.77"), "a mapped range is the IPv4 range");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "unknown", "proxy.example.com", "localhost", "10.0.0.1:8080", "[::1]:8080",
            "10.0.0.0/8", "10.1", "10.0.0.256", "1.2.3.4.5", "0x0a.0.0.1", "10.0.0.1 ", "fd00:::1", "fd00::g",
            "1:2:3:4:5:6:7:8:9", "::ffff:10.1.2" })
    void shouldNotTrustAnythingThatIsNoIpLiteral(String hop) {
        assertFalse(of("0.0.0.0/0", "::/0").contains(hop), "'" + hop + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.0/33", "fd00::/129", "10.0.0.0/-1", "10.0.0.0/", "/8", "10.0.0.0/8/8",
            "10.0.0.0/x",
            "10.0.0.0/0008", "10.1.0.0/8", "fd00::1/8", "proxy.example.com", "localhost", "10.0.0", "", "fe80::1%eth0",
            "::ffff:10.0.0.0/88" })
    void shouldRefuseAMalformedEntry(String entry) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(entry));
        assertTrue(refused.getMessage().contains("'" + entry.trim() + "'"), refused.getMessage());
    }

    @Test
    void shouldNameTheNetworkWhenHostBitsAreSet() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.1.2.3/8"));
        assertTrue(refused.getMessage().contains("10.0.0.0/8"), refused.getMessage());
    }

    @Test
    void shouldTrustNothingWhenEmpty() {
        assertFalse(new TrustedProxies(java.util.List.of()).contains("127.0.0.1"));
        assertFalse(of("127.0.0.0/8").contains(null));
    }

    private static TrustedProxies of(String... entries) {
        return new TrustedProxies(Arrays.stream(entries).map(AddressRange::parse).toList());
    }
}

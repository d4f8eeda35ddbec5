package io.scalingsuite.gateway.config;

import java.util.Arrays;

import org.eclipse.microprofile.config.spi.Converter;

import io.netty.util.NetUtil;

/**
 * One entry of {@code gateway.forwarded.trusted-proxies}: an IPv4 or IPv6 address, or a CIDR range such as
 * {@code 10.0.0.0/8} or {@code fd00::/8}. Parsed once at start (a malformed entry stops the gateway with the entry in
 * the message); matched against raw address bytes on the request path. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.1.2.3}) count as their IPv4 address, so a dual-stack socket changes nothing.
 */
public final class AddressRange {

    private static final byte[] MAPPED_PREFIX = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff };

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private AddressRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** {@code entry}: an address or {@code <address>/<prefix length>}; refused with the reason when malformed. */
    public static AddressRange parse(String entry) {
        String text = entry.trim();
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        byte[] raw = literal.indexOf('%') < 0 ? NetUtil.createByteArrayFromIpAddressString(literal) : null;
        if (raw == null) {
            throw new IllegalArgumentException("'" + text + "' is no IP address or CIDR range (e.g. 10.0.0.0/8, "
                    + "fd00::/8, 203.0.113.7); host names are not accepted");
        }
        int prefix = slash < 0 ? raw.length * 8 : prefixLength(text, text.substring(slash + 1), raw.length * 8);
        byte[] network = unmapped(raw);
        if (network.length < raw.length) {
            if (prefix < 96) {
                throw new IllegalArgumentException("'" + text + "': an IPv4-mapped range needs a prefix of 96 or more; "
                        + "write it as IPv4");
            }
            prefix -= 96;
        }
        if (!Arrays.equals(network, masked(network, prefix))) {
            throw new IllegalArgumentException("'" + text + "' has bits set past its prefix length /" + prefix
                    + "; write the network address, e.g. " + NetUtil.bytesToIpAddress(masked(network, prefix)) + "/"
                    + prefix);
        }
        return new AddressRange(network, prefix, text);
    }

    /** An IP literal (IPv4, IPv6, IPv4-mapped as IPv4) as bytes, or null for anything else; never a DNS lookup. */
    public static byte[] addressBytes(String literal) {
        byte[] raw = NetUtil.createByteArrayFromIpAddressString(literal);
        return raw == null ? null : unmapped(raw);
    }

    /** Whether {@code address} (as from {@link #addressBytes}) lies in this range; IPv4 and IPv6 never match each other. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        return rest == 0 || ((address[whole] ^ network[whole]) & (0xff << (8 - rest))) == 0;
    }

    @Override
    public String toString() {
        return text;
    }

    private static int prefixLength(String entry, String digits, int bits) {
        int length = -1;
        if (!digits.isEmpty() && digits.length() <= 3 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            length = Integer.parseInt(digits);
        }
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("'" + entry + "': the prefix length must be a number from 0 to " + bits);
        }
        return length;
    }

    private static byte[] unmapped(byte[] raw) {
        if (raw.length == 16 && Arrays.equals(raw, 0, 12, MAPPED_PREFIX, 0, 12)) {
            return Arrays.copyOfRange(raw, 12, 16);
        }
        return raw;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (address[i] & (0xff00 >> bits));
        }
        return masked;
    }

    /** Lets {@code GatewayConfig} take the list as it is written (comma-separated entries). */
    public static final class Parser implements Converter<AddressRange> {
        @Override
        public AddressRange convert(String value) {
            return parse(value);
        }
    }
}

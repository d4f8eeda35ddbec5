package io.scalingsuite.gateway.proxy;

import java.util.List;

import io.scalingsuite.gateway.config.AddressRange;

/**
 * The peers whose {@code X-Forwarded-*} headers the gateway believes (load balancers, ingress controllers), as
 * addresses and CIDR ranges. {@link #contains} runs on every request: it parses the literal without DNS and compares
 * bytes, so a host name or anything malformed is simply not trusted.
 */
public final class TrustedProxies {

    private final List<AddressRange> ranges;

    public TrustedProxies(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Whether {@code address} (an IPv4 or IPv6 literal, as a peer or an X-Forwarded-For hop) is a trusted proxy. */
    public boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = AddressRange.addressBytes(address);
        if (bytes == null) {
            return false;
        }
        for (AddressRange range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}

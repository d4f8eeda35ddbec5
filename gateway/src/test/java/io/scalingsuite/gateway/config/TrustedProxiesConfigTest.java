package io.scalingsuite.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** gateway.forwarded.trusted-proxies as the gateway reads it at start: a list of ranges, or a refusal naming the entry. */
class TrustedProxiesConfigTest {

    @Test
    void shouldReadCommaSeparatedRangesAndAddresses() {
        GatewayConfig config = load("10.0.0.0/8, fd00::/8,203.0.113.7");
        assertEquals("[10.0.0.0/8, fd00::/8, 203.0.113.7]",
                config.forwarded().trustedProxies().orElseThrow().toString());
    }

    @Test
    void shouldTrustNoProxyWhenUnsetOrEmpty() {
        assertTrue(load(null).forwarded().trustedProxies().isEmpty());
        assertTrue(load("").forwarded().trustedProxies().isEmpty());
    }

    @Test
    void shouldRefuseToStartWithAMalformedEntry() {
        Exception refused = assertThrows(Exception.class, () -> load("10.0.0.0/8,10.0.0.0/33"));
        String message = String.valueOf(refused.getMessage()) + " " + refused.getCause();
        assertTrue(message.contains("gateway.forwarded.trusted-proxies") && message.contains("10.0.0.0/33")
                && message.contains("prefix length"), message);
    }

    private static GatewayConfig load(String trustedProxies) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("gateway.internal-auth.keys",
                "test:0123456789abcdef0123456789abcdef"));
        if (trustedProxies != null) {
            properties.put("gateway.forwarded.trusted-proxies", trustedProxies);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}

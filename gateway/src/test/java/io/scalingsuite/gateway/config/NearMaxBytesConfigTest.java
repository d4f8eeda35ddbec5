package io.scalingsuite.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** gateway.cache.near-max-bytes as the gateway reads it at start: bytes, or a size with K, M or G (powers of 1024). */
class NearMaxBytesConfigTest {

    @Test
    void shouldReadPlainBytesAndSuffixedSizes() {
        assertEquals(40_000, load("40000"));
        assertEquals(512 * 1024, load("512K"));
        assertEquals(64L * 1024 * 1024, load("64m"));
        assertEquals(1024L * 1024 * 1024, load("1G"));
    }

    @Test
    void shouldHold64MebibytesByDefault() {
        assertEquals(67_108_864, load(null));
    }

    @Test
    void shouldRefuseToStartWithAKubernetesQuantity() {
        assertThrows(Exception.class, () -> load("64Mi"));
    }

    private static long load(String nearMaxBytes) {
        Map<String, String> properties = new HashMap<>(Map.of("gateway.internal-auth.keys",
                "test:0123456789abcdef0123456789abcdef"));
        if (nearMaxBytes != null) {
            properties.put("gateway.cache.near-max-bytes", nearMaxBytes);
        }
        return new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(GatewayConfig.class).cache().nearMaxBytes();
    }
}

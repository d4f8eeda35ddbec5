package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The backlog gauge follows the stream within seconds, however rarely idle deliveries are claimed. */
@QuarkusTest
@TestProfile(BacklogGaugeTest.RareClaims.class)
class BacklogGaugeTest {

    private static final Pattern PENDING = Pattern.compile("(?m)^aggregation_stream_pending (\\S+)$");

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    @Test
    void shouldShowAPendingBacklogWithinSecondsWhenClaimsAreRare() throws Exception {
        CatalogStream stream = new CatalogStream(redis, key);
        for (int i = 0; i < 3; i++) { // delivered to a replica that died: pending until claimed, 30 s from now
            UUID product = UUID.randomUUID();
            stream.publishToDeadConsumer("ProductCreated", product,
                    CatalogStream.product(product, UUID.randomUUID(), "acme", 100, 1));
        }

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> pending() >= 3);
    }

    private static double pending() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        Matcher m = PENDING.matcher(given().get("http://localhost:" + port + "/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** Idle deliveries claimed after a minute, so claims (every half of it) cannot be what samples the backlog. */
    public static class RareClaims implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aggregation.stream.claim-idle", "PT60S");
        }
    }
}

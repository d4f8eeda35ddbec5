package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Response;

/**
 * The backlog gauges follow the stream within seconds, however rarely idle deliveries are claimed and however long
 * the consumer is held up.
 */
@QuarkusTest
@TestProfile(BacklogGaugeTest.RareClaims.class)
class BacklogGaugeTest {

    private static final Pattern PENDING = Pattern.compile("(?m)^aggregation_stream_pending (\\S+)$");
    private static final Pattern UNDELIVERED = Pattern.compile("(?m)^aggregation_stream_undelivered (\\S+)$");

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

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

    /**
     * KEDA's lagCount trigger reads the group's {@code lag} from XINFO GROUPS; the gauge must show that number while
     * a real backlog waits behind a consumer that cannot apply (here: blocked on a table lock), not a stale one.
     */
    @Test
    void shouldReportTheGroupsLagAsKedaReadsItWhileTheConsumerIsBlocked() throws Exception {
        CatalogStream stream = new CatalogStream(redis, key);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try {
                holdBacklog(stream, lock);
            } finally {
                lock.rollback();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> groupLag() == 0 && metric(UNDELIVERED) == 0);
    }

    /** Holds the consumer on a table lock while 300 events arrive; the gauge must show the lag that builds. */
    private void holdBacklog(CatalogStream stream, Connection lock) throws Exception {
        try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE aggregation.applied_event IN ACCESS EXCLUSIVE MODE");
        }
        for (int i = 0; i < 300; i++) {
            UUID product = UUID.randomUUID();
            stream.publish("ProductCreated", product, 0, CatalogStream.product(product, UUID.randomUUID(), "acme", 100,
                    1));
        }
        // The gauge itself, from the registry (MetricsScrapeTest shows a scrape answers under such a lock too).
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> groupLag() >= 100 && registry.get("aggregation.stream.undelivered").gauge()
                        .value() == groupLag());
    }

    /** The consumer group's lag exactly as KEDA's redis-streams scaler reads it (XINFO GROUPS, field lag). */
    private long groupLag() {
        for (Response group : redis.execute("XINFO", "GROUPS", key)) {
            if ("aggregation".equals(field(group, "name"))) {
                return Long.parseLong(field(group, "lag"));
            }
        }
        return -1;
    }

    private static String field(Response entry, String name) {
        if (entry.isMap()) {
            return entry.get(name).toString();
        }
        for (int i = 0; i + 1 < entry.size(); i += 2) {
            if (name.equals(entry.get(i).toString())) {
                return entry.get(i + 1).toString();
            }
        }
        return null;
    }

    private static double pending() {
        return metric(PENDING);
    }

    private static double metric(Pattern gauge) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        Matcher m = gauge.matcher(given().get("http://localhost:" + port + "/q/metrics").asString());
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

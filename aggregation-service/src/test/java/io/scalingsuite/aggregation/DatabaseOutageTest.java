package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Transient is not poison: aggregation's database refuses every connection while the catalog keeps writing, until
 * the consumer threads have paused for it more than {@code consumers} × {@code max-deliveries} times (each pause is a
 * failed try of the thread's first pending entry, so one entry failed more often than a bad event may); and at least
 * {@code test.database-outage-seconds} (10 by default; the system property lengthens it). Nothing is dead-lettered,
 * and afterwards every card converges to the last version written.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnApplication.class)
class DatabaseOutageTest {

    /**
     * An application (and database) of its own: in a shared one, HTTP view reads of the tests that ran next timed out
     * for over 10 s after the outage (cause not found yet: see the commit message).
     */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("test.database-outage-seconds", 10));
    /** The longest the outage may take to bring the consumers their failed attempts. */
    private static final Duration OUTAGE_LIMIT = OUTAGE.plusSeconds(120);
    private static final Pattern PAUSED = Pattern.compile(
            "(?m)^aggregation_consumer_paused_total\\{cause=\"database\"} (\\S+)$");

    @Inject
    ViewsFixture views;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "aggregation.stream.max-deliveries")
    int maxDeliveries;

    @ConfigProperty(name = "aggregation.stream.consumers")
    int consumers;

    @Test
    void shouldDeadLetterNothingDuringADatabaseOutageAndConvergeAfterIt() throws Exception {
        CatalogStream stream = views.stream();
        UUID category = UUID.randomUUID();
        Map<UUID, Long> latestPrice = new HashMap<>();
        Map<UUID, Long> version = new HashMap<>();
        long dead = views.deadLetters();
        write(stream, category, latestPrice, version, 20); // before: the consumer is busy when the outage starts

        String database = url.substring(url.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/')) + "/postgres",
                user, "")) {
            try {
                double pausedBefore = pausedForDatabase();
                outage(admin, database, "false");
                Instant start = Instant.now();
                // writes go on through the outage, two creates every half second, until the consumers failed enough
                await("consumers × max-deliveries pauses for the database").atMost(OUTAGE_LIMIT)
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            write(stream, category, latestPrice, version, 2);
                            return Instant.now().isAfter(start.plus(OUTAGE))
                                    && pausedForDatabase() - pausedBefore > consumers * maxDeliveries;
                        });
                assertEquals(dead, views.deadLetters(), "dead-lettered during the outage");
            } finally {
                outage(admin, database, "true");
            }
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> latestPrice.equals(views.prices(category)));
        UUID any = latestPrice.keySet().iterator().next();
        assertEquals(latestPrice.get(any), price(any), "served over HTTP");
        assertEquals(dead, views.deadLetters(), "dead-lettered after the outage");
    }

    /** Creates a few products and moves five of those known so far to a new version with a new price. */
    private static void write(CatalogStream stream, UUID category, Map<UUID, Long> latestPrice,
            Map<UUID, Long> version, int creates) {
        java.util.List<UUID> known = new java.util.ArrayList<>(latestPrice.keySet());
        java.util.Collections.shuffle(known);
        for (UUID product : known.subList(0, Math.min(5, known.size()))) {
            long next = version.merge(product, 1L, Long::sum);
            long price = 1_000 + next;
            stream.publish("ProductUpdated", product, next, CatalogStream.product(product, category, "acme", price,
                    1));
            latestPrice.put(product, price);
        }
        for (int i = 0; i < creates; i++) {
            UUID product = UUID.randomUUID();
            stream.publish("ProductCreated", product, 0, CatalogStream.product(product, category, "acme", 1_000, 1));
            latestPrice.put(product, 1_000L);
            version.put(product, 0L);
        }
    }

    /** Refuses (or allows again) every connection to the database, and ends the ones it has. */
    private static void outage(Connection admin, String database, String allowConnections) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS " + allowConnections);
            if (allowConnections.equals("false")) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        }
    }

    private static long price(UUID product) {
        var response = given().get("/api/views/products/" + product);
        return response.statusCode() == 200 ? response.<Number>path("priceCents").longValue() : -1;
    }

    private static double pausedForDatabase() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        Matcher m = PAUSED.matcher(given().get("http://localhost:" + port + "/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * A scrape never waits for the database: the backlog gauges are sampled in the background, so /q/metrics answers
 * while the views' tables are locked and the consumer waits on that lock with events behind it.
 */
@QuarkusTest
class MetricsScrapeTest {

    /** A scrape that waited for the lock would outlast this; the lock is held far longer. */
    private static final RestAssuredConfig FIVE_SECONDS = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 5_000)
                    .setParam("http.connection.timeout", 5_000));

    @Inject
    ViewsFixture views;

    @Inject
    DataSource dataSource;

    @Test
    void shouldAnswerAScrapeWhileTheViewsAreLockedAndTheConsumerWaitsOnThem() throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try {
                try (Statement s = lock.createStatement()) {
                    s.execute("LOCK TABLE aggregation.applied_event, aggregation.product_card, "
                            + "aggregation.category_stat, aggregation.merchant_stat IN ACCESS EXCLUSIVE MODE");
                }
                for (int i = 0; i < 20; i++) {
                    UUID product = UUID.randomUUID();
                    views.stream().publish("ProductCreated", product, 0,
                            CatalogStream.product(product, UUID.randomUUID(), "acme", 100, 1));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLocks() > 0);

                given().config(FIVE_SECONDS).get(management("/q/metrics")).then().statusCode(200)
                        .body(containsString("aggregation_stream_undelivered "))
                        .body(containsString("aggregation_stream_pending "));
            } finally {
                lock.rollback();
            }
        }
    }

    /** Sessions of this database waiting for a lock (the consumer); a fresh session sees a fresh pg_stat_activity. */
    private long waitingOnLocks() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                + "AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String management(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://localhost:" + port + path;
    }
}

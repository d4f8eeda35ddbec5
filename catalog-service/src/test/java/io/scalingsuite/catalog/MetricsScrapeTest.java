package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * A scrape never waits for the database: the outbox gauges are sampled in the background, so /q/metrics answers
 * while catalog's outbox is locked and a write and the outbox upkeep wait on that lock.
 */
@QuarkusTest
class MetricsScrapeTest {

    /** A scrape that waited for the lock would outlast this; the lock is held far longer. */
    private static final RestAssuredConfig FIVE_SECONDS = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 5_000)
                    .setParam("http.connection.timeout", 5_000));

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void shouldAnswerAScrapeWhileTheOutboxIsLockedAndAWriteWaitsOnIt() throws Exception {
        String category = Fixtures.category();
        try (Connection lock = DriverManager.getConnection(url, user, "")) {
            lock.setAutoCommit(false);
            CompletableFuture<String> write;
            try {
                try (Statement s = lock.createStatement()) {
                    s.execute("LOCK TABLE catalog.outbox IN ACCESS EXCLUSIVE MODE");
                }
                write = CompletableFuture.supplyAsync(() -> Fixtures.createProduct(category, "acme"));
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLocks() > 0);

                given().config(FIVE_SECONDS).get(management("/q/metrics")).then().statusCode(200)
                        .body(containsString("catalog_outbox_retained{"))
                        .body(containsString("catalog_outbox_stream_length "));
            } finally {
                lock.rollback();
            }
            write.get(); // the write goes through once the lock is gone
        }
    }

    /** Sessions of this database waiting for a lock (the write, the outbox upkeep); a fresh session sees a fresh pg_stat_activity. */
    private long waitingOnLocks() throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
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

package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.events.RelayScripts;

/**
 * The cache's scripts go to Redis by their SHA1 (EVALSHA), not with their text, and a Redis that forgot them
 * ({@code SCRIPT FLUSH}, as after a restart) still serves hits and takes writes; the outbox relay's scripts likewise.
 * On a Redis of its own ({@link OwnRedis}): INFO commandstats and SCRIPT FLUSH are server-wide, and only this
 * application uses that one. The relay runs its scripts in the background too, and after Redis forgot them
 * (restarted empty by {@link StreamLossTest}, flushed here) each one's next run is an EVAL at a moment of its own:
 * the tests that count EVALs load the relay's scripts first ({@link RelayScripts}), and the flushes come last.
 */
@QuarkusTest
@TestProfile(OwnRedis.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CacheScriptTest {

    private static final String PRODUCTS = "/api/catalog/products/";

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    @Order(1)
    void shouldServeCacheHitsWithEvalshaNotTheScriptText() {
        String id = cachedProduct();
        RelayScripts.loadInto(redis);
        long evalsha = calls("evalsha");
        long eval = calls("eval");

        for (int i = 0; i < 5; i++) {
            given().get(PRODUCTS + id).then().statusCode(200).body("id", equalTo(id))
                    .header("X-Served-By", equalTo("cache"));
        }

        assertTrue(calls("evalsha") - evalsha >= 5, "each hit is one EVALSHA: " + (calls("evalsha") - evalsha));
        assertEquals(eval, calls("eval"), "no hit sends the script's text (EVAL)");
    }

    @Test
    @Order(2)
    void shouldPublishAWritesEventWithoutSendingTheScriptText() {
        cachedProduct(); // its event is published before the count starts
        await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
        RelayScripts.loadInto(redis);
        long evalsha = calls("evalsha");
        long eval = calls("eval");

        Fixtures.createProduct(Fixtures.category(), Fixtures.unique("m"));
        await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);

        assertTrue(calls("evalsha") > evalsha, "the relay appended by EVALSHA");
        assertEquals(eval, calls("eval"), "the relay sends no script's text (EVAL)");
    }

    @Test
    @Order(3)
    void shouldServeAHitFromTheCacheAfterRedisForgotTheScript() {
        String id = cachedProduct();
        long loads = Metrics.loads(registry, "product");
        double errors = Metrics.gets(registry, "product", "error");

        redis.execute("SCRIPT", "FLUSH");
        long eval = calls("eval");
        given().get(PRODUCTS + id).then().statusCode(200).body("id", equalTo(id)).header("ETag", equalTo("\"0\""))
                .header("X-Served-By", equalTo("cache"));
        // at least: the relay's own scripts, flushed too, may be sent as EVAL in the background meanwhile
        assertTrue(calls("eval") > eval, "NOSCRIPT is answered by EVAL");
        long evalsha = calls("evalsha");
        for (int i = 0; i < 5; i++) {
            given().get(PRODUCTS + id).then().statusCode(200).header("X-Served-By", equalTo("cache"));
        }

        assertEquals(loads, Metrics.loads(registry, "product"), "NOSCRIPT must not become a PostgreSQL load");
        assertEquals(errors, Metrics.gets(registry, "product", "error"), "NOSCRIPT is not a cache error");
        assertTrue(calls("evalsha") - evalsha >= 5, "the EVAL cached the script again: each later hit is an EVALSHA");
    }

    @Test
    @Order(4)
    void shouldTakeAWriteAndShowItAfterRedisForgotTheScripts() {
        String id = cachedProduct();

        redis.execute("SCRIPT", "FLUSH");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 3}")
                .patch(PRODUCTS + id).then().statusCode(200);

        given().get(PRODUCTS + id).then().statusCode(200).body("stock", equalTo(3)).header("ETag", equalTo("\"1\""));
    }

    /** A product whose entry is in Redis, and the lookup script in Redis' script cache. */
    private String cachedProduct() {
        String id = Fixtures.createProduct(Fixtures.category(), Fixtures.unique("m"));
        given().get(PRODUCTS + id).then().statusCode(200).header("X-Served-By", equalTo("primary"));
        given().get(PRODUCTS + id).then().statusCode(200).header("X-Served-By", equalTo("cache"));
        return id;
    }

    private long unpublished() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM catalog.outbox WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Calls of a command since the server started ({@code cmdstat_<name>:calls=N} in INFO commandstats). */
    private long calls(String command) {
        String info = redis.execute("INFO", "commandstats").toString();
        Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(info);
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }
}

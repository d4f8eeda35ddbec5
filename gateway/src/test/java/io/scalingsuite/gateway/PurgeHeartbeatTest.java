package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A purge subscription that stays connected but delivers nothing (Redis frozen: the connection open, no reset)
 * is reported down by its heartbeat, in readiness and in the metrics, and made again once Redis delivers.
 */
@QuarkusTest
@TestProfile(PausableRedis.class)
class PurgeHeartbeatTest {

    /** Three heartbeat intervals (PT2S each) and the readiness check's own 1-s Redis ping, with room. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(15);

    @AfterEach
    void thaw() {
        PausableRedis.node().resume();
    }

    @Test
    void shouldReportAConnectedButSilentPurgeSubscriptionDown() {
        await().atMost(NOTICED_WITHIN).until(PurgeHeartbeatTest::subscribed);

        PausableRedis.node().pause();

        await().atMost(NOTICED_WITHIN).until(() -> !subscribed());
        given().get(management("/q/metrics")).then().statusCode(200)
                .body(containsString("gateway_purge_subscribed 0.0"));
    }

    @Test
    void shouldSubscribeAgainOnceRedisDeliversAfterASilence() {
        await().atMost(NOTICED_WITHIN).until(PurgeHeartbeatTest::subscribed);
        PausableRedis.node().pause();
        await().atMost(NOTICED_WITHIN).until(() -> !subscribed());

        PausableRedis.node().resume();

        await().atMost(NOTICED_WITHIN).until(PurgeHeartbeatTest::subscribed);
        given().get(management("/q/metrics")).then().statusCode(200)
                .body(containsString("gateway_purge_subscribed 1.0"));
    }

    /** The readiness check's data (readiness stays UP either way: Redis is information only). */
    private static boolean subscribed() {
        return given().get(management("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"))
                .extract().<Boolean>path("checks.find { it.name == 'redis' }.data.purge-subscription");
    }

    private static String management(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://localhost:" + port + path;
    }
}

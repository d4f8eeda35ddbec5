package io.scalingsuite.deploy.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The acceptance checks of the suite as the chart deploys it ({@link Suite}), all through the gateway's Service:
 * create and read through the cache, the views converging, the pods' own limits and security context, a rolling
 * restart of each Deployment under light load with no failed request, and containers killed (SIGKILL, the memory
 * cgroup's OOM killer, a failing liveness probe) restarted by the kubelet and ready again. Run by `make e2e`.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteE2eIT {

    private static Suite suite;
    private static String productId;

    @BeforeAll
    static void startSuite() {
        suite = Suite.start();
        RestAssured.baseURI = suite.gatewayUrl();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    private static RequestSpecification api() {
        return given().header("X-API-Key", suite.apiKey).contentType("application/json");
    }

    @Test
    @Order(1)
    void shouldCreateAProductAndReadItThroughTheGatewayCache() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String category = api().body("{\"slug\":\"e2e-" + suffix + "\",\"name\":\"E2E\"}")
                .post("/api/catalog/categories").then().statusCode(201).body("slug", equalTo("e2e-" + suffix))
                .extract().path("id");
        productId = api().body("{\"sku\":\"E2E-" + suffix + "\",\"name\":\"Pod lamp\",\"priceCents\":1999,"
                + "\"currency\":\"EUR\",\"categoryId\":\"" + category + "\",\"merchantId\":\"e2e\",\"stock\":7}")
                .post("/api/catalog/products").then().statusCode(201).header("X-Request-Id", notNullValue())
                .body("name", equalTo("Pod lamp")).body("priceCents", equalTo(1999)).extract().path("id");
        api().get("/api/catalog/products/" + productId).then().statusCode(200).body("sku", equalTo("E2E-" + suffix))
                .body("stock", equalTo(7));
        // the first read stored the answer; the same read again is served from the gateway's cache
        api().get("/api/catalog/products/" + productId).then().statusCode(200).header("X-Cache", equalTo("HIT"))
                .body("sku", equalTo("E2E-" + suffix));
    }

    @Test
    @Order(2)
    void shouldConvergeTheViewsFromCatalogsChangeStream() {
        api().body("{\"rating\":4,\"title\":\"bright\"}").post("/api/catalog/products/" + productId + "/reviews")
                .then().statusCode(201);
        api().body("{\"rating\":2,\"title\":\"dim\"}").post("/api/catalog/products/" + productId + "/reviews")
                .then().statusCode(201);
        Wait.until("the view card of " + productId + " has both reviews", 90, () -> {
            var card = api().get("/api/views/products/" + productId);
            return card.statusCode() == 200 && Integer.valueOf(2).equals(card.path("rating.count"));
        });
        api().get("/api/views/products/" + productId).then().statusCode(200).body("name", equalTo("Pod lamp"))
                .body("priceCents", equalTo(1999)).body("rating.count", equalTo(2))
                .body("recentReviews.title", org.hamcrest.Matchers.hasItems("bright", "dim"));
    }

    @Test
    @Order(3)
    void shouldRunEveryPodWithTheChartsLimitsAndSecurityContext() {
        for (String component : Suite.COMPONENTS) {
            suite.deployment(component).awaitAllReady(300);
            for (Pod pod : suite.deployment(component).pods()) {
                new PodInspection(suite.rendered.deployment(component), pod).assertAsRendered();
            }
        }
    }

    @Test
    @Order(4)
    void shouldRollEveryDeploymentUnderLoadWithoutAFailedRequest() {
        for (String component : Suite.COMPONENTS) {
            DeploymentController deployment = suite.deployment(component);
            deployment.awaitAllReady(300);
            List<String> before = deployment.pods().stream().map(p -> p.name).toList();
            try (Load load = new Load(suite.gatewayUrl(), suite.apiKey, productId, 300)) {
                Wait.sleep(2_000);
                deployment.rollingRestart(240);
                Wait.sleep(2_000);
                load.close();
                assertEquals(List.of(), load.failures(), component + " rollout; kubelet events:\n  "
                        + deployment.events());
                assertTrue(load.succeeded() > 100, "only " + load.succeeded() + " requests during the rollout");
            }
            List<String> after = deployment.pods().stream().map(p -> p.name).toList();
            assertEquals(before.size(), after.size(), component + " replicas after the rollout");
            assertTrue(after.stream().noneMatch(before::contains), component + ": old pods left " + after);
            assertTrue(deployment.pods().stream().allMatch(Pod::ready), component + " pods not all ready");
            assertTrue(deployment.deletedPods().stream().noneMatch(Pod::deletionForced),
                    component + ": a deleted pod outlived its grace period\n  " + deployment.events());
        }
    }

    @Test
    @Order(5)
    void shouldRestartAKilledGatewayContainerAndServeAgain() {
        suite.deployment("gateway").awaitAllReady(300);
        Pod pod = suite.deployment("gateway").pods().get(0);
        int restarts = pod.restarts();
        pod.killAbruptly();
        Wait.until(() -> pod.name + " restarted and ready; " + pod.events(), 240,
                () -> pod.restarts() > restarts && pod.ready());
        assertEquals("Error", pod.terminations().get(restarts), String.join("\n", pod.events()));
        api().get("/api/catalog/products/" + productId).then().statusCode(200).body("name", equalTo("Pod lamp"));
    }

    @Test
    @Order(6)
    void shouldRestartAnOomKilledCatalogContainerAndServeAgain() {
        suite.deployment("catalog").awaitAllReady(300);
        Pod pod = suite.deployment("catalog").pods().get(0);
        int restarts = pod.restarts();
        Faults.oomKill(pod);
        Wait.until(() -> pod.name + " restarted and ready; " + pod.events(), 240,
                () -> pod.restarts() > restarts && pod.ready());
        assertEquals("OOMKilled", pod.terminations().get(restarts), String.join("\n", pod.events()));
        api().body("{\"rating\":3,\"title\":\"after oom\"}").post("/api/catalog/products/" + productId + "/reviews")
                .then().statusCode(201).body("title", equalTo("after oom"));
    }

    @Test
    @Order(7)
    void shouldRestartAnAggregationContainerThatFailsLiveness() {
        suite.deployment("aggregation").awaitAllReady(300);
        Pod pod = suite.deployment("aggregation").pods().get(0);
        int restarts = pod.restarts();
        int eventsBefore = pod.events().size();
        Faults.freeze(pod);
        Wait.until(() -> pod.name + " killed for liveness, restarted and ready; " + pod.events(), 300,
                () -> pod.restarts() > restarts && pod.ready());
        assertTrue(pod.events().stream().skip(eventsBefore).anyMatch(e -> e.contains("liveness probe failed")),
                String.join("\n", pod.events()));
        Wait.until("views served again by every aggregation pod", 60,
                () -> suite.deployment("aggregation").pods().stream().allMatch(Pod::ready));
        api().get("/api/views/products/" + productId).then().statusCode(200).body("name", equalTo("Pod lamp"));
    }
}

package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ConcurrentWritesTest {

    private static final String PRODUCTS = "/api/catalog/products/";

    private static List<Integer> runTogether(int threads, Callable<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Integer> values = new ArrayList<>();
            for (Future<Integer> result : results) {
                values.add(result.get());
            }
            return values;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldLetExactlyOneWriterWinTheSameVersion() throws Exception {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");

        List<Integer> statuses = runTogether(8, () -> given().contentType("application/merge-patch+json")
                .header("If-Match", "\"0\"").body("{\"name\": \"" + Thread.currentThread().getName() + "\"}")
                .patch(PRODUCTS + id).then().extract().statusCode());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one winner: " + statuses);
        assertEquals(7, statuses.stream().filter(s -> s == 412).count(), "the others refused: " + statuses);
        given().get(PRODUCTS + id).then().body("version", equalTo(1));
    }

    @Test
    void shouldLoseNoIncrementUnderContention() throws Exception {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");

        runTogether(5, () -> {
            for (int done = 0; done < 4;) {
                Response current = given().get(PRODUCTS + id).then().extract().response();
                int stock = current.path("stock");
                int status = given().contentType("application/merge-patch+json")
                        .header("If-Match", current.header("ETag")).body("{\"stock\": " + (stock + 1) + "}")
                        .patch(PRODUCTS + id).then().extract().statusCode();
                if (status == 200) {
                    done++;
                }
            }
            return 0;
        });

        given().get(PRODUCTS + id).then().body("stock", equalTo(7 + 20)).body("version", equalTo(20));
    }
}

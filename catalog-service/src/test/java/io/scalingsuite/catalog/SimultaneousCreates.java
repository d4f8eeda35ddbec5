package io.scalingsuite.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.restassured.response.Response;

/** The same create sent several times at once, released together by a latch, as a retrying client's duplicates. */
final class SimultaneousCreates {

    /** The ids the answers named, and how many answers said {@code Idempotency-Replayed: true}. */
    record Outcome(Set<String> ids, int replayed) {
    }

    private SimultaneousCreates() {
    }

    /** Sends {@code create} {@code times} times at once; every answer must be a 201. */
    static Outcome send(int times, Callable<Response> create) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return create.call();
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int replayed = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                response.then().statusCode(201);
                ids.add(response.path("id"));
                replayed += "true".equals(response.header("Idempotency-Replayed")) ? 1 : 0;
            }
            return new Outcome(ids, replayed);
        } finally {
            pool.shutdownNow();
        }
    }
}

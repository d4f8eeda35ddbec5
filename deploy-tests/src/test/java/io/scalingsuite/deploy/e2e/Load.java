package io.scalingsuite.deploy.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Light, bounded load through the gateway while Deployments roll: reader threads GET a product (the gateway's
 * caches) and its view card (aggregation), a writer POSTs reviews of it (catalog, PostgreSQL, the change stream), each
 * request followed by a short pause. Every answer that is not the expected status, and every I/O error, is a failure,
 * kept with what failed.
 */
final class Load implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String base;
    private final String apiKey;
    private final String productId;
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final long deadline;
    private volatile boolean running = true;

    /** Starts the load; it stops on {@link #close()} or after {@code maxSeconds} whichever comes first. */
    Load(String base, String apiKey, String productId, int maxSeconds) {
        this.base = base;
        this.apiKey = apiKey;
        this.productId = productId;
        this.deadline = System.currentTimeMillis() + maxSeconds * 1000L;
        threads.add(new Thread(() -> loop(() -> get("/api/catalog/products/" + productId), 25), "load-read"));
        threads.add(new Thread(() -> loop(() -> get("/api/views/products/" + productId), 25), "load-view"));
        threads.add(new Thread(() -> loop(this::review, 150), "load-write"));
        threads.forEach(Thread::start);
    }

    private void loop(Runnable request, long pauseMillis) {
        while (running && System.currentTimeMillis() < deadline) {
            request.run();
            Wait.sleep(pauseMillis);
        }
    }

    private void get(String path) {
        send(HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", apiKey).GET(), 200, "GET " + path);
    }

    private void review() {
        String path = "/api/catalog/products/" + productId + "/reviews";
        send(HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"rating\":5,\"title\":\"rolling\"}")), 201,
                "POST " + path);
    }

    private void send(HttpRequest.Builder request, int expected, String what) {
        try {
            HttpResponse<String> answer = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == expected) {
                succeeded.incrementAndGet();
            } else {
                failures.add(java.time.LocalTime.now() + " " + what + " answered " + answer.statusCode() + ": "
                        + answer.body());
            }
        } catch (java.io.IOException e) {
            failures.add(java.time.LocalTime.now() + " " + what + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    long succeeded() {
        return succeeded.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

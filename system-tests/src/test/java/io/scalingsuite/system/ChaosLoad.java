package io.scalingsuite.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Mixed load through both gateways: reads (products, listings, views), product creates and reviews. Every write
 * carries an Idempotency-Key and is retried with it until it gets a 2xx or a 4xx; the client's own ledger records
 * what was acknowledged. Every answer is recorded with the phase (fault) it happened in.
 */
final class ChaosLoad {

    /** One answer: when, in which phase, what kind of request, status, latency, and whether a 5xx was problem+json. */
    record Sample(long at, String phase, boolean read, int status, long micros, boolean problem) {
    }

    final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    /** Idempotency-Key → product id, for every acknowledged create. */
    final Map<String, String> ackedProducts = new ConcurrentHashMap<>();
    /** Idempotency-Key (also the review's title) → product id, for every acknowledged review. */
    final Map<String, String> ackedReviews = new ConcurrentHashMap<>();
    final List<String> products = new CopyOnWriteArrayList<>();
    volatile String phase = "baseline";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceProcess> gateways;
    private final String category;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new CopyOnWriteArrayList<>();

    ChaosLoad(List<ServiceProcess> gateways, String category) {
        this.gateways = gateways;
        this.category = category;
    }

    void start(int threads) {
        for (int i = 0; i < threads; i++) {
            Random random = new Random(i);
            Thread worker = new Thread(() -> {
                while (running.get()) {
                    step(random);
                }
            }, "chaos-load-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(30_000);
        }
    }

    private void step(Random random) {
        int dice = random.nextInt(100);
        ServiceProcess gateway = gateways.get(random.nextInt(gateways.size()));
        if (dice < 15 || products.isEmpty()) {
            String key = UUID.randomUUID().toString();
            String body = "{\"sku\":\"CH-" + key + "\",\"name\":\"Chaos\",\"priceCents\":"
                    + (100 + random.nextInt(9000))
                    + ",\"currency\":\"EUR\",\"categoryId\":\"" + category + "\",\"merchantId\":\"chaos\",\"stock\":"
                    + random.nextInt(20) + "}";
            String id = write(gateway, "/api/catalog/products", key, body);
            if (id != null) {
                ackedProducts.put(key, id);
                products.add(id);
            }
        } else if (dice < 25) {
            String product = products.get(random.nextInt(products.size()));
            String key = UUID.randomUUID().toString();
            String id = write(gateway, "/api/catalog/products/" + product + "/reviews", key,
                    "{\"rating\":" + (1 + random.nextInt(5)) + ",\"title\":\"" + key + "\"}");
            if (id != null) {
                ackedReviews.put(key, product);
            }
        } else {
            String product = products.get(random.nextInt(products.size()));
            String path = switch (random.nextInt(4)) {
                case 0 -> "/api/catalog/products?merchantId=chaos&limit=20";
                case 1 -> "/api/views/products/" + product;
                default -> "/api/catalog/products/" + product;
            };
            send(gateway, "GET", path, null, null, true);
        }
    }

    /** POST with the key, retried (same key, other gateway) until 2xx or 4xx; the created id, or null. */
    private String write(ServiceProcess first, String path, String key, String body) {
        for (int attempt = 0; attempt < 8 && running.get(); attempt++) {
            ServiceProcess gateway = gateways.get((gateways.indexOf(first) + attempt) % gateways.size());
            HttpResponse<String> answer = send(gateway, "POST", path, key, body, false);
            if (answer != null && answer.statusCode() / 100 == 2) {
                int at = answer.body().indexOf("\"id\":\"");
                return answer.body().substring(at + 6, at + 42);
            }
            if (answer != null && answer.statusCode() / 100 == 4 && answer.statusCode() != 409
                    && answer.statusCode() != 429) {
                return null;
            }
            sleep(250L << Math.min(attempt, 3));
        }
        return null;
    }

    private HttpResponse<String> send(ServiceProcess gateway, String method, String path, String key, String body,
            boolean read) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(15)).header("X-API-Key", ProcessSuite.WRITER);
        if (body != null) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        String current = phase;
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            samples.add(new Sample(System.currentTimeMillis(), current, read, answer.statusCode(),
                    (System.nanoTime() - start) / 1000, answer.headers().firstValue("Content-Type").orElse("")
                            .startsWith("application/problem+json")));
            return answer;
        } catch (Exception e) {
            samples.add(new Sample(System.currentTimeMillis(), current, read, 0, (System.nanoTime() - start) / 1000,
                    false));
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

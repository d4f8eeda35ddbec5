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
 * Mixed load through the gateways: reads (products, listings, views), product creates and reviews. Every write
 * carries an Idempotency-Key and its key as a marker (the product's name, the review's title), is recorded in the
 * {@link ChaosLedger} and retried with the same key (on the next gateway) until a 2xx or a 4xx. One acknowledged
 * write in five is sent once more, as a client does whose answer was lost: it must be answered with the same id.
 * Every answer, and every request that got none (status 0: refused, reset, timed out), is a {@link Sample} of the
 * phase it was sent in.
 */
final class ChaosLoad {

    /**
     * One request: sent and answered at (ms), phase, gateway, kind, status (0: no answer, then {@code error} names
     * the exception; a 5xx: {@code error} is the start of its body), latency, whether the answer was problem+json,
     * method and path.
     */
    record Sample(long sent, long at, String phase, int gateway, boolean read, int status, long micros,
            boolean problem, String error, String request) {
    }

    static final String MARKER_PREFIX = "Chaos ";
    /** How long after a product's create the load asks for its card: ten times the views' p99 lag (issue 18). */
    static final long VIEW_LAG_MILLIS = 1000;

    final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    final ChaosLedger ledger = new ChaosLedger();
    final List<String> products = new CopyOnWriteArrayList<>();
    /** Product id → when its create was acknowledged: its card is read only once the views may have it. */
    private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
    volatile String phase = "warm-up";
    /** Off: no new write starts (reads go on), so the views can be compared with a catalog at rest. */
    volatile boolean writing = true;

    /** HTTP/1.1, as a load balancer speaks to the gateways: no h2c upgrade on the first request of a connection. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceProcess> gateways;
    private final List<String> categories;
    private final List<String> merchants;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new CopyOnWriteArrayList<>();

    ChaosLoad(List<ServiceProcess> gateways, List<String> categories, List<String> merchants) {
        this.gateways = gateways;
        this.categories = categories;
        this.merchants = merchants;
    }

    /**
     * Starts the clients: {@code mixed} ones that write (one step in four) and read, and {@code readers} that only
     * read. A client that retries a write does not read meanwhile, as a real one would not; but the suite's other
     * clients do, so the readers keep asking during every fault whatever happens to writes.
     */
    void start(int mixed, int readers) {
        for (int i = 0; i < mixed + readers; i++) {
            Random random = new Random(i);
            boolean reader = i >= mixed;
            Thread worker = new Thread(() -> {
                while (running.get()) {
                    step(random, reader);
                }
            }, (reader ? "chaos-reader-" : "chaos-load-") + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(60_000);
        }
    }

    /** After the load: every write without a 2xx sent again with its key, as its client would, until answered. */
    void resendUnacknowledged() {
        for (ChaosLedger.Write write : ledger.unacknowledged()) {
            send(write, 0, true);
        }
    }

    private void step(Random random, boolean reader) {
        int dice = reader ? 100 : random.nextInt(100);
        int gateway = random.nextInt(gateways.size());
        if (reader && products.isEmpty()) {
            sleep(50); // nothing to read before the first product exists
        } else if (writing && (dice < 15 || products.isEmpty())) {
            String key = UUID.randomUUID().toString();
            String body = "{\"sku\":\"CH-" + key + "\",\"name\":\"" + MARKER_PREFIX + key + "\",\"priceCents\":"
                    + (100 + random.nextInt(9000)) + ",\"currency\":\"EUR\",\"categoryId\":\""
                    + categories.get(random.nextInt(categories.size())) + "\",\"merchantId\":\""
                    + merchants.get(random.nextInt(merchants.size())) + "\",\"stock\":" + random.nextInt(20) + "}";
            String id = write(new ChaosLedger.Write(key, "/api/catalog/products", body), gateway, random);
            if (id != null) {
                acknowledgedAt.put(id, System.currentTimeMillis());
                products.add(id);
            }
        } else if (writing && dice < 25) {
            String product = products.get(random.nextInt(products.size()));
            String key = UUID.randomUUID().toString();
            write(new ChaosLedger.Write(key, "/api/catalog/products/" + product + "/reviews",
                    "{\"rating\":" + (1 + random.nextInt(5)) + ",\"title\":\"" + key + "\"}"), gateway, random);
        } else if (!products.isEmpty()) {
            String product = products.get(random.nextInt(products.size()));
            String path = switch (random.nextInt(4)) {
                case 0 -> "/api/catalog/products?merchantId=" + merchants.get(0) + "&limit=20";
                // views follow the catalog asynchronously (issue 18: within 100 ms p99): a card is asked for once
                // its product is older than VIEW_LAG_MILLIS, a younger product is read from the catalog instead
                case 1 -> System.currentTimeMillis() - acknowledgedAt.get(product) >= VIEW_LAG_MILLIS
                        ? "/api/views/products/" + product : "/api/catalog/products/" + product;
                default -> "/api/catalog/products/" + product;
            };
            exchange(gateway, "GET", path, null, null, true);
        }
    }

    /** The write, then (one in five) the same write again as after a lost answer; the id acknowledged, or null. */
    private String write(ChaosLedger.Write write, int gateway, Random random) {
        ledger.sent(write);
        String id = send(write, gateway, false);
        if (id != null && random.nextInt(5) == 0) {
            send(write, gateway + 1, false);
        }
        return id;
    }

    /** POST with its key, retried (same key, next gateway) until 2xx or 4xx; the created id, or null. */
    private String send(ChaosLedger.Write write, int firstGateway, boolean untilAnswered) {
        for (int attempt = 0; attempt < (untilAnswered ? 12 : 8) && (untilAnswered || running.get()); attempt++) {
            int gateway = (firstGateway + attempt) % gateways.size();
            HttpResponse<String> answer = exchange(gateway, "POST", write.path(), write.key(), write.body(), false);
            int status = answer == null ? 0 : answer.statusCode();
            if (status / 100 == 2) {
                int at = answer.body().indexOf("\"id\":\"");
                String id = answer.body().substring(at + 6, at + 42);
                ledger.answered(write.key(), status, id);
                return id;
            }
            ledger.answered(write.key(), status, null);
            if (status / 100 == 4 && status != 409 && status != 429) {
                return null;
            }
            sleep(250L << Math.min(attempt, 3));
        }
        return null;
    }

    private HttpResponse<String> exchange(int gateway, String method, String path, String key, String body,
            boolean read) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateways.get(gateway).baseUrl() + path))
                .timeout(Duration.ofSeconds(15)).header("X-API-Key", ProcessSuite.WRITER);
        if (body != null) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        String current = phase;
        long sent = System.currentTimeMillis();
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            samples.add(new Sample(sent, System.currentTimeMillis(), current, gateway, read, answer.statusCode(),
                    (System.nanoTime() - start) / 1000, answer.headers().firstValue("Content-Type").orElse("")
                            .startsWith("application/problem+json"),
                    answer.statusCode() >= 500 ? abbreviated(answer.body()) : null, method + " " + path));
            return answer;
        } catch (Exception e) {
            samples.add(new Sample(sent, System.currentTimeMillis(), current, gateway, read, 0,
                    (System.nanoTime() - start) / 1000, false, e.getClass().getSimpleName() + " " + e.getMessage(),
                    method + " " + path));
            return null;
        }
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

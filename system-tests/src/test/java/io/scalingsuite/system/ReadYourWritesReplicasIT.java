package io.scalingsuite.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.contracts.sharding.MerchantHash;
import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.StreamingReplicaPair;

/**
 * Read-your-writes by default on {@code SHARDS=2 REPLICAS=1}: two shards, each a PostgreSQL primary with a real
 * streaming replica that applies every transaction {@link #APPLY_DELAY} late ({@code recovery_min_apply_delay}),
 * one catalog and two gateways on one Redis, each with its default settings. Clients write through one gateway
 * and read through the other, and never echo {@code X-Consistency-Token}: each key's reads must show its writes
 * (the gateway attaches the key's latest token, see {@code ConsistencyByKey}), while a key without a recent write
 * is still read from the replicas ({@code X-Served-By}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesReplicasIT {

    private static final int PAIRS = 1000;
    /** Clients at once, one API key each: a key's writes are sequential, as one client's are. */
    private static final int CLIENTS = 16;
    /** Shorter than catalog.replicas.max-lag (1 s), so the replicas stay in rotation while they lag. */
    private static final Duration APPLY_DELAY = Duration.ofMillis(400);
    private static final String DATABASE = "catalog_ryw";
    private static final String READER = "ss-read-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> clientKeys = new ArrayList<>();
    private final List<StreamingReplicaPair> shards = new ArrayList<>();
    /** A merchant placed on each shard, so every client writes to both. */
    private final List<String> merchants = new ArrayList<>();
    private SuiteRedis redis;
    private String database;
    private ServiceProcess catalog;
    private ServiceProcess first;
    private ServiceProcess second;
    private String category;

    @BeforeAll
    void startSuite() throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            List<Future<StreamingReplicaPair>> pairs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                pairs.add(starting.submit(() -> {
                    StreamingReplicaPair pair = StreamingReplicaPair.start();
                    pair.createDatabase(DATABASE);
                    return pair;
                }));
            }
            for (Future<StreamingReplicaPair> pair : pairs) {
                shards.add(pair.get());
            }
        } finally {
            starting.shutdown();
        }
        redis = SuiteRedis.standalone();
        String jdbcUrl = LocalInfra.createDatabase("system_test");
        database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        Map<String, String> env = new HashMap<>(redis.serviceEnv());
        env.putAll(Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME", LocalInfra.PG_USER,
                "QUARKUS_DATASOURCE_PASSWORD", "", "QUARKUS_CONFIG_LOCATIONS", shardsFile().toString()));
        catalog = new ServiceProcess("catalog", "catalog-service", env);
        catalog.start();
        Map<String, String> gateway = new HashMap<>(redis.serviceEnv());
        gateway.putAll(Map.of("QUARKUS_CONFIG_LOCATIONS", keysFile().toString(), "GATEWAY_ROUTES_CATALOG_UPSTREAMS",
                catalog.baseUrl().substring("http://".length()), "GATEWAY_ROUTES_CATALOG_OPENAPI",
                catalog.managementUrl() + "/q/openapi?format=json"));
        first = new ServiceProcess("gateway-1", "gateway", gateway);
        second = new ServiceProcess("gateway-2", "gateway", gateway);
        first.start();
        second.start();
        for (int shard = 0; merchants.size() < 2; shard = merchants.size()) {
            String merchant = "ryw-" + UUID.randomUUID().toString().substring(0, 8);
            if (MerchantHash.shardOf(merchant, 2) == shard) {
                merchants.add(merchant);
            }
        }
        category = body(call(first, clientKeys.get(0), "POST", "/api/catalog/categories",
                "{\"slug\":\"ryw-" + UUID.randomUUID() + "\",\"name\":\"Replicated\"}", null)).get("id").asText();
    }

    @AfterAll
    void stopSuite() throws Exception {
        ServiceProcess.closeAll(Arrays.asList(first, second, catalog));
        if (redis != null) {
            redis.close();
        }
        shards.forEach(StreamingReplicaPair::close);
        if (database != null) {
            LocalInfra.dropDatabase(database);
        }
    }

    @Test
    void shouldShowEveryWriteToTheNextReadThroughTheOtherGatewayWithoutTheClientEchoingTheToken() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        shards.forEach(pair -> pair.delayReplay(APPLY_DELAY));
        ReadYourWritesTally total = new ReadYourWritesTally();
        long started = System.nanoTime();
        try {
            List<Future<ReadYourWritesTally>> runs = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String key = clientKeys.get(c);
                int client = c;
                int share = PAIRS / CLIENTS + (c < PAIRS % CLIENTS ? 1 : 0);
                runs.add(clients.submit(() -> pairs(key, client, share)));
            }
            for (Future<ReadYourWritesTally> run : runs) {
                total.add(run.get());
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("read-your-writes through two gateways, SHARDS=2 REPLICAS=1, %d clients, %.1f s: %s%n",
                CLIENTS,
                (System.nanoTime() - started) / 1e9, total);
        assertEquals(PAIRS, total.pairs(), total.toString());
        assertEquals(0, total.notFound(), "404 after a 2xx create: " + total);
        assertEquals(0, total.stale(), "an older version after a 2xx write: " + total);
        assertEquals(0, total.failed(), "reads that answered neither 200 nor 404: " + total);
    }

    @Test
    void shouldReadKeysWithoutARecentWriteFromTheReplicas() throws Exception {
        // replicas that keep up: on a loaded machine a delayed one can lag past max-lag and leave rotation for a while
        shards.forEach(pair -> pair.delayReplay(Duration.ZERO));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(create(first, clientKeys.get(CLIENTS - 1), merchants.get(i % 2)).id());
        }
        // every replica back in rotation before the first read: an entry a primary served is kept by both caches
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(this::replicasCaughtUp);
        // one probe per shard (ids alternate between the merchants): each shard's replica has its own lag and is in
        // rotation on its own, so a probe on one shard says nothing of the other's
        for (String probe : List.of(ids.remove(ids.size() - 1), ids.remove(ids.size() - 1))) {
            // once the replica has replayed the creates and is in rotation; the writer's own token is not involved
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> read = call(second, READER, "GET", "/api/catalog/products/" + probe, null, null);
                return read.statusCode() == 200 && "replica".equals(servedBy(read));
            });
        }
        for (String id : ids) {
            HttpResponse<String> read = call(second, READER, "GET", "/api/catalog/products/" + id, null, null);
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("\"0\"", read.headers().firstValue("ETag").orElse(""));
            assertEquals("replica", servedBy(read), () -> "a key that wrote nothing is read from a replica; " + why());
            assertEquals("MISS", read.headers().firstValue("X-Cache").orElse(""));
        }
        HttpResponse<String> cached = call(first, READER, "GET", "/api/catalog/products/" + ids.get(0), null, null);
        assertEquals("HIT", cached.headers().firstValue("X-Cache").orElse(""), "the other gateway shares the entry");
        assertEquals("replica", servedBy(cached), "a gateway cache hit still names the node that served the entry");
        HttpResponse<String> listing = call(second, READER, "GET",
                "/api/catalog/products?limit=5&merchantId=" + merchants.get(1), null, null);
        assertEquals(200, listing.statusCode(), listing.body());
        assertEquals("replica", servedBy(listing), this::why);
    }

    /**
     * One client: create-then-GET, then PATCH-then-GET of that product, each write through one gateway and its read
     * through the other, until {@code count} pairs had a 2xx write. A write answered 503 (the gateway could not
     * confirm it, e.g. Redis slower than its timeout) promises nothing: it is counted as unconfirmed, its product
     * is left alone, and the next pair starts from a new create.
     */
    private ReadYourWritesTally pairs(String key, int client, int count) throws Exception {
        ReadYourWritesTally tally = new ReadYourWritesTally();
        Written last = null;
        for (int i = 0; tally.pairs() < count; i++) {
            ServiceProcess writeVia = (i + client) % 2 == 0 ? first : second;
            ServiceProcess readVia = writeVia == first ? second : first;
            boolean creating = last == null;
            HttpResponse<String> write = creating ? call(writeVia, key, "POST", "/api/catalog/products",
                    productJson(merchants.get((i / 2 + client) % 2)), null)
                    : call(writeVia, key, "PATCH", "/api/catalog/products/" + last.id(), "{\"stock\":" + i + "}",
                            last.etag());
            if (write.statusCode() == 503) {
                tally.unconfirmed();
                last = null;
                continue;
            }
            expect(creating ? 201 : 200, write);
            Written written = new Written(creating ? body(write).get("id").asText() : last.id(),
                    write.headers().firstValue("ETag").orElseThrow(), creating ? 1 : i);
            HttpResponse<String> read = call(readVia, key, "GET", "/api/catalog/products/" + written.id(), null, null);
            tally.record(creating ? "create" : "patch", written, read);
            last = creating ? written : null;
        }
        return tally;
    }

    /** A create that is confirmed: one answered 503 (not confirmed) is repeated with its Idempotency-Key. */
    private Written create(ServiceProcess gateway, String key, String merchant) throws Exception {
        String json = productJson(merchant);
        String idempotencyKey = UUID.randomUUID().toString();
        HttpResponse<String> created = null;
        for (int attempt = 0; attempt < 5 && (created == null || created.statusCode() == 503); attempt++) {
            created = call(gateway, key, "POST", "/api/catalog/products", json, null,
                    Map.of("Idempotency-Key", idempotencyKey));
        }
        expect(201, created);
        return new Written(body(created).get("id").asText(), created.headers().firstValue("ETag").orElseThrow(), 1);
    }

    private String productJson(String merchant) {
        return "{\"sku\":\"RYW-" + UUID.randomUUID() + "\",\"name\":\"Lamp\",\"priceCents\":1000,\"currency\":\"EUR\","
                + "\"categoryId\":\"" + category + "\",\"merchantId\":\"" + merchant + "\",\"stock\":1}";
    }

    private HttpResponse<String> call(ServiceProcess gateway, String key, String method, String path, String json,
            String ifMatch) throws Exception {
        return call(gateway, key, method, path, json, ifMatch, Map.of());
    }

    private HttpResponse<String> call(ServiceProcess gateway, String key, String method, String path, String json,
            String ifMatch, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("X-API-Key", key);
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type",
                    method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> answer) {
        if (answer.statusCode() != status) {
            throw new AssertionError(answer.request().method() + " " + answer.uri() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
    }

    /** What sends reads to a primary: catalog's replica lags and fallbacks, the gateways' failed Redis calls. */
    private String why() {
        StringBuilder why = new StringBuilder();
        for (String url : List.of(catalog.managementUrl(), first.managementUrl(), second.managementUrl())) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().lines()
                        .filter(line -> line.startsWith("catalog_replica_") || line.startsWith("gateway_cache_failed"))
                        .forEach(line -> why.append(line).append("; "));
            } catch (Exception e) {
                why.append(url).append(": ").append(e).append("; ");
            }
        }
        return why.toString();
    }

    /** True when catalog's last check found every replica with no lag ({@code catalog_replica_lag} 0). */
    private boolean replicasCaughtUp() throws Exception {
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create(catalog.managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> lags = metrics.body().lines().filter(line -> line.startsWith("catalog_replica_lag{")).toList();
        return lags.size() == shards.size() && lags.stream().allMatch(line -> line.endsWith(" 0.0"));
    }

    static String servedBy(HttpResponse<String> answer) {
        return answer.headers().firstValue("X-Served-By").orElse("(none)");
    }

    static JsonNode body(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    /** catalog's shards as CatalogShardsMain writes them for `make run SHARDS=2 REPLICAS=1`. */
    private Path shardsFile() throws Exception {
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < shards.size(); i++) {
            config.append("catalog.shards.s").append(i).append(".url=").append(shards.get(i).primaryJdbcUrl(DATABASE))
                    .append("\ncatalog.shards.s").append(i).append(".replicas=")
                    .append(shards.get(i).replicaJdbcUrl(DATABASE)).append("\ncatalog.shards.s").append(i)
                    .append(".pool-size=8\n");
        }
        return write("shards-", config.toString());
    }

    private Path keysFile() throws Exception {
        StringBuilder config = new StringBuilder(ProcessSuite.key("reader", READER, "read", "standard"));
        for (int c = 0; c < CLIENTS; c++) {
            String key = "ss-client-" + c + "-" + UUID.randomUUID();
            clientKeys.add(key);
            config.append(ProcessSuite.key("client" + c, key, "read,write", "internal"));
        }
        config.append("gateway.rate-limit.tiers.standard.limit=100000000\n")
                .append("gateway.rate-limit.tiers.internal.limit=100000000\n");
        return write("keys-", config.toString());
    }

    private static Path write(String prefix, String content) throws Exception {
        Path file = Files.createTempFile(Files.createDirectories(Path.of("target", "system-logs")), prefix,
                ".properties");
        return Files.writeString(file, content).toAbsolutePath();
    }

    /** What a write answered: the product, its ETag, and the stock it set. */
    record Written(String id, String etag, int stock) {
    }

    /** The outcome of the pairs: counts, where the reads were served, and the first few misses as examples. */
    static final class ReadYourWritesTally {
        private int pairs;
        private int notFound;
        private int stale;
        private int failed;
        private int unconfirmed;
        private final Map<String, Integer> servedBy = new TreeMap<>();
        private final List<String> examples = new ArrayList<>();

        void record(String kind, Written written, HttpResponse<String> read) throws Exception {
            pairs++;
            servedBy.merge(kind + ":" + servedBy(read), 1, Integer::sum);
            if (read.statusCode() == 404) {
                notFound++;
                example(kind + " then 404 (" + servedBy(read) + ")");
            } else if (read.statusCode() != 200) {
                failed++;
                example(kind + " then " + read.statusCode() + ": " + read.body());
            } else if (!written.etag().equals(read.headers().firstValue("ETag").orElse(""))
                    || body(read).get("stock").asInt() != written.stock()) {
                stale++;
                example(kind + " " + written.etag() + " then " + read.headers().firstValue("ETag").orElse("")
                        + " (" + servedBy(read) + ", X-Cache " + read.headers().firstValue("X-Cache").orElse("")
                        + ")");
            }
        }

        void unconfirmed() {
            unconfirmed++;
        }

        private void example(String what) {
            if (examples.size() < 5) {
                examples.add(what);
            }
        }

        synchronized void add(ReadYourWritesTally other) {
            pairs += other.pairs;
            notFound += other.notFound;
            stale += other.stale;
            failed += other.failed;
            unconfirmed += other.unconfirmed;
            other.servedBy.forEach((k, v) -> servedBy.merge(k, v, Integer::sum));
            other.examples.forEach(this::example);
        }

        int pairs() {
            return pairs;
        }

        int notFound() {
            return notFound;
        }

        int stale() {
            return stale;
        }

        int failed() {
            return failed;
        }

        @Override
        public String toString() {
            return pairs + " pairs, " + notFound + " x 404, " + stale + " stale, " + failed
                    + " failed (writes answered 503, "
                    + "not counted as pairs: " + unconfirmed + "); reads served "
                    + servedBy + (examples.isEmpty() ? "" : "; e.g. " + examples);
        }
    }
}

package io.scalingsuite.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * The suite as processes: catalogs, aggregations (one consumer group, a consumer name each) and gateways on a
 * database and a Redis of their own (the Redis is the test's, on a free port, so it may be killed). The gateways know four API keys by hash, issued per
 * run; {@link #REVOKED} is a key that was issued once and is no longer configured.
 */
final class ProcessSuite implements AutoCloseable {

    static final String READER = "ss-read-" + UUID.randomUUID();
    static final String WRITER = "ss-write-" + UUID.randomUUID();
    static final String ADMIN = "ss-admin-" + UUID.randomUUID();
    static final String REVOKED = "ss-revoked-" + UUID.randomUUID();
    /** PostgreSQL here trusts local connections, so any password works: this one exists to be looked for in logs. */
    static final String DB_PASSWORD = "ss-dbpass-" + UUID.randomUUID();

    static final int IDLE_TIMEOUT_SECONDS = 6;
    /**
     * The longest a write waits for Redis (catalog's write mark, gateway's purge and read-your-writes token) before
     * it answers 503: 2 s here, 0.5 s by default. Seven JVMs, PostgreSQL and a Redis that fsyncs every write share
     * two cores and one disk with the build; a 0.5 s deadline there failed healthy writes (CI, twice, in ChaosIT's
     * baseline) and measured the machine, not the suite. The Redis faults here (a kill, a failover) fail calls at
     * once, not by this deadline.
     */
    static final String WRITE_DEADLINE = "PT2S";

    private static ProcessSuite shared;

    final String jdbcUrl;
    final String database;
    final SuiteRedis redis;
    final List<ServiceProcess> catalogs = new ArrayList<>();
    final List<ServiceProcess> aggregations = new ArrayList<>();
    final List<ServiceProcess> gateways = new ArrayList<>();
    /** The first aggregation, which every test with one reads its views from. */
    final ServiceProcess aggregation;

    /** One catalog, one aggregation and one gateway, started once per test JVM and shared by the hostile tests. */
    static synchronized ProcessSuite shared() throws Exception {
        if (shared == null) {
            ProcessSuite suite = new ProcessSuite(1, 1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    suite.close();
                } catch (Exception ignored) {
                    // best effort at JVM exit
                }
            }));
            shared = suite;
        }
        return shared;
    }

    ProcessSuite(int catalogCount, int gatewayCount) throws Exception {
        this(catalogCount, 1, gatewayCount, SuiteRedis.standalone());
    }

    /** Scaled out: the catalogs' outbox relays race on one outbox, the aggregations share one consumer group. */
    ProcessSuite(int catalogCount, int aggregationCount, int gatewayCount, SuiteRedis redis) throws Exception {
        this.redis = redis;
        jdbcUrl = LocalInfra.createDatabase("system_test");
        database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        Map<String, String> common = new HashMap<>(redis.serviceEnv());
        common.putAll(Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME",
                LocalInfra.PG_USER, "QUARKUS_DATASOURCE_PASSWORD", DB_PASSWORD));
        Map<String, String> catalog = new HashMap<>(common);
        catalog.put("CATALOG_CACHE_WRITE_TIMEOUT", WRITE_DEADLINE);
        for (int i = 0; i < catalogCount; i++) {
            catalogs.add(new ServiceProcess("catalog-" + (i + 1), "catalog-service", catalog));
        }
        for (int i = 0; i < aggregationCount; i++) {
            Map<String, String> env = new HashMap<>(common);
            // one group, a consumer each: the same name would make three processes one consumer
            env.put("AGGREGATION_STREAM_CONSUMER", "aggregation-" + (i + 1));
            env.put("AGGREGATION_CATALOG_URL", catalogs.get(0).baseUrl()); // where a rebuild fetches the snapshot
            aggregations.add(new ServiceProcess("aggregation-" + (i + 1), "aggregation-service", env));
        }
        aggregation = aggregations.get(0);
        // the first of each migrates its schema; the others start together once it has
        startTogether(List.of(catalogs.get(0), aggregation));
        List<ServiceProcess> others = new ArrayList<>(catalogs.subList(1, catalogCount));
        others.addAll(aggregations.subList(1, aggregationCount));
        startTogether(others);
        Path keys = gatewayKeys();
        // idle connections closed after 6 s instead of 30 s, so SlowClientsIT can watch it happen
        Map<String, String> gateway = new HashMap<>(redis.serviceEnv());
        gateway.put("GATEWAY_CACHE_WRITE_TIMEOUT", WRITE_DEADLINE);
        gateway.putAll(Map.of("QUARKUS_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT_SECONDS + "S", "QUARKUS_CONFIG_LOCATIONS",
                keys.toString(), "GATEWAY_ROUTES_CATALOG_UPSTREAMS", hostPorts(catalogs),
                "GATEWAY_ROUTES_VIEWS_UPSTREAMS", hostPorts(aggregations),
                "GATEWAY_ROUTES_CATALOG_OPENAPI", catalogs.get(0).managementUrl() + "/q/openapi?format=json",
                "GATEWAY_ROUTES_VIEWS_OPENAPI", aggregation.managementUrl() + "/q/openapi?format=json"));
        for (int i = 0; i < gatewayCount; i++) {
            gateways.add(new ServiceProcess("gateway-" + (i + 1), "gateway", gateway));
        }
        startTogether(gateways);
    }

    /** Starts the processes at once and waits until every one is ready. */
    private static void startTogether(List<ServiceProcess> processes) throws Exception {
        if (processes.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(processes.size());
        try {
            for (Future<Object> started : pool.invokeAll(processes.stream().map(p -> (Callable<Object>) () -> {
                p.start();
                return null;
            }).toList())) {
                try {
                    started.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    ServiceProcess gateway() {
        return gateways.get(0);
    }

    private static String hostPorts(List<ServiceProcess> processes) {
        return processes.stream().map(p -> p.baseUrl().substring("http://".length())).collect(Collectors.joining(","));
    }

    /** Every log line the suite's processes wrote so far. */
    String logs() throws Exception {
        StringBuilder all = new StringBuilder();
        List<ServiceProcess> every = new ArrayList<>(catalogs);
        every.addAll(gateways);
        every.addAll(aggregations);
        for (ServiceProcess process : every) {
            all.append(Files.readString(process.logFile(), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }

    private static Path gatewayKeys() throws Exception {
        String config = key("reader", READER, "read", "standard") + key("writer", WRITER, "read,write", "internal")
                + key("admin", ADMIN, "read,admin", "internal")
                + "gateway.rate-limit.tiers.anonymous.limit=100000000\n"
                + "gateway.rate-limit.tiers.standard.limit=100000000\n"
                + "gateway.rate-limit.tiers.internal.limit=100000000\n";
        Path file = Files.createTempFile(Files.createDirectories(Path.of("target", "system-logs")), "keys-",
                ".properties");
        return Files.writeString(file, config).toAbsolutePath();
    }

    static String key(String name, String value, String scopes, String tier) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
        return "gateway.keys." + name + ".sha256=" + hash + "\ngateway.keys." + name + ".scopes=" + scopes
                + "\ngateway.keys." + name + ".tier=" + tier + "\n";
    }

    @Override
    public void close() throws Exception {
        List<ServiceProcess> every = new ArrayList<>(gateways);
        every.addAll(catalogs);
        every.addAll(aggregations);
        ServiceProcess.closeAll(every);
        redis.close();
        LocalInfra.dropDatabase(database);
    }
}

package io.scalingsuite.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.scalingsuite.devinfra.Embedded;
import io.scalingsuite.devinfra.LocalInfra;

import redis.embedded.RedisServer;

/**
 * The suite as processes: catalogs, one aggregation and gateways on a database and a Redis of their own (the
 * Redis is the test's, on a free port, so it may be stopped). The gateways know four API keys by hash, issued per
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

    private static ProcessSuite shared;

    final String jdbcUrl;
    final String database;
    final int redisPort = Embedded.freePort();
    final List<ServiceProcess> catalogs = new ArrayList<>();
    final List<ServiceProcess> gateways = new ArrayList<>();
    ServiceProcess aggregation;
    private RedisServer redis;

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
        jdbcUrl = LocalInfra.createDatabase("system_test");
        database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        startRedis();
        Map<String, String> common = Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME",
                LocalInfra.PG_USER, "QUARKUS_DATASOURCE_PASSWORD", DB_PASSWORD, "QUARKUS_REDIS_HOSTS", redisUrl());
        for (int i = 0; i < catalogCount; i++) {
            catalogs.add(new ServiceProcess("catalog-" + (i + 1), "catalog-service", common));
            catalogs.get(i).start();
        }
        Map<String, String> views = new java.util.HashMap<>(common);
        views.put("AGGREGATION_CATALOG_URL", catalogs.get(0).baseUrl()); // where a rebuild fetches the snapshot
        aggregation = new ServiceProcess("aggregation", "aggregation-service", views);
        aggregation.start();
        Path keys = gatewayKeys();
        // idle connections closed after 6 s instead of 30 s, so SlowClientsIT can watch it happen
        Map<String, String> gateway = Map.of("QUARKUS_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT_SECONDS + "S",
                "QUARKUS_REDIS_HOSTS", redisUrl(), "QUARKUS_CONFIG_LOCATIONS",
                keys.toString(), "GATEWAY_ROUTES_CATALOG_UPSTREAMS", catalogs.stream()
                        .map(c -> c.baseUrl().substring("http://".length())).collect(Collectors.joining(",")),
                "GATEWAY_ROUTES_VIEWS_UPSTREAMS", aggregation.baseUrl().substring("http://".length()),
                "GATEWAY_ROUTES_CATALOG_OPENAPI", catalogs.get(0).managementUrl() + "/q/openapi?format=json",
                "GATEWAY_ROUTES_VIEWS_OPENAPI", aggregation.managementUrl() + "/q/openapi?format=json");
        for (int i = 0; i < gatewayCount; i++) {
            gateways.add(new ServiceProcess("gateway-" + (i + 1), "gateway", gateway));
            gateways.get(i).start();
        }
    }

    String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    ServiceProcess gateway() {
        return gateways.get(0);
    }

    void startRedis() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "redis-" + redisPort)).toAbsolutePath();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly yes").setting("appendfsync always").setting("dir " + dir).build();
        redis.start();
    }

    void stopRedis() throws Exception {
        redis.stop();
    }

    /** Every log line the suite's processes wrote so far. */
    String logs() throws Exception {
        StringBuilder all = new StringBuilder();
        List<ServiceProcess> every = new ArrayList<>(catalogs);
        every.addAll(gateways);
        every.add(aggregation);
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

    private static String key(String name, String value, String scopes, String tier) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
        return "gateway.keys." + name + ".sha256=" + hash + "\ngateway.keys." + name + ".scopes=" + scopes
                + "\ngateway.keys." + name + ".tier=" + tier + "\n";
    }

    @Override
    public void close() throws Exception {
        List<ServiceProcess> every = new ArrayList<>(gateways);
        every.addAll(catalogs);
        every.add(aggregation);
        for (ServiceProcess process : every) {
            if (process != null) {
                process.close();
            }
        }
        if (redis != null) {
            redis.stop();
        }
        LocalInfra.dropDatabase(database);
    }
}

package io.scalingsuite.devinfra;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at a brand-new database on {@link LocalInfra#postgres()} and at
 * {@link LocalInfra#redis()}. Use it as
 * {@code @WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "database-prefix", value = "catalog_test"))}.
 *
 * <p>Init args: {@code database-prefix} (default {@code suite_test}) names the databases;
 * {@code redis-prefix-property} names a config key (e.g. {@code catalog.cache.key-prefix}) that is set to
 * a fresh value per start, so runs sharing the machine's Redis never read each other's keys.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_PREFIX = "database-prefix";
    public static final String REDIS_PREFIX_PROPERTY = "redis-prefix-property";

    private String databasePrefix = "suite_test";
    private String redisPrefixProperty;
    private String database;
    private String redisPrefix;

    @Override
    public void init(Map<String, String> initArgs) {
        databasePrefix = PgAdmin.checkName(initArgs.getOrDefault(DATABASE_PREFIX, databasePrefix));
        String property = initArgs.get(REDIS_PREFIX_PROPERTY);
        redisPrefixProperty = property == null || property.isBlank() ? null : property.trim();
    }

    @Override
    public Map<String, String> start() {
        LocalInfra.Postgres pg = LocalInfra.postgres();
        LocalInfra.Redis redis = LocalInfra.redis();
        String url = LocalInfra.createDatabase(databasePrefix);
        database = url.substring(url.lastIndexOf('/') + 1);

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", url);
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.redis.hosts", redis.uri());
        if (redisPrefixProperty != null) {
            redisPrefix = "t" + LocalInfra.randomSuffix(10);
            config.put(redisPrefixProperty, redisPrefix);
        }
        return config;
    }

    @Override
    public void stop() {
        // The application has shut down by now; free the database instead of keeping it until JVM exit.
        if (database != null) {
            LocalInfra.dropDatabase(database);
            database = null;
        }
        if (redisPrefix != null) {
            LocalInfra.deleteKeys(redisPrefix); // streams and generation keys would otherwise linger
            redisPrefix = null;
        }
    }
}

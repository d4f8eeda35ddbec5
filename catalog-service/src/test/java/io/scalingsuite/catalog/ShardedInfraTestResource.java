package io.scalingsuite.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.LocalInfraTestResource;

/**
 * {@link LocalInfraTestResource}, plus (when the system property {@code suite.test.catalog-shards} is above 1) one more
 * fresh database per extra shard: shard {@code s0} stays on the default datasource, {@code s1...} get the new
 * databases. The second surefire execution sets the property, so the whole suite also runs on two shards.
 */
public class ShardedInfraTestResource extends LocalInfraTestResource {

    public static final String SHARDS_PROPERTY = "suite.test.catalog-shards";

    private final List<String> databases = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        int shards = Integer.getInteger(SHARDS_PROPERTY, 1);
        if (shards > 1) {
            config.put("catalog.shards.s0.pool-size", "16");
            for (int i = 1; i < shards; i++) {
                String url = LocalInfra.createDatabase("catalog_shard");
                databases.add(url.substring(url.lastIndexOf('/') + 1));
                config.put("catalog.shards.s" + i + ".url", url);
            }
        }
        return config;
    }

    @Override
    public void stop() {
        super.stop();
        databases.forEach(LocalInfra::dropDatabase);
        databases.clear();
    }
}

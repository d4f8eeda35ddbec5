package io.scalingsuite.devinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The databases of {@code make run SHARDS=n REPLICAS=r}: with no replicas, shard {@code s0} is the usual database
 * and {@code s1...} are databases {@code <database>_s1...} next to it on the same PostgreSQL; with replicas
 * (r = 1), each shard gets a {@link StreamingReplicaPair} of its own (a primary and a streaming replica on free
 * ports). Writes catalog-service's {@code catalog.shards.*} keys to a properties file (read through
 * {@code QUARKUS_CONFIG_LOCATIONS}), then, if it started servers, lives until SIGTERM ({@code make stop}).
 */
public final class CatalogShardsMain {

    private CatalogShardsMain() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("--shards", "--replicas", "--database", "--config-file"), Set.of());
        int shards = Integer.parseInt(args.get("--shards", "1"));
        int replicas = Integer.parseInt(args.get("--replicas", "0"));
        String database = PgAdmin.checkName(args.get("--database", "scaling_suite"));
        Path configFile = Path.of(args.require("--config-file"));
        if (replicas > 1) {
            throw new IllegalArgumentException("REPLICAS may be 0 or 1 (one streaming replica per shard)");
        }
        Files.deleteIfExists(configFile);
        List<String> lines = new ArrayList<>();
        List<StreamingReplicaPair> pairs = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            lines.add("catalog.shards.s" + i + ".pool-size=16");
            if (replicas == 1) {
                StreamingReplicaPair pair = StreamingReplicaPair.start();
                pairs.add(pair);
                pair.createDatabase(database);
                lines.add("catalog.shards.s" + i + ".url=" + pair.primaryJdbcUrl(database));
                lines.add("catalog.shards.s" + i + ".replicas=" + pair.replicaJdbcUrl(database));
            } else if (i > 0) {
                lines.add("catalog.shards.s" + i + ".url=" + machineDatabase(database + "_s" + i));
            }
        }
        write(configFile, lines);
        if (!pairs.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> pairs.forEach(StreamingReplicaPair::close)));
            Thread.currentThread().join(); // until SIGTERM closes the pairs
        }
    }

    private static String machineDatabase(String name) throws Exception {
        LocalInfra.Postgres pg = LocalInfra.postgres();
        try (Connection admin = PgAdmin.connect(pg.jdbcUrl("postgres"), pg.user(), 10)) {
            PgAdmin.ensureDatabase(admin, name);
        }
        return pg.jdbcUrl(name);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, lines);
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}

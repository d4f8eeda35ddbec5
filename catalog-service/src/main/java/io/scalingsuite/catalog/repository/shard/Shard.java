package io.scalingsuite.catalog.repository.shard;

import java.util.List;

import io.agroal.api.AgroalDataSource;

/**
 * One shard: a PostgreSQL primary and its streaming replicas. Its Hibernate tenant id is its name; a replica's
 * is {@code <name>@replica-<n>}. {@code index} is the shard's place in name order, which ids and placement use.
 */
public record Shard(String name, int index, AgroalDataSource primary, List<Replica> replicas) {

    /** One streaming replica of a shard. */
    public record Replica(String tenant, AgroalDataSource dataSource) {
    }

    public static String replicaTenant(String shard, int n) {
        return shard + "@replica-" + n;
    }
}

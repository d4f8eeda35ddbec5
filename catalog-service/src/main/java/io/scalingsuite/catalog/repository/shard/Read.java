package io.scalingsuite.catalog.repository.shard;

/**
 * What a read on a shard answered, and whether a replica answered it: a replica may lag the primary by up to
 * {@code catalog.replicas.max-lag}, so whoever keeps the value (the cache) keeps it no longer than that.
 */
public record Read<T>(T value, boolean fromReplica) {
}

package io.scalingsuite.catalog.service;

import java.util.Locale;
import java.util.function.Function;

import io.scalingsuite.catalog.repository.shard.Read;

/**
 * A product read's answer and what answered it, which the resource returns as {@code X-Served-By} (a role, never
 * a host): a shard's primary, one of its replicas (for a listing over several shards: at least one replica), or
 * catalog's Redis cache (also when an identical read in flight on this instance shared its load).
 */
public record Served<T>(T value, Source source) {

    public static final String HEADER = "X-Served-By";

    public enum Source {
        PRIMARY, REPLICA, CACHE;

        /** The header value: {@code primary}, {@code replica} or {@code cache}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Source of(Read<?> read) {
            return read.fromReplica() ? REPLICA : PRIMARY;
        }
    }

    static <T> Served<T> of(Read<T> read) {
        return new Served<>(read.value(), Source.of(read));
    }

    public <U> Served<U> map(Function<T, U> mapper) {
        return new Served<>(mapper.apply(value), source);
    }
}

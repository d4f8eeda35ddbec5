package io.scalingsuite.catalog.repository.shard;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The authority's side of one {@link CategoryReplicator} pass, on the connection holding the lock: the fingerprints
 * are read at most once per pass and only if needed; versions and rows only for what a copy lacks.
 */
final class AuthorityCategories {

    private final Connection connection;
    private String fingerprint;
    private Map<Integer, String> buckets;

    AuthorityCategories(Connection connection) {
        this.connection = connection;
    }

    String fingerprint() throws SQLException {
        if (fingerprint == null) {
            fingerprint = CategoryCopies.fingerprint(connection);
        }
        return fingerprint;
    }

    Map<Integer, String> buckets() throws SQLException {
        if (buckets == null) {
            buckets = CategoryBuckets.fingerprints(connection);
        }
        return buckets;
    }

    Map<UUID, Long> versions(Set<Integer> differing) throws SQLException {
        return CategoryBuckets.versions(connection, differing);
    }

    List<CategoryCopies.Row> rows(List<UUID> ids) throws SQLException {
        return CategoryCopies.rows(connection, ids);
    }
}

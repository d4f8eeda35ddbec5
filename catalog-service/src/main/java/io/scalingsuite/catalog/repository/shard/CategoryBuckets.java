package io.scalingsuite.catalog.repository.shard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The category table cut into 256 buckets by the id's last byte (random in every UUID version the catalog makes, so
 * the buckets stay even), each with a fingerprint of its {@code (id, version)} pairs. A repair pass compares these
 * and reads ids and versions only in the buckets that differ, so its cost follows the drift, not the tree's size.
 */
final class CategoryBuckets {

    static final int COUNT = 256;

    private static final String BUCKET = "get_byte(uuid_send(id), 15)";

    private static final String FINGERPRINTS = "SELECT " + BUCKET + ", " + CategoryCopies.FINGERPRINT
            + " FROM catalog.category GROUP BY 1";

    private static final String VERSIONS = "SELECT id, version FROM catalog.category WHERE " + BUCKET + " = ANY (?)";

    private CategoryBuckets() {
    }

    /** Bucket to fingerprint; an empty bucket is absent. */
    static Map<Integer, String> fingerprints(Connection c) throws SQLException {
        Map<Integer, String> buckets = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(FINGERPRINTS)) {
            while (rs.next()) {
                buckets.put(rs.getInt(1), rs.getString(2));
            }
        }
        return buckets;
    }

    /** The buckets whose fingerprints differ, a bucket empty on one side included. */
    static Set<Integer> differing(Map<Integer, String> authority, Map<Integer, String> copy) {
        Set<Integer> differing = new TreeSet<>(authority.keySet());
        differing.addAll(copy.keySet());
        differing.removeIf(b -> authority.get(b) != null && authority.get(b).equals(copy.get(b)));
        return differing;
    }

    /** Id to version of every row in the buckets. */
    static Map<UUID, Long> versions(Connection c, Set<Integer> buckets) throws SQLException {
        Map<UUID, Long> versions = new HashMap<>();
        if (buckets.isEmpty()) {
            return versions;
        }
        try (PreparedStatement s = c.prepareStatement(VERSIONS)) {
            s.setArray(1, c.createArrayOf("int4", buckets.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return versions;
    }
}

package io.scalingsuite.catalog.service.resharding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.repository.shard.Shard;

/**
 * One merchant's rows on a shard: its products, their reviews, and the Idempotency-Key records of the creates that
 * made them (a record's {@code resource_id} is the product or review it created; records of products deleted since
 * stay behind). {@link #copy} copies them, as seen through {@code from}, to a shard in one target transaction that
 * first removes whatever an earlier copy left there: nothing reads the target's copy before the switch, so
 * replacing it wholesale is safe.
 */
final class RowCopy {

    /** The merchant's products ({@code p}) and every id its creates made ({@code owned}); one parameter. */
    private static final String OWNED = "WITH p AS (SELECT id FROM catalog.product WHERE merchant_id = ?), "
            + "owned AS (SELECT id FROM p UNION ALL SELECT r.id FROM catalog.review r JOIN p ON p.id = r.product_id) ";
    private static final String RECORDS = " FROM catalog.idempotency_key WHERE resource_id IN (SELECT id FROM owned)";
    private static final String COUNTS = OWNED + "SELECT (SELECT count(*) FROM p), "
            + "(SELECT count(*) FROM catalog.review r JOIN p ON p.id = r.product_id), (SELECT count(*)" + RECORDS + ")";
    private static final String PRODUCT_COLUMNS = "id, sku, name, description, price_cents, currency, category_id, "
            + "merchant_id, stock, attributes, version, created_at, updated_at";
    private static final String REVIEW_COLUMNS = "id, product_id, rating, title, body, created_at";
    private static final String RECORD_COLUMNS = "idem_key, caller, scope, fingerprint, status, resource_id, response, "
            + "created_at";
    private static final String UNIQUE_VIOLATION = "23505";

    private RowCopy() {
    }

    /** Copies the merchant's rows to {@code target}; returns the ids of the products copied. */
    static List<UUID> copy(Connection from, Shard target, String merchantId) throws SQLException {
        try (Connection into = target.primary().getConnection()) {
            into.setAutoCommit(false);
            try {
                delete(into, merchantId);
                List<UUID> ids = rows(from, into, "SELECT " + PRODUCT_COLUMNS.replace("attributes", "attributes::text")
                        + " FROM catalog.product WHERE merchant_id = ?", "catalog.product", PRODUCT_COLUMNS,
                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?", merchantId).stream().map(UUID.class::cast)
                        .toList();
                rows(from, into, "SELECT r." + REVIEW_COLUMNS.replace(", ", ", r.") + " FROM catalog.review r JOIN "
                        + "catalog.product p ON p.id = r.product_id WHERE p.merchant_id = ?", "catalog.review",
                        REVIEW_COLUMNS, "?, ?, ?, ?, ?, ?", merchantId);
                rows(from, into, OWNED + "SELECT " + RECORD_COLUMNS.replace("response", "response::text") + RECORDS,
                        "catalog.idempotency_key", RECORD_COLUMNS, "?, ?, ?, ?, ?, ?, ?::jsonb, ?", merchantId);
                into.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                into.rollback();
                if (collides(e)) {
                    throw collision(merchantId, target);
                }
                throw e;
            }
        }
    }

    /** Deletes the merchant's rows: the records first (they are found through the products), reviews cascade. */
    static void delete(Connection c, String merchantId) throws SQLException {
        MerchantMover.execute(c, OWNED + "DELETE" + RECORDS, merchantId);
        MerchantMover.execute(c, "DELETE FROM catalog.product WHERE merchant_id = ?", merchantId);
    }

    /** How many products, reviews and Idempotency-Key records of the merchant {@code c} sees. */
    static long[] counts(Connection c, String merchantId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COUNTS)) {
            s.setString(1, merchantId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) };
            }
        }
    }

    /** Copies rows and returns the first column of each. */
    private static List<Object> rows(Connection from, Connection into, String select, String table, String columns,
            String values, String merchantId) throws SQLException {
        List<Object> firsts = new ArrayList<>();
        try (PreparedStatement read = from.prepareStatement(select);
                PreparedStatement write = into.prepareStatement(
                        "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")")) {
            read.setString(1, merchantId);
            try (ResultSet rs = read.executeQuery()) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= width; i++) {
                        write.setObject(i, rs.getObject(i));
                    }
                    write.addBatch();
                    firsts.add(rs.getObject(1));
                }
            }
            write.executeBatch();
        }
        return firsts;
    }

    /**
     * A unique key taken on the target by another merchant: the same SKU (unique per shard), or the same caller's
     * Idempotency-Key on the products route (one record per caller, key and route). Neither can be merged.
     */
    private static boolean collides(Throwable e) {
        if (e == null) {
            return false;
        }
        if (e instanceof SQLException s
                && (UNIQUE_VIOLATION.equals(s.getSQLState()) || collides(s.getNextException()))) {
            return true;
        }
        return collides(e.getCause());
    }

    private static CatalogException collision(String merchantId, Shard target) {
        return CatalogException.conflict("Merchant '" + merchantId + "' was not moved: a SKU of its products, or an "
                + "Idempotency-Key a caller used for it, is already taken on shard " + target.name() + " by another "
                + "merchant (keys are remembered for catalog.idempotency.retention).");
    }
}

package io.scalingsuite.catalog.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.scalingsuite.catalog.repository.shard.Shard;

/**
 * Copies one merchant's products and reviews, as they are seen through {@code from}, to a shard: in one target
 * transaction that first removes whatever an earlier copy left there. Nothing reads the target's copy before the
 * switch, so replacing it wholesale is safe. Returns the ids of the products copied.
 */
final class RowCopy {

    private static final String PRODUCT_COLUMNS = "id, sku, name, description, price_cents, currency, category_id, "
            + "merchant_id, stock, attributes, version, created_at, updated_at";
    private static final String REVIEW_COLUMNS = "id, product_id, rating, title, body, created_at";

    private RowCopy() {
    }

    static List<UUID> copy(Connection from, Shard target, String merchantId) throws SQLException {
        try (Connection into = target.primary().getConnection()) {
            into.setAutoCommit(false);
            try {
                MerchantMover.execute(into, "DELETE FROM catalog.product WHERE merchant_id = ?", merchantId);
                List<UUID> ids = rows(from, into, "SELECT " + PRODUCT_COLUMNS.replace("attributes", "attributes::text")
                        + " FROM catalog.product WHERE merchant_id = ?", "catalog.product", PRODUCT_COLUMNS,
                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?", merchantId);
                rows(from, into, "SELECT r." + REVIEW_COLUMNS.replace(", ", ", r.") + " FROM catalog.review r JOIN "
                        + "catalog.product p ON p.id = r.product_id WHERE p.merchant_id = ?", "catalog.review",
                        REVIEW_COLUMNS, "?, ?, ?, ?, ?, ?", merchantId);
                into.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                into.rollback();
                throw e;
            }
        }
    }

    private static List<UUID> rows(Connection from, Connection into, String select, String table, String columns,
            String values, String merchantId) throws SQLException {
        List<UUID> ids = new ArrayList<>();
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
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            write.executeBatch();
        }
        return ids;
    }
}

package io.scalingsuite.aggregation.views.reading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A top-list page after a cursor is, per category of the subtree, a seek into an index in the page's own order:
 * the cursor is the index condition and no sort runs below the per-category LIMIT. Sorting and other scans are
 * priced out, so the plan shows whether the index can serve the order at all, whatever the test data's size.
 */
@QuarkusTest
class TopProductsPlanTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldSeekEachCategoryOfThePageInTheRatingKeyIndex() throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; "
                        + "SET LOCAL enable_sort = off");
            }
            try (PreparedStatement s = c.prepareStatement("EXPLAIN " + TopProducts.AFTER)) {
                s.setArray(1, c.createArrayOf("uuid", new UUID[] { UUID.randomUUID(), UUID.randomUUID() }));
                new RatingKey(new BigDecimal("4.5"), 3, UUID.randomUUID()).bind(s, 2);
                s.setInt(5, 11);
                s.setInt(6, 11);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                c.rollback();
            }
        }
        assertTrue(plan.toString().matches("(?s).*->  Limit[^\n]*\n\\s*->  Index Scan using "
                + "product_card_category_rating_key_idx on product_card p[^\n]*\n\\s*Index Cond: "
                + "\\(\\(category_id = c\\.id\\) AND \\(ROW\\(COALESCE\\(avg_rating.*"), plan.toString());
    }
}

package io.scalingsuite.aggregation.views.reading;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A category summary is one stored row read by its primary key: no subtree walk, no aggregate, no join. Scans other
 * than the index are priced out, so the plan shows what the statement asks for whatever the test data's size.
 */
@QuarkusTest
class SummaryPlanTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldReadACategorySummaryAsOnePrimaryKeyLookup() throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off");
            }
            try (PreparedStatement s = c.prepareStatement("EXPLAIN " + ViewQueries.CATEGORY_SUMMARY)) {
                s.setObject(1, UUID.randomUUID());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                c.rollback();
            }
        }
        assertTrue(plan.toString().matches("Index Scan using category_summary_pkey on category_summary[^\n]*\n"
                + "\\s*Index Cond: \\(category_id = [^\n]*\\)\n"), plan.toString());
    }
}

package io.scalingsuite.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A product write goes into the GIN indexes' entries at once (V11, fastupdate off), not into a pending list that
 * every search and attribute filter would read through until a flush.
 */
@QuarkusTest
class SearchIndexWritesTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldLeaveNothingPendingInTheGinIndexesAfterACreate() throws SQLException {
        Fixtures.createProduct(Fixtures.category(), "acme");

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet pending = s.executeQuery("SELECT gin_clean_pending_list('catalog.product_search_idx'), "
                        + "gin_clean_pending_list('catalog.product_attributes_idx')")) {
            pending.next();
            assertEquals(0, pending.getLong(1), "pending-list pages of the text index");
            assertEquals(0, pending.getLong(2), "pending-list pages of the attributes index");
        }
    }
}

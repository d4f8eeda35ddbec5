package io.scalingsuite.aggregation.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A product event reads the category its card embeds once: the form and its path version in one statement, where
 * it took two round trips on the same locked row.
 */
@QuarkusTest
class CardCategoryReadTest {

    private static final String CATEGORY_ROW = "FROM aggregation.category WHERE id = ?";

    @Inject
    DataSource dataSource;

    @Inject
    EventApplier applier;

    @Test
    void shouldReadTheEmbeddedCategoryAndItsPathVersionInOneStatement() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                UUID category = UUID.randomUUID();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO aggregation.category"
                        + " (id, parent_id, slug, name, path, version, path_version)"
                        + " VALUES (?, NULL, ?, 'Desk lamps', '[]', 0, 7)")) {
                    s.setObject(1, category);
                    s.setString(2, "desk-lamps-" + category);
                    s.executeUpdate();
                }
                RecordingConnection recording = new RecordingConnection(c);
                UUID product = UUID.randomUUID();

                applier.applyIn(recording.connection(), Events.product(product, 0, category, 1_500, 3), "1-0");

                List<String> categoryReads = recording.ran().stream().map(RecordingConnection.Ran::sql)
                        .filter(sql -> sql.contains(CATEGORY_ROW)).toList();
                assertEquals(1, categoryReads.size(), "reads of the category row: " + categoryReads);
                try (PreparedStatement s = c.prepareStatement("SELECT category_version, card->'category'->>'name'"
                        + " FROM aggregation.product_card WHERE product_id = ?")) {
                    s.setObject(1, product);
                    try (ResultSet rs = s.executeQuery()) {
                        assertTrue(rs.next(), "the card was written");
                        assertEquals(7, rs.getLong(1), "the card records the path version of the form it embeds");
                        assertEquals("Desk lamps", rs.getString(2));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }
}

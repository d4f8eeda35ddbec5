package io.scalingsuite.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A write records its event with one INSERT: nothing rewrites the outbox row before the relay marks it published
 * (Hibernate dirty-checking a JSON payload would, with an UPDATE of every column, in every write's transaction).
 * A trigger of the test's own notes every UPDATE of a row that does not publish it.
 */
@QuarkusTest
class OutboxWriteTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void noteRewrites() throws SQLException {
        execute("CREATE TABLE catalog.test_outbox_rewrite (event_id uuid)",
                "CREATE FUNCTION catalog.test_note_outbox_rewrite() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN INSERT INTO catalog.test_outbox_rewrite VALUES (NEW.event_id); RETURN NEW; END $$",
                "CREATE TRIGGER test_outbox_rewrite BEFORE UPDATE ON catalog.outbox FOR EACH ROW "
                        + "WHEN (OLD.published_at IS NOT DISTINCT FROM NEW.published_at) "
                        + "EXECUTE FUNCTION catalog.test_note_outbox_rewrite()");
    }

    @AfterEach
    void dropTrigger() throws SQLException {
        execute("DROP TRIGGER IF EXISTS test_outbox_rewrite ON catalog.outbox",
                "DROP FUNCTION IF EXISTS catalog.test_note_outbox_rewrite()",
                "DROP TABLE IF EXISTS catalog.test_outbox_rewrite");
    }

    @Test
    void shouldRecordAProductWritesEventWithoutRewritingIt() throws SQLException {
        Fixtures.createProduct(Fixtures.category(), "acme");

        assertEquals(0, rewrites(), "outbox rows updated without being published");
    }

    private long rewrites() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM catalog.test_outbox_rewrite")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}

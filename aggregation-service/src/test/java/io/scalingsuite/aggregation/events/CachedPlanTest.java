package io.scalingsuite.aggregation.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The plans a writer's connection keeps. After five executions of a prepared statement PostgreSQL may keep one
 * generic plan for it, made for the table sizes of that moment, until the table is analyzed again; the summary rows
 * are few when a connection first writes them, and are rewritten by every event after. So every statement a product
 * event runs on them must reach them by key in its generic plan, made while there are a few hundred categories, as
 * after `make run`'s seed.
 */
@QuarkusTest
@TestProfile(CachedPlanTest.OwnDatabase.class)
class CachedPlanTest {

    /**
     * A database of its own, with only the few categories of this test: WriterIndexTest's settings, but another
     * profile class, so another application start and another database than its 5,000 categories.
     */
    public static class OwnDatabase extends WriterIndexTest.OwnDatabase {
    }

    /** 200 categories three levels deep (10 roots, 40 below them, 150 below those), as the seed's, with summaries. */
    private static final String SEED = """
            INSERT INTO aggregation.category (id, parent_id, slug, name, path, version)
              SELECT lpad((g)::text, 32, '0')::uuid,
                     CASE WHEN g <= 10 THEN NULL WHEN g <= 50 THEN lpad((1 + g % 10)::text, 32, '0')::uuid
                          ELSE lpad((11 + g % 40)::text, 32, '0')::uuid END,
                     'c-' || g, 'Category ' || g, '[]', 0
              FROM generate_series(1, 200) g;
            SELECT aggregation.refresh_category_summaries(ARRAY(SELECT id FROM aggregation.category));
            ANALYZE aggregation.category;
            ANALYZE aggregation.category_summary;
            """;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\?");

    @Inject
    DataSource dataSource;

    @Inject
    EventApplier applier;

    @Test
    void shouldReachTheSummaryRowsByKeyInTheGenericPlansOfAProductEvent() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(SEED);
                UUID leaf = leafCategory(s);
                RecordingConnection recording = new RecordingConnection(c);
                UUID product = UUID.randomUUID();
                applier.applyIn(recording.connection(), Events.product(product, 0, leaf, 100, 1), "1-0");
                applier.applyIn(recording.connection(), Events.product(product, 1, leaf, 90, 0), "1-1");
                Set<String> summaryStatements = new LinkedHashSet<>();
                recording.ran().stream().map(RecordingConnection.Ran::sql)
                        .filter(sql -> sql.contains("aggregation.category_summary"))
                        .forEach(summaryStatements::add);
                assertTrue(summaryStatements.size() >= 2, "statements on the summaries: " + summaryStatements);
                s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                int n = 0;
                for (String sql : summaryStatements) {
                    String plan = genericPlan(s, "summary_" + n++, sql);
                    assertFalse(plan.contains("Seq Scan on category_summary"), "a scan of every summary:\n" + sql
                            + "\n" + plan);
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static UUID leafCategory(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT id FROM aggregation.category c WHERE parent_id IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM aggregation.category k WHERE k.parent_id = c.id) LIMIT 1")) {
            assertTrue(rs.next(), "a category below another");
            return rs.getObject(1, UUID.class);
        }
    }

    /** The plan PostgreSQL keeps for the statement: prepared with its parameters untyped, run with nulls. */
    private static String genericPlan(Statement s, String name, String sql) throws SQLException {
        Matcher placeholders = PLACEHOLDER.matcher(sql);
        StringBuilder numbered = new StringBuilder();
        int parameters = 0;
        while (placeholders.find()) {
            placeholders.appendReplacement(numbered, "\\$" + ++parameters);
        }
        placeholders.appendTail(numbered);
        s.execute("PREPARE " + name + " AS " + numbered);
        String nulls = String.join(", ", Collections.nCopies(parameters, "NULL"));
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE " + name + (parameters == 0 ? "" : "(" + nulls + ")"))) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}

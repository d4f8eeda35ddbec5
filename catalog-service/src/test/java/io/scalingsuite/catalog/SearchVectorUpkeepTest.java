package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * The stored search vector (V9) is PostgreSQL's to keep: recomputed when a write sets the name or the description,
 * and only then, so a stock or price feed does not pay for re-parsing every product's text. A trigger on
 * {@code UPDATE OF name, description}, on every shard's primary, records which writes set those columns.
 */
@QuarkusTest
class SearchVectorUpkeepTest {

    private static final String PRODUCTS = "/api/catalog/products";

    @Inject
    ShardPools pools;

    private String categoryId;

    @BeforeEach
    void recordTextWrites() throws SQLException {
        categoryId = Fixtures.category();
        sql("""
                CREATE TABLE IF NOT EXISTS public.text_write (product_id uuid NOT NULL);
                CREATE OR REPLACE FUNCTION public.record_text_write() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN INSERT INTO public.text_write VALUES (NEW.id); RETURN NULL; END $$;
                DROP TRIGGER IF EXISTS record_text_write ON catalog.product;
                CREATE TRIGGER record_text_write AFTER UPDATE OF name, description ON catalog.product
                    FOR EACH ROW EXECUTE FUNCTION public.record_text_write();
                """);
    }

    @AfterEach
    void dropRecorder() throws SQLException {
        sql("""
                DROP TRIGGER IF EXISTS record_text_write ON catalog.product;
                DROP FUNCTION IF EXISTS public.record_text_write();
                DROP TABLE IF EXISTS public.text_write;
                """);
    }

    @Test
    void shouldLeaveNameAndDescriptionOutOfAStockPatch() throws SQLException {
        String id = Fixtures.createProduct(categoryId, Fixtures.unique("m"));

        patch(id, "\"0\"", "{\"stock\": 3, \"priceCents\": 1234}");

        assertEquals(0, textWrites(id), "writes that set name or description");
    }

    @Test
    void shouldFindAProductByTheNameAPatchGaveIt() throws SQLException {
        String id = Fixtures.createProduct(categoryId, Fixtures.unique("m"));
        String word = Words.unique();

        patch(id, "\"0\"", "{\"name\": \"" + word + " lamp\"}");

        assertEquals(1, textWrites(id), "writes that set name or description");
        given().queryParam("q", word).get(PRODUCTS).then().statusCode(200).body("items.id", contains(id));
    }

    private static void patch(String id, String ifMatch, String body) {
        given().contentType("application/merge-patch+json").header("If-Match", ifMatch).body(body)
                .patch(PRODUCTS + "/" + id).then().statusCode(200);
    }

    /** The writes of the product that set its text, on the shard that holds it (the others have none). */
    private int textWrites(String id) throws SQLException {
        int most = 0;
        for (Shard shard : pools.all()) {
            try (Connection c = shard.primary().getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT count(*) FROM public.text_write WHERE product_id = ?")) {
                s.setObject(1, UUID.fromString(id));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    most = Math.max(most, rs.getInt(1));
                }
            }
        }
        return most;
    }

    private void sql(String statements) throws SQLException {
        for (Shard shard : pools.all()) {
            try (Connection c = shard.primary().getConnection(); Statement s = c.createStatement()) {
                s.execute(statements);
            }
        }
    }
}

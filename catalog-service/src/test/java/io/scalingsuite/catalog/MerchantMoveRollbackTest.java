package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * A move whose switch-over commit fails changes nothing: the source keeps the merchant, and this instance keeps
 * routing its reads and writes there (the in-memory placement changes only after the commit).
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class MerchantMoveRollbackTest {

    @Inject
    Placement placement;

    @Inject
    ShardPools pools;

    @Test
    void shouldKeepRoutingToTheSourceWhenTheSwitchCommitFails() throws Exception {
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != 0);
        String product = Fixtures.createProduct(Fixtures.category(), merchant);
        // Raised by PostgreSQL at COMMIT (a deferred constraint trigger), after every statement of the switch ran.
        String function = "fail_commit_" + merchant.replace('-', '_');
        sql("CREATE FUNCTION catalog." + function + "() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$;"
                + "CREATE CONSTRAINT TRIGGER " + function + " AFTER INSERT ON catalog.merchant_directory "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.merchant_id = '" + merchant + "') "
                + "EXECUTE FUNCTION catalog." + function + "()");
        try {
            int status = given().post("/api/catalog/admin/merchants/" + merchant + "/move?to=s1").statusCode();
            assertEquals(500, status, "the failed switch is reported");
        } finally {
            sql("DROP TRIGGER " + function + " ON catalog.merchant_directory; DROP FUNCTION catalog." + function);
        }

        assertEquals("s0", placement.ofMerchant(merchant).name(), "the merchant still routes to the source");
        assertEquals("s0", placement.ofProduct(UUID.fromString(product)).name(), "its product too");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body(Map.of("stock", 77))
                .patch("/api/catalog/products/" + product).then().statusCode(200);
        given().contentType(ContentType.JSON).get("/api/catalog/products/" + product).then().statusCode(200)
                .body("stock", equalTo(77));
        assertEquals(1, count(merchant), "the write landed on the source, which still holds the merchant");
    }

    private long count(String merchant) throws SQLException {
        try (Connection c = pools.get(0).primary().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM catalog.product WHERE merchant_id = '" + merchant
                        + "' AND stock = 77")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statements) throws SQLException {
        try (Connection c = pools.get(0).primary().getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }
}

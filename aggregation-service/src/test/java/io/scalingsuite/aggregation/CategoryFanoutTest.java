package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.aggregation.events.EventApplier;
import io.scalingsuite.aggregation.events.FanoutWorker;
import io.scalingsuite.aggregation.views.writing.CategoryFanout;
import io.scalingsuite.aggregation.views.writing.Outcome;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.CategoryChange;

/**
 * A category rename or move reaches every card of its subtree in bounded batches after the event committed, exactly
 * once under redelivery and interleaved product events, and ends where a rebuild from catalog's snapshot ends. The
 * worker thread is off: each test runs the batches itself, so it can stop between two of them.
 */
@QuarkusTest
@TestProfile(CategoryFanoutTest.Batches.class)
class CategoryFanoutTest {

    static final int BATCH = 250;

    /** The export stand-in for the rebuild, no stream, the fan-out driven by the test, small batches. */
    public static class Batches extends FakeCatalogExport {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.putAll(Map.of("aggregation.stream.enabled", "false", "aggregation.fanout.enabled", "false",
                    "aggregation.fanout.batch-size", Integer.toString(BATCH)));
            return config;
        }
    }

    /** Cards whose embedded category is not the category's current form (slug, name, path). */
    private static final String STALE_CARDS = """
            SELECT count(*) FROM aggregation.product_card p JOIN aggregation.category c ON c.id = p.category_id
            WHERE p.category_id = ANY (?) AND p.card->'category' IS DISTINCT FROM
                jsonb_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'path', c.path)""";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventApplier applier;

    @Inject
    FanoutWorker worker;

    @Inject
    DataSource dataSource;

    private TreeCatalog catalog;

    @BeforeEach
    void drainEarlierJobs() throws SQLException {
        catalog = new TreeCatalog(applier);
        drain();
    }

    /** Root, 3 children, 2 grandchildren each: 10 categories, 3 levels. */
    private List<UUID> tree(String name) throws SQLException {
        List<UUID> ids = new ArrayList<>(List.of(catalog.category(name, null)));
        for (int i = 0; i < 3; i++) {
            UUID child = catalog.category(name + "-c" + i, ids.get(0));
            ids.add(child);
            ids.add(catalog.category(name + "-g" + i + "a", child));
            ids.add(catalog.category(name + "-g" + i + "b", child));
        }
        return ids;
    }

    @Test
    void shouldRenameARootInEveryCardOfItsSubtreeInBoundedBatchesAfterTheEventCommitted() throws Exception {
        List<UUID> tree = tree("home");
        List<UUID> cards = catalog.products(tree, 3_000);
        drain();

        assertEquals(Outcome.APPLIED, catalog.apply(catalog.change(tree.get(0), "House", null)));

        assertEquals(3_000, staleCards(tree), "the event's transaction rewrote no card");
        List<CategoryFanout.Batch> batches = drain();
        assertEquals(0, staleCards(tree));
        assertTrue(batches.size() >= 3_000 / BATCH, "batches: " + batches.size());
        assertTrue(batches.stream().allMatch(b -> b.rewritten() <= BATCH), "a batch rewrote at most " + BATCH);
        assertEquals(3_000, batches.stream().mapToInt(CategoryFanout.Batch::rewritten).sum(), "each card once");
        UUID deep = cards.get(2); // in the first child's first grandchild
        given().get("/api/views/products/" + deep).then().statusCode(200)
                .body("category.path[0].name", equalTo("House"))
                .body("category.path[2].id", equalTo(tree.get(2).toString()))
                .header("Cache-Tag", containsString("view:category:" + tree.get(0)));
    }

    @Test
    void shouldMoveASubtreeAndItsSummariesToWhatARebuildGives() throws Exception {
        UUID from = catalog.category("from", null);
        UUID to = catalog.category("to", null);
        List<UUID> moved = tree("moved"); // moved.get(1) and its two grandchildren move from `from` to `to`
        catalog.apply(catalog.change(moved.get(0), "MOVED", from));
        catalog.products(List.of(from, to), 40);
        catalog.products(moved.subList(1, 4), 900);
        catalog.products(moved.subList(4, 10), 300);
        drain();
        long subtreeCards = summary(moved.get(1)).get("productCount").asLong();

        catalog.apply(catalog.change(moved.get(1), "Moved child", to));
        drain();

        assertEquals(20 + subtreeCards, summary(to).get("productCount").asLong());
        assertEquals(20 + 300, summary(from).get("productCount").asLong(), "the other two children stay");
        assertEquals(List.of(to, moved.get(1), moved.get(2)), pathOf(moved.get(2)));
        List<UUID> compared = List.of(from, to, moved.get(0), moved.get(1), moved.get(2), moved.get(4));
        Map<UUID, JsonNode> incremental = new HashMap<>();
        for (UUID id : compared) {
            incremental.put(id, summary(id));
        }
        Map<String, String> embedded = embeddedCategories(moved);

        rebuild();

        for (UUID id : compared) {
            assertEquals(incremental.get(id), summary(id), "summary of " + id);
        }
        assertEquals(embedded, embeddedCategories(moved));
    }

    @Test
    void shouldResumeAfterARedeliveryBetweenTwoBatchesAndRewriteEachCardOnce() throws Exception {
        List<UUID> tree = tree("garden");
        catalog.products(tree, 1_000);
        drain();
        CatalogEvent<CategoryChange> rename = catalog.change(tree.get(0), "Yard", null);
        catalog.apply(rename);
        int first = worker.runOnce().orElseThrow().rewritten();

        // The consumer died before acknowledging: the entry comes again, and a fresh worker picks the job up.
        assertEquals(Outcome.DUPLICATE, catalog.apply(rename));
        List<CategoryFanout.Batch> rest = drain();

        assertEquals(BATCH, first);
        assertEquals(1_000, first + rest.stream().mapToInt(CategoryFanout.Batch::rewritten).sum());
        assertEquals(0, staleCards(tree));
    }

    @Test
    void shouldEmbedTheNewPathInProductsWrittenIntoTheSubtreeDuringTheFanout() throws Exception {
        List<UUID> tree = tree("office");
        UUID elsewhere = catalog.category("elsewhere", null);
        catalog.products(tree, 1_000);
        UUID movedIn = catalog.products(List.of(elsewhere), 1).get(0);
        drain();
        catalog.apply(catalog.change(tree.get(0), "Workplace", null));
        worker.runOnce().orElseThrow();

        UUID created = catalog.product(UUID.randomUUID(), tree.get(9), 999, 1);
        catalog.product(movedIn, tree.get(9), 1_234, 2);
        int rest = drain().stream().mapToInt(CategoryFanout.Batch::rewritten).sum();

        assertEquals(0, staleCards(tree));
        assertEquals(1_000 - BATCH, rest, "the batches left the two cards the product events wrote alone");
        for (UUID product : List.of(created, movedIn)) {
            given().get("/api/views/products/" + product).then().statusCode(200)
                    .body("category.path[0].name", equalTo("Workplace"))
                    .body("category.path[2].id", equalTo(tree.get(9).toString()));
        }
        assertEquals(1_002, summary(tree.get(0)).get("productCount").asLong());
    }

    @Test
    void shouldKeepADeletedCategoryDeletedWhenAnOlderUpdateArrivesAfterIt() throws Exception {
        UUID parent = catalog.category("shelf", null);
        UUID leaf = catalog.category("empty", parent);
        CatalogEvent<CategoryChange> rename = catalog.change(leaf, "Still empty", parent);
        given().get("/api/views/categories/" + leaf + "/summary").then().statusCode(200);

        assertEquals(Outcome.APPLIED, catalog.apply(catalog.delete(leaf)));
        assertEquals(Outcome.STALE, catalog.apply(rename));
        drain();

        given().get("/api/views/categories/" + leaf + "/summary").then().statusCode(404);
        assertEquals(0, summary(parent).get("productCount").asLong());
        UUID product = catalog.products(List.of(parent), 1).get(0);
        given().get("/api/views/products/" + product).then().statusCode(200)
                .body("category.path.size()", equalTo(1));
    }

    private List<CategoryFanout.Batch> drain() throws SQLException {
        List<CategoryFanout.Batch> batches = new ArrayList<>();
        for (Optional<CategoryFanout.Batch> b = worker.runOnce(); b.isPresent(); b = worker.runOnce()) {
            batches.add(b.get());
        }
        return batches;
    }

    private long staleCards(List<UUID> categories) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(STALE_CARDS)) {
            s.setArray(1, c.createArrayOf("uuid", categories.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Each card of the categories (product id) and the category it embeds (JSON text). */
    private Map<String, String> embeddedCategories(List<UUID> categories) throws SQLException {
        Map<String, String> cards = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT product_id::text, (card->'category')::text FROM aggregation.product_card "
                        + "WHERE category_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", categories.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    cards.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertFalse(cards.isEmpty());
        return cards;
    }

    private List<UUID> pathOf(UUID category) throws SQLException {
        List<UUID> path = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT e->>'id' FROM aggregation.category, jsonb_array_elements(path) WITH ORDINALITY AS x(e, n) "
                        + "WHERE id = ? ORDER BY n")) {
            s.setObject(1, category);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    path.add(UUID.fromString(rs.getString(1)));
                }
            }
        }
        return path;
    }

    private static JsonNode summary(UUID category) throws Exception {
        ObjectNode view = (ObjectNode) JSON.readTree(given().get("/api/views/categories/" + category + "/summary")
                .then().statusCode(200).extract().asString());
        view.remove(List.of("version", "updatedAt"));
        return view;
    }

    private void rebuild() throws Exception {
        FakeCatalogExport.serve(catalog.export());
        given().post("/api/views/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String state = given().get("/api/views/admin/rebuild").path("state");
            assertFalse("failed".equals(state), "the rebuild failed");
            return "done".equals(state);
        });
    }
}

package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scalingsuite.aggregation.events.EventApplier;
import io.scalingsuite.aggregation.views.reading.ReadTimeSummary;

/**
 * Every stored category summary (V7) is, byte for byte through the endpoint, what the read-time query of before
 * computes ({@link ReadTimeSummary}), after random product, review and category events, a rebuild, and events of
 * one subtree applied side by side.
 */
@QuarkusTest
@TestProfile(CategoryFanoutTest.Batches.class)
class StoredSummaryTest {

    /** Quotes, escapes, control characters, non-ASCII: the pre-rendered top list must escape them as Jackson does. */
    private static final String[] NAMES = { "Lamp", "Lamp \"Deluxe\"", "back\\slash", "tab\tand\nnewline",
            "esc\u001b vt\u000b us\u001f", "ünïcødé 😀", "</script>", "\\u001b literally" };

    @Inject
    EventApplier applier;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    private TreeCatalog catalog;
    private ReadTimeSummary reference;
    private final Set<UUID> everCreated = new HashSet<>();

    @BeforeEach
    void newCatalog() {
        catalog = new TreeCatalog(applier);
        reference = new ReadTimeSummary(dataSource, mapper);
    }

    @Test
    void shouldServeTheReadTimeSummaryOfEveryCategoryAfterRandomEvents() throws Exception {
        randomEvents(new Random(21), 700);

        assertEverySummaryIsTheReference();
    }

    @Test
    void shouldServeTheReadTimeSummaryOfEveryCategoryAfterARebuild() throws Exception {
        randomEvents(new Random(2121), 300);
        FakeCatalogExport.serve(catalog.export());

        given().post("/api/views/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String state = given().get("/api/views/admin/rebuild").path("state");
            assertFalse("failed".equals(state), "the rebuild failed");
            return "done".equals(state);
        });

        assertEverySummaryIsTheReference();
    }

    @Test
    void shouldLoseNoUpdateWhenEventsOfOneSubtreeApplySideBySide() throws Exception {
        UUID root = category(null);
        List<UUID> tree = new ArrayList<>(List.of(root));
        for (int i = 0; i < 4; i++) {
            tree.add(category(tree.get(i / 2)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Random random = new Random(t);
                TreeCatalog own = new TreeCatalog(applier); // each thread changes products of its own
                done.add(threads.submit(() -> {
                    List<UUID> products = own.products(tree, 10);
                    for (int i = 0; i < 150; i++) {
                        UUID p = products.get(random.nextInt(products.size()));
                        if (random.nextBoolean()) {
                            own.review(p, 1 + random.nextInt(5));
                        } else {
                            own.product(p, tree.get(random.nextInt(tree.size())), 100 + random.nextInt(40) * 25,
                                    random.nextInt(3));
                        }
                    }
                    return null;
                }));
            }
            done.add(threads.submit(() -> { // meanwhile a leaf moves back and forth: the tree's lock alone
                for (int i = 0; i < 20; i++) {
                    catalog.apply(catalog.change(tree.get(4), "Leaf " + i, tree.get(i % 2 == 0 ? 2 : 1)));
                }
                return null;
            }));
            for (Future<?> each : done) {
                each.get(); // a deadlock or any other failure ends here
            }
        } finally {
            threads.shutdownNow();
        }

        given().get(path(root)).then().statusCode(200).body("productCount", equalTo(30));
        assertEverySummaryIsTheReference();
    }

    private void assertEverySummaryIsTheReference() throws Exception {
        assertFalse(everCreated.isEmpty());
        for (UUID id : everCreated) {
            Optional<String> expected = reference.json(id);
            Response served = given().get(path(id));
            if (expected.isEmpty()) {
                assertEquals(404, served.statusCode(), "deleted category " + id);
            } else {
                assertEquals(200, served.statusCode(), "category " + id);
                assertArrayEquals(expected.get().getBytes(StandardCharsets.UTF_8), served.asByteArray(),
                        () -> "category " + id + "\nexpected " + expected.get() + "\nserved   " + served.asString());
            }
        }
    }

    private static String path(UUID category) {
        return "/api/views/categories/" + category + "/summary";
    }

    private UUID category(UUID parent) throws Exception {
        UUID id = catalog.category("s", parent);
        everCreated.add(id);
        return id;
    }

    /** Categories created, moved, renamed and deleted; products created, changed, moved and deleted; reviews. */
    private void randomEvents(Random random, int count) throws Exception {
        category(null);
        for (int i = 0; i < count; i++) {
            List<UUID> categories = catalog.categories();
            List<UUID> products = catalog.products();
            UUID anyCategory = categories.get(random.nextInt(categories.size()));
            int dice = random.nextInt(100);
            if (dice < 8) {
                category(random.nextInt(4) == 0 ? null : anyCategory);
            } else if (dice < 13) {
                UUID parent = random.nextInt(5) == 0 ? null : categories.get(random.nextInt(categories.size()));
                if (parent == null || !below(parent, anyCategory)) {
                    catalog.apply(catalog.change(anyCategory, "Moved " + i, parent));
                }
            } else if (dice < 16) {
                if (categories.stream().noneMatch(c -> anyCategory.equals(catalog.parentOf(c)))
                        && products.stream().noneMatch(p -> catalog.productState(p).categoryId().equals(anyCategory))
                        && categories.size() > 1) {
                    catalog.apply(catalog.delete(anyCategory)); // catalog deletes only what nothing references
                }
            } else if (dice < 46 || products.isEmpty()) {
                catalog.product(UUID.randomUUID(), NAMES[random.nextInt(NAMES.length)], anyCategory,
                        100 + random.nextInt(30) * 50, random.nextInt(3));
            } else if (dice < 66) {
                UUID p = products.get(random.nextInt(products.size()));
                var state = catalog.productState(p);
                catalog.product(p, random.nextInt(4) == 0 ? NAMES[random.nextInt(NAMES.length)] : state.name(),
                        random.nextInt(3) == 0 ? anyCategory : state.categoryId(),
                        random.nextBoolean() ? 100 + random.nextInt(30) * 50 : state.priceCents(), random.nextInt(3));
            } else if (dice < 73) {
                catalog.deleteProduct(products.get(random.nextInt(products.size())));
            } else {
                catalog.review(products.get(random.nextInt(products.size())), 1 + random.nextInt(5));
            }
        }
        assertTrue(catalog.categories().size() > 5, "categories: " + catalog.categories().size());
    }

    /** Whether {@code category} is {@code ancestor} or below it: catalog refuses such a move (a cycle). */
    private boolean below(UUID category, UUID ancestor) {
        for (UUID at = category; at != null; at = catalog.parentOf(at)) {
            if (at.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }
}

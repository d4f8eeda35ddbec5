package io.scalingsuite.aggregation.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.aggregation.views.writing.CategoryFanout;
import io.scalingsuite.contracts.events.CatalogEvent;

/**
 * Several consumers of one group apply an aggregate's events in any order: whatever order they commit in, the views
 * end as if the events had been applied in catalog's order. Every permutation is applied in a transaction of its
 * own that is rolled back, and its end state compared with the in-order one.
 */
@QuarkusTest
class OutOfOrderTest {

    /**
     * The product's card and columns, and the sums of both categories and the merchant. A sum that is zero reads as
     * no row (summaries add rows up; merchant summaries skip zero counts), so it is left out.
     */
    private static final String STATE = """
            SELECT (SELECT concat_ws('|', p.category_id, p.price_cents, p.stock, p.review_count, p.rating_sum,
                        p.deleted, p.version, p.card::text) FROM aggregation.product_card p WHERE p.product_id = ?),
                   (SELECT string_agg(concat_ws('|', s.category_id, s.product_count, s.in_stock_count, s.price_sum,
                        s.review_count, s.rating_sum), ',' ORDER BY s.category_id)
                      FROM aggregation.category_stat s WHERE s.category_id IN (?, ?)
                       AND (s.product_count, s.in_stock_count, s.price_sum, s.review_count, s.rating_sum)
                           <> (0, 0, 0, 0, 0)),
                   (SELECT string_agg(concat_ws('|', m.category_id, m.product_count), ',' ORDER BY m.category_id)
                      FROM aggregation.merchant_category m WHERE m.merchant_id = 'acme' AND m.category_id IN (?, ?)
                       AND m.product_count <> 0),
                   (SELECT count(*) FROM aggregation.parked_event WHERE product_id = ?)""";

    @Inject
    DataSource dataSource;

    @Inject
    EventApplier applier;

    @Inject
    CategoryFanout fanout;

    @Test
    void shouldEndAsInOrderWhenAReviewIsAppliedBeforeItsProductsLatestVersion() throws SQLException {
        UUID category = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        List<CatalogEvent<?>> inOrder = List.of(Events.category(category, "c-" + category, null, 0),
                Events.product(product, 0, category, 100, 1), Events.product(product, 1, category, 150, 2),
                Events.review(product, 4), Events.product(product, 2, category, 175, 0));

        assertEveryOrderEndsAsInOrder(inOrder, product, category, category);
    }

    @Test
    void shouldEndAsInOrderWhenAPriceChangeIsAppliedBeforeTheProductsCategoryMove() throws SQLException {
        UUID from = UUID.randomUUID();
        UUID to = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        List<CatalogEvent<?>> inOrder = List.of(Events.category(from, "from-" + from, null, 0),
                Events.category(to, "to-" + to, from, 0), Events.product(product, 0, from, 100, 1),
                Events.product(product, 1, to, 100, 1), Events.product(product, 2, to, 250, 1));

        assertEveryOrderEndsAsInOrder(inOrder, product, from, to);
    }

    private void assertEveryOrderEndsAsInOrder(List<CatalogEvent<?>> inOrder, UUID product, UUID a, UUID b)
            throws SQLException {
        String expected = endState(inOrder, product, a, b);
        List<List<CatalogEvent<?>>> orders = new ArrayList<>();
        permutations(new ArrayList<>(inOrder), 0, orders);
        for (List<CatalogEvent<?>> order : orders) {
            assertEquals(expected, endState(order, product, a, b),
                    "applied as " + order.stream().map(e -> e.type().wireName() + " v" + e.version()).toList());
        }
    }

    private String endState(List<CatalogEvent<?>> order, UUID product, UUID a, UUID b) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int position = 0;
                for (CatalogEvent<?> event : order) {
                    applier.applyIn(c, event, "1-" + position++);
                }
                // a category event's cards follow in batches after it, which the worker would run
                while (fanout.step(c, 1_000).isPresent()) {
                    position++;
                }
                try (PreparedStatement s = c.prepareStatement(STATE)) {
                    Object[] keys = { product, a, b, a, b, product };
                    for (int i = 0; i < keys.length; i++) {
                        s.setObject(i + 1, keys[i]);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3) + "\nparked "
                                + rs.getLong(4);
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static void permutations(List<CatalogEvent<?>> events, int from, List<List<CatalogEvent<?>>> out) {
        if (from == events.size()) {
            out.add(List.copyOf(events));
            return;
        }
        for (int i = from; i < events.size(); i++) {
            java.util.Collections.swap(events, from, i);
            permutations(events, from + 1, out);
            java.util.Collections.swap(events, from, i);
        }
    }
}

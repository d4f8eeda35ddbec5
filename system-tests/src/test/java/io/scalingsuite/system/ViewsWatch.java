package io.scalingsuite.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * Polls the views until every card and summary equals the catalog's aggregate, fast enough to time it to a fraction
 * of a second. Reading every card over HTTP takes one request per product (hundreds, seconds on a busy machine: the
 * comparison would measure itself), so the cards are read in one query from the rows aggregation serves them from
 * ({@code aggregation.product_card.card}, what {@code GET /api/views/products/{id}} answers for a product not
 * deleted) and compared field by field as {@link ViewDifferences} does; the summaries, a handful, are read over
 * HTTP. A caller that wants certainty compares everything once more over HTTP ({@link ViewDifferences#of}).
 */
final class ViewsWatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jdbcUrl;
    private final String viewsUrl;
    private final Collection<String> merchants;

    ViewsWatch(String jdbcUrl, String viewsUrl, Collection<String> merchants) {
        this.jdbcUrl = jdbcUrl;
        this.viewsUrl = viewsUrl;
        this.merchants = merchants;
    }

    /** The differences now (empty when the views equal the catalog's aggregate). */
    List<String> differences() throws Exception {
        ExpectedViews expected = new ExpectedViews(jdbcUrl, LocalInfra.PG_USER);
        Map<String, JsonNode> cards = cards();
        List<String> differences = new ArrayList<>();
        for (ExpectedViews.Product p : expected.products.values()) {
            differences.addAll(ViewDifferences.ofCard(p, expected, cards.get(p.id())));
        }
        differences.addAll(ViewDifferences.ofSummaries(expected, viewsUrl, merchants));
        return differences;
    }

    private Map<String, JsonNode> cards() throws Exception {
        Map<String, JsonNode> cards = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, LocalInfra.PG_USER, "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT product_id, card::text FROM aggregation.product_card WHERE NOT deleted")) {
            while (rs.next()) {
                cards.put(rs.getString(1), JSON.readTree(rs.getString(2)));
            }
        }
        return cards;
    }
}

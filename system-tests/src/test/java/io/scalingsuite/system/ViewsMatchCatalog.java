package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * Every product card, category summary and merchant summary aggregation serves, against {@link ExpectedViews}
 * computed from catalog's own tables: the same comparison as {@code CatalogToViewsPropertyIT}'s, for other tests.
 */
final class ViewsMatchCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String views;
    private final String jdbcUrl;

    ViewsMatchCatalog(String aggregationBaseUrl, String jdbcUrl) {
        this.views = aggregationBaseUrl + "/api/views";
        this.jdbcUrl = jdbcUrl;
    }

    /** Fails unless every view equals the catalog's aggregate; {@code created}: every product id ever created. */
    void assertMatch(Collection<String> categories, Collection<String> merchants, Collection<String> created)
            throws Exception {
        ExpectedViews expected = new ExpectedViews(jdbcUrl, LocalInfra.PG_USER);
        for (ExpectedViews.Product p : expected.products.values()) {
            assertProductCard(p);
        }
        for (String id : created) {
            if (!expected.products.containsKey(id)) {
                assertEquals(404, get("/products/" + id).statusCode(), "deleted product " + id);
            }
        }
        for (String category : categories) {
            assertCategorySummary(category, expected);
        }
        for (String merchant : merchants) {
            assertMerchantSummary(merchant, expected);
        }
    }

    private void assertProductCard(ExpectedViews.Product p) throws Exception {
        JsonNode card = view("/products/" + p.id());
        assertEquals(p.priceCents(), card.get("priceCents").asLong(), p.id());
        assertEquals(p.stock(), card.get("stock").asInt(), p.id());
        assertEquals(p.categoryId(), card.get("category").get("id").asText(), p.id());
        assertEquals(p.reviews(), card.get("rating").get("count").asLong(), p.id());
        assertDecimal(p.average(), card.get("rating").get("average"), p.id());
        assertEquals(p.recentReviewIds(), ids(card.get("recentReviews")), p.id());
    }

    private void assertCategorySummary(String category, ExpectedViews expected) throws Exception {
        List<ExpectedViews.Product> in = expected.in(expected.subtree(category));
        JsonNode summary = view("/categories/" + category + "/summary");
        long sum = in.stream().mapToLong(ExpectedViews.Product::priceCents).sum();
        assertEquals(in.size(), summary.get("productCount").asLong(), category);
        assertEquals(in.stream().filter(p -> p.stock() > 0).count(), summary.get("inStockCount").asLong(), category);
        assertEquals(in.isEmpty() ? null : Math.round((double) sum / in.size()),
                summary.get("avgPriceCents").isNull() ? null : summary.get("avgPriceCents").asLong(), category);
        assertEquals(in.stream().mapToLong(ExpectedViews.Product::priceCents).min().orElse(-1),
                summary.get("minPriceCents").isNull() ? -1 : summary.get("minPriceCents").asLong(), category);
        assertEquals(in.stream().mapToLong(ExpectedViews.Product::priceCents).max().orElse(-1),
                summary.get("maxPriceCents").isNull() ? -1 : summary.get("maxPriceCents").asLong(), category);
        long reviews = in.stream().mapToLong(ExpectedViews.Product::reviews).sum();
        assertEquals(reviews, summary.get("reviewCount").asLong(), category);
        assertDecimal(ExpectedViews.average(in.stream().mapToLong(ExpectedViews.Product::ratingSum).sum(), reviews),
                summary.get("avgRating"), category);
        assertEquals(ExpectedViews.top(in), ids(summary.get("topProducts")), category);
    }

    private void assertMerchantSummary(String merchant, ExpectedViews expected) throws Exception {
        List<ExpectedViews.Product> of = expected.products.values().stream()
                .filter(p -> p.merchantId().equals(merchant)).toList();
        JsonNode summary = view("/merchants/" + merchant + "/summary");
        assertEquals(of.size(), summary.get("productCount").asLong(), merchant);
        assertEquals(of.stream().mapToLong(p -> p.priceCents() * p.stock()).sum(),
                summary.get("stockValueCents").asLong(), merchant);
        assertDecimal(ExpectedViews.average(of.stream().mapToLong(ExpectedViews.Product::ratingSum).sum(),
                of.stream().mapToLong(ExpectedViews.Product::reviews).sum()), summary.get("avgRating"), merchant);
        Map<String, Long> counts = new HashMap<>();
        of.forEach(p -> counts.merge(p.categoryId(), 1L, Long::sum));
        Map<String, Long> actual = new HashMap<>();
        summary.get("categoryCounts").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asLong()));
        assertEquals(counts, actual, merchant);
    }

    private static void assertDecimal(BigDecimal expected, JsonNode actual, String what) {
        if (expected == null) {
            assertEquals(true, actual == null || actual.isNull(), what + ": expected no average, got " + actual);
        } else {
            assertEquals(0, expected.compareTo(actual.decimalValue()), what + ": " + expected + " vs " + actual);
        }
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asText()).toList();
    }

    private JsonNode view(String path) throws Exception {
        HttpResponse<String> answer = get(path);
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(views + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

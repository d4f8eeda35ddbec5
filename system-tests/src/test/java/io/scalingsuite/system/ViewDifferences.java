package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * Every product card, every category summary and every merchant summary the views serve, compared field by field
 * with {@link ExpectedViews} (the catalog's own aggregate), each card's category with its root-first path too;
 * deleted products and categories must be gone. The result lists each
 * field that differs, so a test can print what is stale instead of only that something is.
 */
final class ViewDifferences {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String viewsUrl;
    private final List<String> differences = new ArrayList<>();

    private ViewDifferences(String viewsUrl) {
        this.viewsUrl = viewsUrl;
    }

    /** The differences between the views served at viewsUrl and the catalog's aggregate; empty when equal. */
    static List<String> of(ExpectedViews expected, String viewsUrl, Collection<String> deleted,
            Collection<String> merchants) throws Exception {
        return of(expected, viewsUrl, deleted, merchants, false);
    }

    /**
     * Fails unless the views served at viewsUrl equal the catalog's aggregate read from jdbcUrl now, naming the
     * first 20 differences; {@code deleted}: ids of products or categories that must have neither a card nor a
     * category summary (404) unless the catalog still has them.
     */
    static void assertNone(String jdbcUrl, String viewsUrl, Collection<String> deleted, Collection<String> merchants)
            throws Exception {
        List<String> differences = of(new ExpectedViews(jdbcUrl, LocalInfra.PG_USER), viewsUrl, deleted, merchants);
        assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())),
                differences.size() + " differences, the first 20");
    }

    /** Whether the views equal the catalog's aggregate, stopping at the first difference (for polling). */
    static boolean equal(ExpectedViews expected, String viewsUrl, Collection<String> merchants) throws Exception {
        return of(expected, viewsUrl, List.of(), merchants, true).isEmpty();
    }

    /** One card's differences, the card as aggregation serves it (null: it serves none). */
    static List<String> ofCard(ExpectedViews.Product p, ExpectedViews expected, JsonNode card) {
        ViewDifferences diff = new ViewDifferences(null);
        if (card == null) {
            diff.differences.add("card " + p.id() + ": none");
        } else {
            diff.compare(p, expected, card);
        }
        return diff.differences;
    }

    /** The category and merchant summaries' differences (empty when they all equal the catalog's aggregate). */
    static List<String> ofSummaries(ExpectedViews expected, String viewsUrl, Collection<String> merchants)
            throws Exception {
        ViewDifferences diff = new ViewDifferences(viewsUrl);
        diff.summaries(expected, merchants);
        return diff.differences;
    }

    private static List<String> of(ExpectedViews expected, String viewsUrl, Collection<String> deleted,
            Collection<String> merchants, boolean firstOnly) throws Exception {
        ViewDifferences diff = new ViewDifferences(viewsUrl);
        for (ExpectedViews.Product p : expected.products.values()) {
            diff.card(p, expected);
            if (firstOnly && !diff.differences.isEmpty()) {
                return diff.differences;
            }
        }
        for (String id : deleted) {
            if (!expected.products.containsKey(id) && !expected.categories.containsKey(id)) {
                diff.same("deleted " + id + " card status", 404, diff.get("/api/views/products/" + id).statusCode());
                diff.same("deleted " + id + " category summary status", 404,
                        diff.get("/api/views/categories/" + id + "/summary").statusCode());
            }
        }
        diff.summaries(expected, merchants);
        return diff.differences;
    }

    private void summaries(ExpectedViews expected, Collection<String> merchants) throws Exception {
        for (String category : expected.categories.keySet()) {
            category(category, expected.in(expected.subtree(category)));
        }
        Set<String> every = new TreeSet<>(merchants);
        expected.products.values().forEach(p -> every.add(p.merchantId()));
        for (String merchant : every) {
            merchant(merchant, expected.products.values().stream().filter(p -> p.merchantId().equals(merchant))
                    .toList());
        }
    }

    private void card(ExpectedViews.Product p, ExpectedViews expected) throws Exception {
        JsonNode card = view("/api/views/products/" + p.id(), "card " + p.id());
        if (card != null) {
            compare(p, expected, card);
        }
    }

    private void compare(ExpectedViews.Product p, ExpectedViews expected, JsonNode card) {
        String at = "card " + p.id() + " ";
        ExpectedViews.Category category = expected.categories.get(p.categoryId());
        Map<String, Object> want = new HashMap<>(Map.of("sku", p.sku(), "name", p.name(), "priceCents",
                p.priceCents(), "currency", p.currency(), "stock", (long) p.stock(), "merchantId", p.merchantId(),
                "version", p.version(), "category.id", p.categoryId(), "category.slug", category.slug(),
                "category.name", category.name()));
        want.put("rating.count", p.reviews());
        want.forEach((field, value) -> same(at + field, value, scalar(card, field)));
        same(at + "category.path", expected.path(p.categoryId()), StreamSupport.stream(card.path("category")
                .path("path").spliterator(), false).map(
                        c -> c.path("id").asText() + "/" + c.path("slug").asText()
                                + "/" + c.path("name").asText())
                .toList());
        decimal(at + "rating.average", p.average(), card.path("rating").get("average"));
        List<String> reviews = p.recentReviews().stream().map(r -> r.id() + "/" + r.rating() + "/" + r.title())
                .toList();
        same(at + "recentReviews", reviews, StreamSupport.stream(card.path("recentReviews").spliterator(), false)
                .map(r -> r.path("id").asText() + "/" + r.path("rating").asInt() + "/" + r.path("title").asText())
                .toList());
    }

    private void category(String id, List<ExpectedViews.Product> in) throws Exception {
        JsonNode summary = view("/api/views/categories/" + id + "/summary", "category " + id);
        if (summary == null) {
            return;
        }
        String at = "category " + id + " ";
        long sum = in.stream().mapToLong(ExpectedViews.Product::priceCents).sum();
        long reviews = in.stream().mapToLong(ExpectedViews.Product::reviews).sum();
        same(at + "productCount", (long) in.size(), summary.path("productCount").asLong());
        same(at + "inStockCount", in.stream().filter(p -> p.stock() > 0).count(),
                summary.path("inStockCount").asLong());
        same(at + "avgPriceCents", in.isEmpty() ? null : Math.round((double) sum / in.size()), number(summary,
                "avgPriceCents"));
        same(at + "minPriceCents", in.stream().mapToLong(ExpectedViews.Product::priceCents).boxed().min(Long::compare)
                .orElse(null), number(summary, "minPriceCents"));
        same(at + "maxPriceCents", in.stream().mapToLong(ExpectedViews.Product::priceCents).boxed().max(Long::compare)
                .orElse(null), number(summary, "maxPriceCents"));
        same(at + "reviewCount", reviews, summary.path("reviewCount").asLong());
        decimal(at + "avgRating", ExpectedViews.average(in.stream().mapToLong(ExpectedViews.Product::ratingSum).sum(),
                reviews), summary.get("avgRating"));
        same(at + "topProducts", ExpectedViews.top(in), StreamSupport.stream(summary.path("topProducts")
                .spliterator(), false).map(n -> n.path("id").asText()).toList());
    }

    private void merchant(String merchant, List<ExpectedViews.Product> of) throws Exception {
        JsonNode summary = view("/api/views/merchants/" + merchant + "/summary", "merchant " + merchant);
        if (summary == null) {
            return;
        }
        String at = "merchant " + merchant + " ";
        same(at + "productCount", (long) of.size(), summary.path("productCount").asLong());
        same(at + "stockValueCents", of.stream().mapToLong(p -> p.priceCents() * p.stock()).sum(),
                summary.path("stockValueCents").asLong());
        decimal(at + "avgRating", ExpectedViews.average(of.stream().mapToLong(ExpectedViews.Product::ratingSum).sum(),
                of.stream().mapToLong(ExpectedViews.Product::reviews).sum()), summary.get("avgRating"));
        Map<String, Long> counts = new HashMap<>();
        of.forEach(p -> counts.merge(p.categoryId(), 1L, Long::sum));
        Map<String, Long> served = new HashMap<>();
        summary.path("categoryCounts").fields().forEachRemaining(e -> served.put(e.getKey(), e.getValue().asLong()));
        // The summary embeds the first 100 counts; the rest follow by cursor.
        for (JsonNode cursor = summary.get("categoryCountsNextCursor"); cursor != null && !cursor.isNull();) {
            JsonNode page = view("/api/views/merchants/" + merchant + "/category-counts?limit=100&cursor="
                    + cursor.asText(), "merchant " + merchant + " category counts");
            if (page == null) {
                break;
            }
            page.path("items").forEach(i -> served.put(i.path("categoryId").asText(), i.path("productCount").asLong()));
            cursor = page.get("nextCursor");
        }
        same(at + "categoryCounts", counts, served);
    }

    private void same(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(what + ": catalog " + expected + ", view " + actual);
        }
    }

    private void decimal(String what, BigDecimal expected, JsonNode actual) {
        boolean none = actual == null || actual.isNull();
        if (expected == null ? !none : none || expected.compareTo(actual.decimalValue()) != 0) {
            differences.add(what + ": catalog " + expected + ", view " + actual);
        }
    }

    /** A dotted path's value as the card holds it: text as String, numbers as Long. */
    private static Object scalar(JsonNode node, String path) {
        JsonNode value = node;
        for (String part : path.split("\\.")) {
            value = value.path(part);
        }
        return value.isMissingNode() || value.isNull() ? null : value.isNumber() ? (Object) value.asLong()
                : value.asText();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private JsonNode view(String path, String what) throws Exception {
        HttpResponse<String> answer = get(path);
        if (answer.statusCode() != 200) {
            differences.add(what + ": status " + answer.statusCode());
            return null;
        }
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(viewsUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

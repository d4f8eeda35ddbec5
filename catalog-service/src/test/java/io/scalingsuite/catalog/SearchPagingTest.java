package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Keyset paging by relevance: every page through the API, one after the other, equals the ranking PostgreSQL gives
 * when asked directly on every shard (ties broken by id), and writes between pages neither repeat nor drop a row.
 * Runs on one shard and, in the second surefire execution, on two.
 */
@QuarkusTest
class SearchPagingTest {

    private static final String PRODUCTS = "/api/catalog/products";

    @Inject
    ShardPools pools;

    private record Ranked(String id, float rank) {
    }

    /** Four kinds of match, so ranks differ and many tie; merchants spread the rows over the shards. */
    private static String create(String word, String categoryId, int i) {
        Map<String, Object> body = Fixtures.product(categoryId, Fixtures.unique("m"));
        String[][] kinds = { { word + " desk", "Oak" }, { "Oak desk", "Finished in " + word },
                { word + " lamp", "The " + word + " original" }, { "Pine shelf", word + " and " + word + " again" } };
        body.put("name", kinds[i % 4][0]);
        body.put("description", kinds[i % 4][1]);
        return Fixtures.create(body).path("id");
    }

    /** Every page of the search as the ids on it, following nextCursor. */
    private static List<List<String>> pages(String q, int limit, Runnable betweenPages) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("q", q).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(PRODUCTS).then().statusCode(200).extract().response();
            pages.add(page.path("items.id"));
            cursor = page.path("nextCursor");
            betweenPages.run();
        } while (cursor != null);
        return pages;
    }

    /** The ranking straight from each shard's rows, independent of the listing's SQL and merge. */
    private List<String> rankedDirectly(String word) throws SQLException {
        List<Ranked> all = new ArrayList<>();
        for (Shard shard : pools.all()) {
            try (Connection c = shard.primary().getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT id::text, ts_rank(search, q) FROM catalog.product, to_tsquery('english', ?) q "
                            + "WHERE search @@ q")) {
                s.setString(1, word + ":*");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Ranked(rs.getString(1), rs.getFloat(2)));
                    }
                }
            }
        }
        // lower-case hex of equal length: string order is PostgreSQL's uuid order
        return all.stream().sorted(Comparator.comparing(Ranked::rank).thenComparing(Ranked::id).reversed())
                .map(Ranked::id).toList();
    }

    @Test
    void shouldPageByRelevanceLikeTheDatabaseRanksWithoutGapsOrDuplicates() throws SQLException {
        String word = Words.unique();
        String categoryId = Fixtures.category();
        for (int i = 0; i < 30; i++) {
            create(word, categoryId, i);
        }

        List<List<String>> pages = pages(word, 4, () -> {
        });

        List<String> walked = pages.stream().flatMap(List::stream).toList();
        assertEquals(rankedDirectly(word), walked);
        assertEquals(30, new HashSet<>(walked).size());
        assertEquals(8, pages.size());
    }

    @Test
    void shouldNeitherRepeatNorSkipARowWhileMatchingProductsAreWritten() {
        String word = Words.unique();
        String categoryId = Fixtures.category();
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            before.add(create(word, categoryId, i));
        }
        int[] written = { 0 };

        List<List<String>> pages = pages(word, 3, () -> create(word, categoryId, written[0]++));

        List<String> walked = pages.stream().flatMap(List::stream).toList();
        assertEquals(walked.size(), new HashSet<>(walked).size(), "a row shown twice: " + pages);
        assertTrue(walked.containsAll(before), "a row that existed throughout was skipped: " + pages);
    }
}

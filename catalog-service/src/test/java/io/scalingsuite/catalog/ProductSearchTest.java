package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code q=}: words over name and description, prefix on the last word, exact SKU, ranked by relevance. */
@QuarkusTest
class ProductSearchTest {

    private static final String PRODUCTS = "/api/catalog/products";

    private String word;
    private String categoryId;
    private String merchantId;

    @BeforeEach
    void vocabulary() {
        word = Words.unique();
        categoryId = Fixtures.category();
        merchantId = Fixtures.unique("m");
    }

    private String create(String name, String description, int priceCents) {
        Map<String, Object> body = Fixtures.product(categoryId, merchantId);
        body.put("name", name);
        body.put("description", description);
        body.put("priceCents", priceCents);
        return Fixtures.create(body).path("id");
    }

    @Test
    void shouldFindProductsWhoseNameOrDescriptionHoldsEveryWord() {
        String inName = create("Walnut " + word + " desk", "Solid wood", 100);
        String inDescription = create("Oak desk", "A " + word + " finish in walnut", 200);
        create("Walnut desk", "Nothing special", 300);
        create(word + " chair", "Oak", 400);

        given().queryParam("q", word + " walnut").get(PRODUCTS).then()
                .statusCode(200)
                .body("items.id", containsInAnyOrder(inName, inDescription))
                .header("Cache-Tag", equalTo("products"));
    }

    @Test
    void shouldRankNameMatchesAboveDescriptionMatches() {
        String inDescription = create("Oak desk", "Finished in " + word, 100);
        String inName = create(word + " desk", "Oak", 200);
        String inBoth = create(word + " lamp", "The " + word + " original", 300);

        given().queryParam("q", word).get(PRODUCTS).then()
                .statusCode(200)
                .body("items.id", contains(inBoth, inName, inDescription));
    }

    @Test
    void shouldMatchTheLastWordAsAPrefixWhileTyping() {
        String id = create(word + " bookshelf", "Pine", 100);

        given().queryParam("q", word.substring(0, 8)).get(PRODUCTS).then()
                .body("items.id", contains(id));
        given().queryParam("q", word + " booksh").get(PRODUCTS).then()
                .body("items.id", contains(id));
        given().queryParam("q", "booksh " + word.substring(0, 8)).get(PRODUCTS).then()
                .body("items", empty());
    }

    @Test
    void shouldStemEnglishWords() {
        String id = create(word + " desks", "Two standing tables", 100);

        given().queryParam("q", word + " desk").get(PRODUCTS).then().body("items.id", contains(id));
        given().queryParam("q", "stands " + word).get(PRODUCTS).then().body("items.id", contains(id));
    }

    @Test
    void shouldMatchAnExactSkuFirst() {
        Map<String, Object> body = Fixtures.product(categoryId, merchantId);
        String sku = "SKU-" + word.toUpperCase();
        body.put("sku", sku);
        body.put("name", "Plain stool");
        String bySku = Fixtures.create(body).path("id");
        String byWord = create("Stool " + word.toLowerCase() + " sku", "Pine", 100);

        given().queryParam("q", sku).get(PRODUCTS).then()
                .statusCode(200)
                .body("items.id", contains(bySku, byWord));
    }

    @Test
    void shouldTreatSearchOperatorsAsPlainText() {
        String id = create(word + " mirror", "Round", 100);

        given().queryParam("q", "'" + word + "' & !(mirr:*").get(PRODUCTS).then()
                .statusCode(200)
                .body("items.id", contains(id));
        given().queryParam("q", "'); DROP TABLE catalog.product; --").get(PRODUCTS).then().statusCode(200);
    }

    @Test
    void shouldSearchAnyLettersAndDigitsWithoutAnError() {
        String id = create(word + " caf\u00e9 \u4e2d\u6587 \u00b2", "Na\u00efve", 100);

        given().queryParam("q", word + " CAF\u00c9 \u4e2d\u6587").get(PRODUCTS).then()
                .statusCode(200)
                .body("items.id", contains(id));
        given().queryParam("q", "x".repeat(200)).get(PRODUCTS).then()
                .statusCode(200)
                .body("items", empty());
        given().queryParam("q", "the and of").get(PRODUCTS).then()
                .statusCode(200)
                .body("items", empty());
    }

    @Test
    void shouldSortSearchResultsByPriceWhenAsked() {
        String dear = create(word + " sofa", "Leather", 90_000);
        String cheap = create(word + " sofa bed", "Fabric", 40_000);

        given().queryParam("q", word).queryParam("sort", "price").get(PRODUCTS).then()
                .body("items.id", contains(cheap, dear));
        given().queryParam("q", word).queryParam("sort", "-price").queryParam("maxPriceCents", 50_000)
                .get(PRODUCTS).then()
                .body("items.id", contains(cheap));
    }

    @Test
    void shouldServeARepeatedSearchFromTheCacheAndShowANewMatchAtOnce() {
        String first = create(word + " rug", "Wool", 100);
        given().queryParam("q", word).get(PRODUCTS).then().header("X-Served-By", equalTo("primary"));
        given().queryParam("q", word).get(PRODUCTS).then()
                .header("X-Served-By", equalTo("cache"))
                .body("items.id", contains(first));

        String second = create(word + " rug", "Wool", 200);

        Response after = given().queryParam("q", word).get(PRODUCTS).then().statusCode(200).extract().response();
        assertThat(after.path("items.id"), containsInAnyOrder(first, second));
        assertThat(after.header("X-Served-By"), equalTo("primary"));
    }

    @Test
    void shouldRefuseSearchesThatAreNotWordsNamingQ() {
        given().queryParam("q", " ;:- ").get(PRODUCTS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("q"))
                .body("errors[0].message", equalTo("must contain at least one letter or digit"));
        given().queryParam("q", "a".repeat(201)).get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("q"))
                .body("errors[0].message", equalTo("may be at most 200 characters"));
        given().queryParam("q", "a b c d e f g h i").get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].message", equalTo("may hold at most 8 words"));
    }

    @Test
    void shouldRefuseRelevanceWithoutASearch() {
        given().queryParam("sort", "relevance").get(PRODUCTS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"))
                .body("errors[0].message", equalTo("relevance needs a search: add q"));
    }

    @Test
    void shouldRefuseACursorFromAnotherSearch() {
        create(word + " vase", "Glass", 100);
        create(word + " vase", "Clay", 200);
        String cursor = given().queryParam("q", word).queryParam("limit", 1).get(PRODUCTS).then()
                .extract().path("nextCursor");

        given().queryParam("q", word + " glass").queryParam("cursor", cursor).get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("q", word).queryParam("cursor", cursor).get(PRODUCTS).then()
                .statusCode(200)
                .body("items", hasSize(1));
    }
}

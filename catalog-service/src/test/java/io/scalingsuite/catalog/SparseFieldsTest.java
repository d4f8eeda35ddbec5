package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A sparse answer is the whole document's selected properties, byte for byte and in the document's order,
 * whichever order fields= names them (issue 21: catalog now copies them token by token from the cached bytes
 * instead of building a tree and rendering it again).
 */
@QuarkusTest
class SparseFieldsTest {

    private static final String PRODUCTS = "/api/catalog/products/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldAnswerTheWholeDocumentsPropertiesVerbatimOnACacheHit() throws Exception {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        String whole = given().get(PRODUCTS + id).then().statusCode(200).extract().asString();

        String sparse = given().queryParam("fields", "priceCents,attributes,id").get(PRODUCTS + id).then()
                .statusCode(200).header("X-Served-By", equalTo("cache"))
                .header("ETag", equalTo("\"0;attributes,id,priceCents\"")).extract().asString();

        Map<String, Object> expected = new LinkedHashMap<>(JSON.readValue(whole, new TypeReference<>() {
        }));
        expected.keySet().retainAll(List.of("id", "priceCents", "attributes"));
        assertEquals(JSON.writeValueAsString(expected), sparse);
        assertEquals("{\"id\":\"" + id + "\"", sparse.substring(0, sparse.indexOf(',')));
    }
}

package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A sparse answer is the whole document's selected properties, byte for byte and in the document's order,
 * whichever order fields= names them (issue 21: catalog now copies them token by token from the cached bytes
 * instead of building a tree and rendering it again), and a sparse answer kept in memory is the current version's.
 */
@QuarkusTest
class SparseFieldsTest {

    private static final String PRODUCTS = "/api/catalog/products/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECTION = "name,id";

    @Inject
    MeterRegistry registry;

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

    @Test
    void shouldAnswerARepeatedSparseReadFromMemoryWithTheSameBytes() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        String first = sparse(id, "\"0;id,name\"");
        double kept = kept();

        assertEquals(first, given().queryParam("fields", SELECTION).get(PRODUCTS + id).then().statusCode(200)
                .header("X-Served-By", equalTo("cache")).extract().asString());
        assertEquals(kept + 1, kept(), "the second answer was kept, not cut again");
    }

    @Test
    void shouldAnswerTheNewVersionAfterAWriteThoughTheOldOneWasKept() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        sparse(id, "\"0;id,name\"");
        sparse(id, "\"0;id,name\"");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"name\": \"Renamed\"}")
                .patch(PRODUCTS + id).then().statusCode(200);

        assertEquals("{\"id\":\"" + id + "\",\"name\":\"Renamed\"}", sparse(id, "\"1;id,name\""));
    }

    private static String sparse(String id, String etag) {
        return given().queryParam("fields", SELECTION).get(PRODUCTS + id).then().statusCode(200)
                .header("ETag", equalTo(etag)).extract().asString();
    }

    private double kept() {
        var counter = registry.find("catalog.sparse.renderings").tag("result", "kept").counter();
        return counter == null ? 0 : counter.count();
    }
}

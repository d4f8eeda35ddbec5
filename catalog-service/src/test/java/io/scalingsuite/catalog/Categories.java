package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Category calls of the tests: creates with a unique slug, merge patches, deletes. */
final class Categories {

    static final String PATH = "/api/catalog/categories";

    private Categories() {
    }

    /** A new category named {@code name} under {@code parentId} (null: a root); its id. */
    static String create(String name, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", Fixtures.unique("c").toLowerCase());
        body.put("name", name);
        body.put("parentId", parentId);
        return given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(201).extract()
                .path("id");
    }

    static Response patch(String id, String ifMatch, String mergePatch) {
        var request = given().contentType("application/merge-patch+json").body(mergePatch);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch(PATH + "/" + id).then().extract().response();
    }

    static Response delete(String id, String ifMatch) {
        var request = given();
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.delete(PATH + "/" + id).then().extract().response();
    }
}

package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Admin scope is decided on the canonical path, whatever spelling the client chose, and only the canonical path is
 * forwarded: the upstream routes exactly what the gateway checked.
 */
@QuarkusTest
class PathSpellingTest {

    private static final String ADMIN_PATH = "/api/catalog/admin/export";

    @Test
    void shouldRequireAdminScopeForEveryEncodedSpellingOfAnAdminPath() {
        int reachedBefore = ResponseCacheTest.catalogCount(ADMIN_PATH);
        List<String> wrong = new ArrayList<>();
        for (String spelling : encodedSpellings(ADMIN_PATH)) {
            for (String key : new String[] { null, TestKeys.READER, TestKeys.WRITER }) {
                String head = "GET " + spelling + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + (key == null ? "" : "X-API-Key: " + key + "\r\n") + "\r\n";
                RawHttp.Answer answer = RawHttp.send(head);
                int expected = key == null ? 401 : 403;
                if (answer.status() != expected || !answer.body().contains("scope 'admin'")) {
                    wrong.add(spelling + " with " + key + ": " + answer.status());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(reachedBefore, ResponseCacheTest.catalogCount(ADMIN_PATH), "no spelling reached the upstream");
    }

    @Test
    void shouldForwardTheCanonicalSpellingOnly() {
        for (String spelling : List.of("/api/catalog/%61dmin/export", "/api/catalog/a%64min/export/",
                "/api/catalog/admi%6E/export", "/api/catalog/%41DMIN/export")) {
            RawHttp.Answer answer = RawHttp.send("GET " + spelling + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
                    + "\r\nX-API-Key: " + TestKeys.ADMIN + "\r\n\r\n");
            assertEquals(200, answer.status(), spelling);
            String canonical = spelling.replace("%61", "a").replace("%64", "d").replace("%6E", "n")
                    .replace("%41", "A").replace("export/", "export");
            assertTrue(answer.body().contains("\"uri\":\"" + canonical + "\""), spelling + " -> " + answer.body());
        }
    }

    @Test
    void shouldRequireAdminScopeInAnyLetterCase() {
        given().get("/api/catalog/ADMIN/export").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/catalog/Admin").then().statusCode(401);
    }

    @Test
    void shouldNotRouteAnUpperCasePrefix() {
        given().get("/API/catalog/products").then().statusCode(404).body("type", equalTo("/problems/not-found"));
    }

    @Test
    void shouldRefuseSpellingsWithoutCanonicalFormAsProblem400() {
        for (String spelling : List.of("/api/catalog/%2561dmin/export", "/api/catalog//admin/export",
                "/api/catalog/./admin/export", "/api/catalog/x/../admin/export", "/api/catalog/admin;x=1/export",
                "/api/catalog/%C1%A1dmin/export", "/api/catalog/%C0%AE%C0%AE/admin/export")) {
            RawHttp.Answer answer = RawHttp.get(spelling);
            assertEquals(400, answer.status(), spelling);
            assertTrue(answer.head().toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"));
            assertTrue(answer.body().contains("\"type\":\"/problems/bad-path\""), spelling);
        }
    }

    /** Each letter percent-encoded alone, in upper- and lower-case hex; and all letters at once. */
    static List<String> encodedSpellings(String path) {
        List<String> spellings = new ArrayList<>();
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isLetter(c)) {
                String hex = String.format("%02X", (int) c);
                spellings.add(path.substring(0, i) + "%" + hex + path.substring(i + 1));
                spellings.add(path.substring(0, i) + "%" + hex.toLowerCase(Locale.ROOT) + path.substring(i + 1));
            }
        }
        StringBuilder all = new StringBuilder();
        path.chars().forEach(
                c -> all.append(Character.isLetter(c) ? String.format("%%%02x", c) : String.valueOf((char) c)));
        spellings.add(all.toString());
        spellings.add(path + "/");
        return spellings;
    }
}

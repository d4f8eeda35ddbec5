package io.scalingsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CanonicalPathTest {

    @Test
    void shouldKeepACanonicalPathAsTheSameInstance() {
        String path = "/api/catalog/products/0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10/reviews";
        assertSame(path, CanonicalPath.of(path));
        assertEquals("/", CanonicalPath.of("/"));
    }

    @Test
    void shouldDecodeUnreservedCharactersInEitherHexCase() {
        assertEquals("/api/catalog/admin/export", CanonicalPath.of("/api/catalog/%61dmin/export"));
        assertEquals("/api/catalog/admin/export", CanonicalPath.of("/api/catalog/%61%64%6D%69%6e/export"));
        assertEquals("/api/catalog/a-b_c.d~e", CanonicalPath.of("/api/catalog/a%2Db%5Fc%2ed%7Ee"));
        assertEquals("/API/catalog/ADMIN", CanonicalPath.of("/%41PI/catalog/%41DMIN"), "case is kept");
    }

    @Test
    void shouldKeepOtherEncodingsWithUpperCaseHex() {
        assertEquals("/api/catalog/products/a%20b%3Bc%3F", CanonicalPath.of("/api/catalog/products/a%20b%3bc%3f"));
        assertEquals("/api/views/merchants/%C3%A9t%C3%A9", CanonicalPath.of("/api/views/merchants/%c3%a9t%C3%A9"));
        assertEquals("/x/%E4%B8%AD/%F0%9F%98%80", CanonicalPath.of("/x/%e4%b8%ad/%f0%9f%98%80"));
    }

    @Test
    void shouldDropATrailingSlash() {
        assertEquals("/api/catalog/admin/export", CanonicalPath.of("/api/catalog/admin/export/"));
        assertEquals("/api/catalog/admin", CanonicalPath.of("/api/catalog/%61dmin/"));
    }

    @Test
    void shouldRefuseWhatServicesWouldReadDifferently() {
        String[] refused = { "", "api", "/api/catalog//admin/export", "/api/catalog/./admin", "/api/catalog/x/../admin",
                "/api/catalog/%2e/admin", "/api/catalog/%2E%2e/admin", "/api/catalog/admin/.", "/api/catalog/admin//",
                "/api/catalog/admin;x=1/export", "/api/catalog/admin/export;x", "/api/catalog/%2561dmin",
                "/api/catalog%2fadmin", "/api/catalog/admin%5Cexport", "/api/catalog\\admin", "/a/%00", "/a/%0a",
                "/a/%7f",
                "/a/%", "/a/%6", "/a/%zz", "/a/%\uff11\uff11", "/a b", "/a\"b", "/a<b", "/a{b", "/a|b", "/a^b", "/a`b",
                "/a#b", "/a[b", "/caf\u00e9" };
        for (String path : refused) {
            assertNull(CanonicalPath.of(path), path);
        }
    }

    @Test
    void shouldRefuseOverlongAndOtherMalformedUtf8() {
        String[] refused = { "/api/catalog/%C0%AE%C0%AE/admin", "/api/catalog/%C1%A1dmin", "/x/%E0%80%AE",
                "/x/%F0%80%80%AE", "/x/%ED%A0%80", "/x/%F4%90%80%80", "/x/%F5%80%80%80", "/x/%80", "/x/%C3",
                "/x/%C3%41",
                "/x/%E4%B8", "/x/%FF" };
        for (String path : refused) {
            assertNull(CanonicalPath.of(path), path);
        }
    }
}

package io.scalingsuite.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CallerSignatureTest {

    private static final String OLD = "k1:0123456789abcdef0123456789abcdef";
    private static final String NEW = "k2:fedcba9876543210fedcba9876543210";
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
    private static final String NONCE = "00112233445566778899aabbccddeeff";

    private final CallerSignature signer = new CallerSignature(SigningKeys.of(List.of(OLD)), NOW);

    @Test
    void shouldVerifyWhatItSignedWithCallerAndScopes() {
        String header = signer.sign("POST", "/api/catalog/products?x=1", "writer", "read,write");
        Verification verified = signer.verify(header, "POST", "/api/catalog/products?x=1", 30);
        assertEquals(Verification.Status.VALID, verified.status());
        assertEquals("writer", verified.caller());
        assertEquals(Set.of("read", "write"), verified.scopes());
    }

    @Test
    void shouldRefuseAnotherMethodOrTarget() {
        String header = signer.sign("GET", "/api/catalog/products", "anonymous", "");
        assertEquals(Verification.Status.FORGED, signer.verify(header, "DELETE", "/api/catalog/products", 30).status());
        assertEquals(Verification.Status.FORGED,
                signer.verify(header, "GET", "/api/catalog/admin/export", 30).status());
    }

    @Test
    void shouldRefuseRaisedScopesOrAnotherCaller() {
        String header = signer.sign("POST", "/p", "reader", "read", 1_800_000_000L, NONCE);
        assertEquals(Verification.Status.FORGED, signer.verify(header.replace("scopes=read", "scopes=read,admin"),
                "POST", "/p", 30).status());
        assertEquals(Verification.Status.FORGED,
                signer.verify(header.replace("caller=reader", "caller=admin"), "POST", "/p", 30).status());
    }

    @Test
    void shouldRefuseASignatureOlderOrNewerThanTheAllowedAge() {
        String old = signer.sign("POST", "/p", "writer", "write", 1_800_000_000L - 31, NONCE);
        String ahead = signer.sign("POST", "/p", "writer", "write", 1_800_000_000L + 31, NONCE);
        assertEquals(Verification.Status.EXPIRED, signer.verify(old, "POST", "/p", 30).status());
        assertEquals(Verification.Status.EXPIRED, signer.verify(ahead, "POST", "/p", 30).status());
    }

    @Test
    void shouldVerifyWithEveryConfiguredKeyAndSignWithTheFirst() {
        String byOld = signer.sign("POST", "/p", "writer", "write");
        CallerSignature rotated = new CallerSignature(SigningKeys.of(List.of(NEW, OLD)), NOW);
        assertTrue(rotated.verify(byOld, "POST", "/p", 30).valid(), "the old key still verifies during rotation");
        String byNew = rotated.sign("POST", "/p", "writer", "write");
        assertTrue(byNew.startsWith("v1 kid=k2 "));
        assertEquals(Verification.Status.UNKNOWN_KEY, signer.verify(byNew, "POST", "/p", 30).status());
    }

    @Test
    void shouldCallMissingAndMalformedHeadersSo() {
        assertEquals(Verification.Status.MISSING, signer.verify(null, "GET", "/", 30).status());
        for (String bad : List.of("v1", "v2 kid=k1",
                "v1 kid=k1 ts=x nonce=" + NONCE + " caller=a scopes= sig=" + "A".repeat(43),
                signer.sign("GET", "/", "a", "") + " extra=1", signer.sign("GET", "/", "a", "").replace(" ", "  "))) {
            assertEquals(Verification.Status.MALFORMED, signer.verify(bad, "GET", "/", 30).status(), bad);
        }
    }

    @Test
    void shouldRefuseKeysTooShortOrWithoutId() {
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.of(List.of("k1:short")));
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.of(List.of("0123456789abcdef0123456789abcdef")));
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.of(List.of(OLD, OLD)));
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.of(List.of()));
    }

    @Test
    void shouldClaimANonceOnceUntilItExpires() {
        NonceLedger ledger = new NonceLedger(10);
        assertTrue(ledger.claim(NONCE, 2_000, 1_000));
        assertFalse(ledger.claim(NONCE, 2_000, 1_500));
        assertTrue(ledger.claim(NONCE, 3_000, 2_001), "an expired nonce may be used again (its signature is refused)");
    }

    @Test
    void shouldFailClosedWhenFullOfLiveNonces() {
        NonceLedger ledger = new NonceLedger(2);
        assertTrue(ledger.claim("a", 5_000, 0));
        assertTrue(ledger.claim("b", 5_000, 0));
        assertFalse(ledger.claim("c", 5_000, 0));
        assertTrue(ledger.claim("c", 9_000, 6_000), "expired ones are dropped to make room");
    }
}

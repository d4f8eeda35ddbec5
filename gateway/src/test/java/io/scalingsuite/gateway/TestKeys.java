package io.scalingsuite.gateway;

/** Plain API keys for tests; application.properties holds only their SHA-256 hashes. */
final class TestKeys {

    /** Scopes read and write, a tier too large to reach. */
    static final String WRITER = "test-writer-key";
    /** Scope read only. */
    static final String READER = "test-reader-key";
    /** Scopes read and admin. */
    static final String ADMIN = "test-admin-key";
    /** Scopes read and write, tier "tiny": 3 requests per hour. */
    static final String TINY = "test-tiny-key";

    private TestKeys() {
    }
}

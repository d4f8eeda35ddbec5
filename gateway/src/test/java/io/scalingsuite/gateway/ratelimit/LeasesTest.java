package io.scalingsuite.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How large the next lease of a bucket is: small for a quiet client, as large as a busy one needs (lease TTL 1 s). */
class LeasesTest {

    private static final long CAP = 2000;
    private final Leases leases = new Leases(1000);

    @Test
    void shouldStartABucketWithTheFirstLeaseSize() {
        assertEquals(Leases.FIRST_LEASE, leases.nextGrantSize("new", CAP, 0));
        assertEquals(4, leases.nextGrantSize("new", 4, 0), "never above the tier's cap");
    }

    @Test
    void shouldAskForAQuarterSecondOfDemandWhenABucketIsBusy() {
        leases.grant("busy", 100, 1, 1_000_000, 999_000, 1000, 0);
        for (int i = 0; i < 75; i++) {
            assertNotNull(leases.take("busy", 5));
        }
        // 76 tokens in 10 ms: 1,900 per 250 ms
        assertEquals(1900, leases.nextGrantSize("busy", CAP, 10));
        assertEquals(CAP, leases.nextGrantSize("busy", CAP, 5), "at most the cap");
    }

    @Test
    void shouldKeepAQuietBucketAtTheFirstLeaseSize() {
        leases.grant("quiet", 100, 1, 1_000_000, 999_000, 1000, 0);
        for (int i = 0; i < 80; i++) {
            leases.take("quiet", 900);
        }
        assertEquals(Leases.FIRST_LEASE, leases.nextGrantSize("quiet", CAP, 900));
    }

    @Test
    void shouldRunLowAtAQuarterOfTheLastGrant() {
        leases.grant("low", 8, 1, 1_000_000, 999_000, 1000, 0);
        for (int i = 0; i < 4; i++) {
            leases.take("low", 1);
        }
        assertFalse(leases.runningLow("low"), "3 of 8 left");
        leases.take("low", 1);
        assertTrue(leases.runningLow("low"), "2 of 8 left");
        leases.grant("low", 8, 0, 1_000_000, 999_000, 1000, 2);
        assertFalse(leases.runningLow("low"), "topped up to 10");
    }

    @Test
    void shouldNotSpendAnExpiredLease() {
        leases.grant("old", 100, 1, 1_000_000, 999_000, 1000, 0);
        assertNull(leases.take("old", 1000), "a lease lives lease-ttl");
    }
}

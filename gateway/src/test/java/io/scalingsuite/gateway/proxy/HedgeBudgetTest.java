package io.scalingsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HedgeBudgetTest {

    @Test
    void shouldSpendTheReserveThenOneHedgePerTenRequests() {
        HedgeBudget budget = new HedgeBudget();
        for (int i = 0; i < HedgeBudget.RESERVE; i++) {
            assertTrue(budget.spend(), "reserve hedge " + i);
        }
        assertFalse(budget.spend(), "reserve spent");
        for (int i = 0; i < HedgeBudget.REQUESTS_PER_HEDGE - 1; i++) {
            budget.earn();
        }
        assertFalse(budget.spend(), "nine requests earn no hedge");
        budget.earn();
        assertTrue(budget.spend(), "ten earn one");
        assertFalse(budget.spend(), "and only one");
    }

    @Test
    void shouldKeepNoMoreThanTheReserveHoweverManyRequestsPass() {
        HedgeBudget budget = new HedgeBudget();
        for (int i = 0; i < 10_000; i++) {
            budget.earn();
        }
        for (int i = 0; i < HedgeBudget.RESERVE; i++) {
            assertTrue(budget.spend(), "hedge " + i);
        }
        assertFalse(budget.spend(), "beyond the reserve");
    }
}

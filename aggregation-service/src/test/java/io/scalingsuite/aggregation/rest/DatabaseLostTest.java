package io.scalingsuite.aggregation.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/**
 * Which database failures are answered 503 (retry shortly) instead of 500: the ones a client's retry can outlast.
 * The exceptions are the drivers' and the pool's own, as they arrive.
 */
class DatabaseLostTest {

    @Test
    void shouldCountAServerOutOfConnectionSlotsAsLost() {
        assertTrue(ProblemMappers.databaseLost(new RuntimeException(
                new SQLException("FATAL: sorry, too many clients already", "53300"))));
    }

    @Test
    void shouldCountAPoolWithNoFreeConnectionAsLost() {
        assertTrue(ProblemMappers.databaseLost(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void shouldNotCountAnErrorOfTheStatementItself() {
        assertFalse(ProblemMappers.databaseLost(new SQLException("division by zero", "22012")));
        assertFalse(ProblemMappers.databaseLost(new SQLException("disk full", "53100")));
        assertFalse(ProblemMappers.databaseLost(new SQLException("Sorry, something else")));
    }
}

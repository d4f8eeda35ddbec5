package io.scalingsuite.catalog.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

/**
 * Which database failures are answered 503 (retry shortly) instead of 500, as Hibernate wraps them. A pool with no
 * free connection is proved through HTTP by {@code ShardPoolExhaustedTest}.
 */
class DatabaseOutageTest {

    @Test
    void shouldCountAServerOutOfConnectionSlotsAsAnOutage() {
        assertTrue(DatabaseOutage.isCause(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("FATAL: sorry, too many clients already", "53300"))));
    }

    @Test
    void shouldNotCountAnErrorOfTheStatementItself() {
        assertFalse(DatabaseOutage.isCause(new GenericJDBCException("could not execute statement",
                new SQLException("division by zero", "22012"))));
        assertFalse(DatabaseOutage.isCause(new SQLException("Sorry, something else")));
    }
}

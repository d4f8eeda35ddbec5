package io.scalingsuite.catalog.rest;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Recognizes a failure caused by losing the database (connection dropped, terminated by an administrator, pool
 * unable to connect, the server out of connection slots) or by waiting too long for one of the pool's
 * connections: the client gets 503 with Retry-After, which it may retry, instead of a 500.
 */
final class DatabaseOutage {

    /** What Agroal says when no connection was free within the acquisition timeout (it sets no SQLState). */
    private static final String POOL_EXHAUSTED = "Sorry, acquisition timeout!";

    private DatabaseOutage() {
    }

    /** Searches causes and suppressed exceptions (a failed commit carries the driver's error as suppressed). */
    static boolean isCause(Throwable e) {
        return search(e, 0);
    }

    private static boolean search(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                || sql.getSQLState().startsWith("57P") || sql.getSQLState().equals("53300"))) {
            return true; // connection exception class, admin shutdown / crash shutdown / cannot connect now, or
                         // too many connections
        }
        if (t instanceof SQLException sql && sql.getSQLState() == null && POOL_EXHAUSTED.equals(sql.getMessage())) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (search(suppressed, depth + 1)) {
                return true;
            }
        }
        return search(t.getCause(), depth + 1);
    }
}

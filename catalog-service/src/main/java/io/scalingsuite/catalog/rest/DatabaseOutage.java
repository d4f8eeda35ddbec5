package io.scalingsuite.catalog.rest;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Recognizes a failure caused by losing the database (connection dropped, terminated by an administrator, pool
 * unable to connect): the client gets 503 with Retry-After, which it may retry, instead of a 500.
 */
final class DatabaseOutage {

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
                || sql.getSQLState().startsWith("57P"))) {
            return true; // connection exception class, or admin shutdown / crash shutdown / cannot connect now
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (search(suppressed, depth + 1)) {
                return true;
            }
        }
        return search(t.getCause(), depth + 1);
    }
}

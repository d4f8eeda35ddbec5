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

    static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                    || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception class, or admin shutdown / crash shutdown / cannot connect now
            }
        }
        return false;
    }
}

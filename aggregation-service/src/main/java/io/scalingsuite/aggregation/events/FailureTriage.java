package io.scalingsuite.aggregation.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells an outage from a bad event. A failure is transient when its SQLSTATE says the connection, the server or the
 * transaction's luck failed (classes 08, 40, 53, 57, 58, and 55000/55P03: not accepting connections, lock not
 * available), or when PostgreSQL does not answer a probe right after it; only a failure while the database answers
 * counts against the event.
 */
@ApplicationScoped
public class FailureTriage {

    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final Set<String> TRANSIENT_STATES = Set.of("55000", "55P03");

    private final DataSource dataSource;

    public FailureTriage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean isTransient(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
        }
        return !databaseAnswers();
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}

package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Each test writes through {@link #c} in a transaction that is rolled back after it: no test sees another's rows. */
abstract class InRolledBackTransaction {

    @Inject
    DataSource dataSource;

    protected Connection c;

    @BeforeEach
    void begin() throws Exception {
        c = dataSource.getConnection();
        c.setAutoCommit(false);
    }

    @AfterEach
    void rollBack() throws Exception {
        c.rollback();
        c.close();
    }
}

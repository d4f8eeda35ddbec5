package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * A release's pods start on a schema a newer release already migrated, as they do during a rolling update (an old
 * pod restarted by its probe or a node drain) and after {@code helm rollback}: migrations are expand-only for the
 * previous release (helm/README.md), so Flyway must not refuse a migration it does not know.
 */
class OlderReleaseIT {

    @Test
    void shouldStartEachServiceOnASchemaANewerReleaseMigrated() throws Exception {
        ProcessSuite suite = ProcessSuite.shared();
        List<String> schemas = List.of("catalog", "aggregation");
        try {
            for (String schema : schemas) {
                execute(suite, "INSERT INTO " + schema + ".flyway_schema_history (installed_rank, version, description,"
                        + " type, script, checksum, installed_by, execution_time, success) SELECT max(installed_rank)"
                        + " + 1, '9999', 'a newer release', 'SQL', 'V9999__a_newer_release.sql', 0, current_user, 1,"
                        + " true FROM " + schema + ".flyway_schema_history");
            }
            for (ServiceProcess service : List.of(suite.catalogs.get(0), suite.aggregation)) {
                service.kill();
                service.start(); // fails when the process exits during startup, as Flyway's validation made it
            }
            CatalogClient catalog = new CatalogClient(suite.catalogs.get(0).baseUrl());
            String category = catalog.createCategory("older-release-" + System.nanoTime(), null);
            assertEquals(36, category.length(), "the restarted catalog writes: " + category);
        } finally {
            for (String schema : schemas) {
                execute(suite, "DELETE FROM " + schema + ".flyway_schema_history WHERE version = '9999'");
            }
        }
    }

    private static void execute(ProcessSuite suite, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl, LocalInfra.PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

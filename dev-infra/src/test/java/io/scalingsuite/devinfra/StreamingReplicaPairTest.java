package io.scalingsuite.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamingReplicaPairTest {

    private static StreamingReplicaPair pair;

    @BeforeAll
    static void start() throws SQLException {
        pair = StreamingReplicaPair.start();
        pair.createDatabase("shop");
        update(pair.primaryJdbcUrl("shop"), "CREATE TABLE item (id int PRIMARY KEY)");
        awaitCount(pair.replicaJdbcUrl("shop"), "SELECT count(*) FROM pg_class WHERE relname = 'item'", 1);
    }

    @AfterAll
    static void stop() {
        pair.close();
    }

    @Test
    void shouldStreamPrimaryWritesToTheReplica() throws Exception {
        update(pair.primaryJdbcUrl("shop"), "INSERT INTO item VALUES (1)");
        awaitCount(pair.replicaJdbcUrl("shop"), "SELECT count(*) FROM item WHERE id = 1", 1);
        assertEquals(1L, query(pair.replicaJdbcUrl("shop"), "SELECT pg_is_in_recovery()::int"));
    }

    @Test
    void shouldHoldTheReplicaStillWhileReplayIsPaused() throws Exception {
        pair.pauseReplay();
        try {
            update(pair.primaryJdbcUrl("shop"), "INSERT INTO item VALUES (2)");
            long behind = query(pair.replicaJdbcUrl("shop"), "SELECT count(*) FROM item WHERE id = 2");
            assertEquals(0L, behind, "a paused replica must not show a write made after the pause");
        } finally {
            pair.resumeReplay();
        }
        awaitCount(pair.replicaJdbcUrl("shop"), "SELECT count(*) FROM item WHERE id = 2", 1);
    }

    @Test
    void shouldApplyWritesOnlyAfterTheReplayDelay() throws Exception {
        pair.delayReplay(Duration.ofSeconds(3));
        try {
            update(pair.primaryJdbcUrl("shop"), "INSERT INTO item VALUES (4)");
            long behind = query(pair.replicaJdbcUrl("shop"), "SELECT count(*) FROM item WHERE id = 4");
            assertEquals(0L, behind, "a delayed replica must not show a write it received just now");
            awaitCount(pair.replicaJdbcUrl("shop"), "SELECT count(*) FROM item WHERE id = 4", 1);
        } finally {
            pair.delayReplay(Duration.ZERO);
        }
    }

    @Test
    void shouldRefuseConnectionsWhileTheReplicaIsStoppedAndServeAgainAfterStart() throws Exception {
        pair.stopReplica();
        assertThrows(SQLException.class, () -> query(pair.replicaJdbcUrl("shop"), "SELECT 1"));
        update(pair.primaryJdbcUrl("shop"), "INSERT INTO item VALUES (3)");
        pair.startReplica();
        awaitCount(pair.replicaJdbcUrl("shop"), "SELECT count(*) FROM item WHERE id = 3", 1);
    }

    /** Replay is asynchronous: polls (connection failures included) until the replica shows the count. */
    private static void awaitCount(String url, String sql, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                long count = query(url, sql);
                if (count == expected) {
                    return;
                }
                last = count;
                Thread.sleep(50);
            } catch (SQLException e) {
                last = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("replica still shows " + last + " after 30 s for: " + sql);
    }

    private static void update(String url, String sql) throws SQLException {
        try (Connection c = PgAdmin.connect(url, LocalInfra.PG_USER, 5); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long query(String url, String sql) throws SQLException {
        try (Connection c = PgAdmin.connect(url, LocalInfra.PG_USER, 5); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package io.scalingsuite.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * The faults, each on the suite's own processes and resources only: the test's Redis (never the machine's) killed
 * or failed over, a catalog SIGKILLed and restarted, an aggregation killed and restarted, a gateway SIGKILLed and
 * restarted, the suite database's own sessions terminated, a catalog paused with SIGSTOP (an upstream that stops
 * answering) and resumed.
 */
final class ChaosFaults {

    /** When a gateway was down (killed until ready again): requests to it then get no answer, by design. */
    record Outage(int gateway, long from, long to) {
    }

    final List<Outage> gatewayOutages = new CopyOnWriteArrayList<>();
    private final ProcessSuite suite;

    ChaosFaults(ProcessSuite suite) {
        this.suite = suite;
    }

    /** SIGKILL of the Redis server; it persisted every acknowledged write (AOF always), so nothing is lost. */
    void redisKilled(long millis) throws Exception {
        suite.redis.kill();
        Thread.sleep(millis);
        suite.redis.restart();
    }

    /** Whether the suite's Redis has a replica to fail over to (Sentinel); standalone has none. */
    boolean canFailOverRedis() {
        return suite.redis.failover().isPresent();
    }

    /** Sentinel failover: the replica becomes the master while the services write. */
    void redisFailedOver() throws Exception {
        suite.redis.failover().orElseThrow(() -> new IllegalStateException("no Redis replica to fail over to"))
                .failOver();
    }

    /** SIGKILL of the first gateway: clients on it see refused and reset connections until it is back. */
    void gatewayKilled() throws Exception {
        ServiceProcess gateway = suite.gateways.get(0);
        long from = System.currentTimeMillis();
        gateway.kill();
        Thread.sleep(1000); // the fault: the gateway stays down for one second
        gateway.start();
        gatewayOutages.add(new Outage(0, from, System.currentTimeMillis()));
    }

    void catalogKilled() throws Exception {
        ServiceProcess catalog = suite.catalogs.get(0);
        catalog.kill();
        Thread.sleep(1000);
        catalog.start();
    }

    /** SIGKILL of the first aggregation, twice: what it had read and not acknowledged is pending in its name. */
    void aggregationKilledTwice() throws Exception {
        for (int i = 0; i < 2; i++) {
            suite.aggregation.kill();
            Thread.sleep(1000);
            suite.aggregation.start();
        }
    }

    /** pg_terminate_backend on every session of the suite's own database, a few times. */
    int connectionsDropped(int times) throws Exception {
        int total = 0;
        for (int i = 0; i < times; i++) {
            try (Connection c = DriverManager.getConnection(suite.jdbcUrl, LocalInfra.PG_USER, "");
                    PreparedStatement s = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM "
                            + "pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                s.setString(1, suite.database);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total += rs.getInt(1);
                }
            }
            Thread.sleep(1500);
        }
        return total;
    }

    /** SIGSTOP on the second catalog: connections open, nothing answered; SIGCONT after the pause. */
    void catalogPaused(long millis) throws Exception {
        long pid = suite.catalogs.get(1).pid();
        signal("STOP", pid);
        try {
            Thread.sleep(millis);
        } finally {
            signal("CONT", pid);
        }
    }

    private static void signal(String name, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
    }
}

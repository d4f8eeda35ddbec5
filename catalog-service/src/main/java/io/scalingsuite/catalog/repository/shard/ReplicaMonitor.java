package io.scalingsuite.catalog.repository.shard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.catalog.config.CatalogConfig;

/**
 * Measures every replica every {@code catalog.replicas.check-interval}: its replay position, and its lag, the age of
 * the newest primary position it has replayed. Each check first reads the primary's WAL insert position and keeps
 * it with the time it was read ({@link PrimaryPositions}); a replica that has replayed a position read at time t holds
 * every transaction committed before t, so its lag is at most now - t (zero when it has replayed the position of
 * this check). Not the age of its last replayed transaction: after a quiet second the first commit would make a
 * replica a few milliseconds behind look a second stale. A replica lagging past {@code catalog.replicas.max-lag},
 * or failing, is out of rotation until a later check finds it well again. Exports {@code catalog.replica.lag}
 * (seconds) per replica.
 */
@ApplicationScoped
public class ReplicaMonitor {

    /** A replica's last measurement; {@code usable} is false until the first check succeeds. */
    public record State(boolean usable, long replayLsn, double lagSeconds) {
    }

    private static final State UNKNOWN = new State(false, 0, Double.NaN);

    private final ShardPools pools;
    private final CatalogConfig.Replicas config;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, PrimaryPositions> positions = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public ReplicaMonitor(ShardPools pools, CatalogConfig config, MeterRegistry registry) {
        this.pools = pools;
        this.config = config.replicas();
        for (Shard shard : pools.all()) {
            for (Shard.Replica replica : shard.replicas()) {
                states.put(replica.tenant(), UNKNOWN);
                Gauge.builder("catalog.replica.lag", () -> states.get(replica.tenant()).lagSeconds())
                        .description("Replay lag of a replica behind its primary, seconds (NaN: not answering)")
                        .tags("shard", shard.name(), "replica", replica.tenant()).register(registry);
            }
        }
    }

    void start(@Observes StartupEvent startup) {
        if (states.isEmpty()) {
            return;
        }
        checkAll();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "replica-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public State state(String tenant) {
        return states.getOrDefault(tenant, UNKNOWN);
    }

    /** Takes a replica out of rotation now (a read on it failed); the next check may bring it back. */
    public void failed(String tenant) {
        states.put(tenant, UNKNOWN);
    }

    void checkAll() {
        for (Shard shard : pools.all()) {
            if (shard.replicas().isEmpty()) {
                continue;
            }
            PrimaryPositions primary = positions.computeIfAbsent(shard.name(),
                    name -> new PrimaryPositions(config.maxLag().multipliedBy(2)));
            long primaryLsn;
            try {
                long asked = System.nanoTime(); // every commit before this moment is at or before the answer
                primaryLsn = ConsistencyToken.lsn(scalar(shard.primary(), "SELECT pg_current_wal_insert_lsn()::text"));
                primary.record(primaryLsn, asked);
            } catch (Exception e) {
                primaryLsn = Long.MAX_VALUE;
            }
            for (Shard.Replica replica : shard.replicas()) {
                states.put(replica.tenant(), check(replica, primaryLsn, primary));
            }
        }
    }

    private State check(Shard.Replica replica, long primaryLsn, PrimaryPositions primary) {
        try (Connection c = replica.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            try (ResultSet rs = s.executeQuery("SELECT pg_last_wal_replay_lsn()::text")) {
                rs.next();
                String replay = rs.getString(1);
                if (replay == null) {
                    return UNKNOWN;
                }
                long replayLsn = ConsistencyToken.lsn(replay);
                double lag = Long.compareUnsigned(replayLsn, primaryLsn) >= 0 ? 0
                        : primary.lagSeconds(replayLsn, System.nanoTime());
                return new State(lag <= config.maxLag().toMillis() / 1000.0, replayLsn, lag);
            }
        } catch (Exception e) {
            return UNKNOWN;
        }
    }

    private static String scalar(javax.sql.DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

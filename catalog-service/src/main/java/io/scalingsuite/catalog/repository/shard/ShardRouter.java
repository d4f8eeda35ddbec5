package io.scalingsuite.catalog.repository.shard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.FlushMode;
import org.hibernate.Session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalingsuite.catalog.api.CatalogException;

/**
 * Runs one unit of work on one shard: it names the Hibernate tenant before the session opens, so every
 * repository call inside goes to that shard's pool. Writes go to the primary, in a transaction; reads to a replica
 * in rotation that has replayed the caller's {@link ConsistencyToken}, else to the primary, and to the primary
 * again if the replica fails. A read's session is read-only and never flushes: Hibernate keeps no snapshot of what
 * it loads (the JSON attributes were deep-copied for a dirty check on every load) and a read can never write. A read
 * runs without a JTA transaction (each statement commits by itself, as a plain Panache read does): the
 * transaction's begin and commit were a tenth of a product read's CPU and a round trip to PostgreSQL more; inside
 * another transaction it still opens one of its own, which sets the outer one aside. Counts
 * {@code catalog.shard.queries} by shard, target and operation, and {@code catalog.replica.fallbacks} by reason.
 */
@ApplicationScoped
public class ShardRouter {

    private final ReplicaMonitor monitor;
    private final MeterRegistry registry;
    private final RequestConsistency request;
    private final EntityManager entityManager;

    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Map<String, Counter> queries = new ConcurrentHashMap<>();

    public ShardRouter(ReplicaMonitor monitor, MeterRegistry registry, RequestConsistency request,
            EntityManager entityManager) {
        this.monitor = monitor;
        this.registry = registry;
        this.request = request;
        this.entityManager = entityManager;
    }

    /** A write transaction on the shard's primary; afterwards the primary's WAL position joins the response token. */
    public <T> T write(Shard shard, Callable<T> work) {
        T result = run(shard, shard.name(), "primary", "write", work);
        if (!shard.replicas().isEmpty() && Arc.container().requestContext().isActive()) {
            request.written(shard.name(), currentLsn(shard));
        }
        return result;
    }

    /**
     * A transaction of its own on the shard's primary that writes nothing: no WAL position joins the response token
     * (a read of the first shard's reference data inside another shard's write must not touch that write's
     * transaction, which fetching the position would enlist a second database in).
     */
    public <T> T readPrimary(Shard shard, Callable<T> work) {
        return run(shard, shard.name(), "primary", "read", work);
    }

    /** A read-only transaction on a replica when one may serve it, else on the primary; says which answered. */
    public <T> Read<T> read(Shard shard, ConsistencyToken token, Callable<T> work) {
        if (token == null && Arc.container().requestContext().isActive()) {
            token = request.requested();
        }
        Shard.Replica replica = pick(shard, token);
        if (replica != null) {
            try {
                return new Read<>(run(shard, replica.tenant(), "replica", "read", work), true);
            } catch (CatalogException | MerchantGuard.ShardMoved e) {
                throw e;
            } catch (RuntimeException e) {
                monitor.failed(replica.tenant());
                fallback(shard, "failure");
            }
        }
        return new Read<>(run(shard, shard.name(), "primary", "read", work), false);
    }

    private Shard.Replica pick(Shard shard, ConsistencyToken token) {
        List<Shard.Replica> replicas = shard.replicas();
        if (replicas.isEmpty()) {
            return null;
        }
        long required = token == null ? 0 : token.on(shard.name());
        boolean anyUsable = false;
        int start = Math.floorMod(roundRobin.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            Shard.Replica replica = replicas.get((start + i) % replicas.size());
            ReplicaMonitor.State state = monitor.state(replica.tenant());
            if (state.usable()) {
                anyUsable = true;
                if (Long.compareUnsigned(state.replayLsn(), required) >= 0) {
                    return replica;
                }
            }
        }
        fallback(shard, anyUsable ? "token" : "unavailable");
        return null;
    }

    private <T> T run(Shard shard, String tenant, String target, String operation, Callable<T> work) {
        queries.computeIfAbsent(shard.name() + "/" + target + "/" + operation, k -> registry
                .counter("catalog.shard.queries", "shard", shard.name(), "target", target, "operation", operation))
                .increment();
        boolean read = "read".equals(operation);
        Callable<T> body = read ? () -> {
            Session session = entityManager.unwrap(Session.class);
            session.setDefaultReadOnly(true);
            session.setHibernateFlushMode(FlushMode.MANUAL);
            return work.call();
        } : work;
        boolean own = read && !QuarkusTransaction.isActive();
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !own && !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        try {
            return ShardContext.with(tenant, own ? () -> inSessionOfItsOwn(body)
                    : () -> QuarkusTransaction.requiringNew().call(body));
        } catch (CatalogException | MerchantGuard.ShardMoved e) {
            throw e;
        } catch (RuntimeException e) {
            registry.counter("catalog.shard.errors", "shard", shard.name(), "target", target).increment();
            throw e;
        } catch (Exception e) {
            registry.counter("catalog.shard.errors", "shard", shard.name(), "target", target).increment();
            throw new IllegalStateException(e);
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    /**
     * Outside a transaction Quarkus gives each request context one session, opened for the tenant current at its
     * first use: a context of its own per read, so a request that reads two shards never reads one through the
     * other's session. The caller's context, if any, is set aside and restored.
     */
    private static <T> T inSessionOfItsOwn(Callable<T> body) throws Exception {
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState caller = requestContext.isActive() ? requestContext.getState() : null;
        if (caller != null) {
            requestContext.deactivate();
        }
        requestContext.activate();
        try {
            return body.call();
        } finally {
            requestContext.terminate();
            if (caller != null) {
                requestContext.activate(caller);
            }
        }
    }

    private void fallback(Shard shard, String reason) {
        registry.counter("catalog.replica.fallbacks", "shard", shard.name(), "reason", reason).increment();
    }

    /**
     * The primary's WAL insert position, past the commit record of every transaction committed before the call.
     * (Not {@code pg_current_wal_lsn()}: with asynchronous commit the written position can still be short of it.)
     */
    private long currentLsn(Shard shard) {
        try (Connection c = shard.primary().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return ConsistencyToken.lsn(rs.getString(1));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the shard's WAL position", e);
        }
    }
}

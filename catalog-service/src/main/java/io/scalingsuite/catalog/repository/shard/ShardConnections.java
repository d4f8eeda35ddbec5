package io.scalingsuite.catalog.repository.shard;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.customized.QuarkusConnectionProvider;
import io.quarkus.hibernate.orm.runtime.tenant.TenantConnectionResolver;

/**
 * Hands Hibernate the pool of a tenant id: a shard's primary, or one of its replicas (see {@link ShardPools}). With
 * tracing on, a connection taken inside a recording span is wrapped so that each of its statements is a client span
 * (docs/tracing.md); any other is the pool's own, so an unsampled request pays nothing per statement.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class ShardConnections implements TenantConnectionResolver {

    private final ShardPools pools;
    private final JdbcTelemetry telemetry;

    public ShardConnections(ShardPools pools, OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.pools = pools;
        this.telemetry = sdkDisabled ? null : JdbcTelemetry.create(openTelemetry);
    }

    @Override
    public ConnectionProvider resolve(String tenantId) {
        AgroalDataSource pool = pools.dataSource(tenantId);
        return telemetry == null ? new QuarkusConnectionProvider(pool) : new Traced(pool, telemetry.wrap(pool));
    }

    /** The pool's connections, wrapped when taken inside a recording span. */
    private static final class Traced extends QuarkusConnectionProvider {

        private final DataSource traced;

        Traced(AgroalDataSource pool, DataSource traced) {
            super(pool);
            this.traced = traced;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return Span.current().isRecording() ? traced.getConnection() : super.getConnection();
        }
    }
}

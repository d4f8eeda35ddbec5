package io.scalingsuite.aggregation.events;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;

/**
 * Connections for applying events (docs/tracing.md): taken inside a recording span (a sampled {@code event apply}),
 * a connection is wrapped by OpenTelemetry's JDBC library, so each statement of the apply is a client span under it;
 * any other is the pool's own, so an unsampled apply pays nothing per statement, and with tracing off nothing is
 * wrapped at all. (Quarkus' {@code quarkus.datasource.jdbc.telemetry} would wrap every connection, sampled or not.)
 */
@ApplicationScoped
public class StatementSpans {

    private final DataSource pool;
    private final DataSource traced;

    public StatementSpans(DataSource pool, OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.pool = pool;
        this.traced = sdkDisabled ? null : JdbcTelemetry.create(openTelemetry).wrap(pool);
    }

    /** A connection of the pool, traced statement by statement when the current span is recording. */
    public Connection connection() throws SQLException {
        return traced != null && Span.current().isRecording() ? traced.getConnection() : pool.getConnection();
    }
}

package io.scalingsuite.catalog.health;

import java.sql.Connection;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/** Ready only while PostgreSQL answers: without it the service can neither read through misses nor write. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private final ShardPools shards;

    public DatabaseReadinessCheck(ShardPools shards) {
        this.shards = shards;
    }

    /** Up while every shard's primary answers (replicas may fail: reads fall back to the primaries). */
    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("postgresql");
        for (Shard shard : shards.all()) {
            try (Connection connection = shard.primary().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(2);
                statement.execute("SELECT 1 FROM catalog.category LIMIT 1");
            } catch (Exception e) {
                return response.down().withData("shard", shard.name()).withData("error", String.valueOf(e.getMessage()))
                        .build();
            }
        }
        return response.up().build();
    }
}

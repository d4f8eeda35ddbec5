package io.scalingsuite.catalog.repository.shard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.ConfigProvider;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.catalog.config.CatalogConfig;

/**
 * The connection pools of every shard, built at run time from {@code catalog.shards}: one Agroal pool per primary
 * and per replica, enlisted in JTA transactions like Quarkus' own datasources (so the number of shards is run-time
 * configuration). A shard without a URL uses the default datasource. Pool usage is exported per shard and role.
 */
@ApplicationScoped
public class ShardPools {

    public static final String DEFAULT_SHARD = "s0";

    private final List<Shard> shards = new ArrayList<>();
    private final Map<String, AgroalDataSource> byTenant = new HashMap<>();
    private final List<AgroalDataSource> owned = new ArrayList<>();

    public ShardPools(AgroalDataSource defaultDataSource, CatalogConfig config, TransactionManager tm,
            TransactionSynchronizationRegistry tsr, MeterRegistry registry) {
        Map<String, CatalogConfig.Shard> configured = new TreeMap<>(config.shards());
        if (configured.isEmpty()) {
            shards.add(new Shard(DEFAULT_SHARD, 0, defaultDataSource, List.of()));
        }
        for (var entry : configured.entrySet()) {
            CatalogConfig.Shard shard = entry.getValue();
            AgroalDataSource primary = shard.url().map(url -> pool(url, shard.poolSize(), tm, tsr))
                    .orElse(defaultDataSource);
            List<Shard.Replica> replicas = new ArrayList<>();
            List<String> urls = shard.replicas().orElse(List.of());
            for (int n = 0; n < urls.size(); n++) {
                replicas.add(new Shard.Replica(Shard.replicaTenant(entry.getKey(), n),
                        pool(urls.get(n), shard.poolSize(), tm, tsr)));
            }
            shards.add(new Shard(entry.getKey(), shards.size(), primary, List.copyOf(replicas)));
        }
        for (Shard shard : shards) {
            byTenant.put(shard.name(), shard.primary());
            gauges(registry, shard.name(), "primary", shard.primary());
            for (Shard.Replica replica : shard.replicas()) {
                byTenant.put(replica.tenant(), replica.dataSource());
                gauges(registry, shard.name(), replica.tenant(), replica.dataSource());
            }
        }
    }

    /** Every shard, in index order. */
    public List<Shard> all() {
        return shards;
    }

    public Shard get(int index) {
        return shards.get(index);
    }

    public Shard named(String name) {
        return shards.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shard " + name));
    }

    /** The shard that holds the authoritative copy of reference data (categories, the directory). */
    public Shard first() {
        return shards.get(0);
    }

    /** The pool behind a Hibernate tenant id (a shard name, or a replica's tenant id). */
    public AgroalDataSource dataSource(String tenant) {
        AgroalDataSource dataSource = byTenant.get(tenant);
        if (dataSource == null) {
            throw new IllegalArgumentException("no shard or replica " + tenant);
        }
        return dataSource;
    }

    @PreDestroy
    void close() {
        owned.forEach(AgroalDataSource::close);
    }

    private AgroalDataSource pool(String url, int size, TransactionManager tm, TransactionSynchronizationRegistry tsr) {
        var config = ConfigProvider.getConfig();
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        var supplier = new AgroalDataSourceConfigurationSupplier().metricsEnabled(true)
                .connectionPoolConfiguration(pool -> pool.maxSize(size).minSize(0).initialSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(5))
                        // A server that restarted leaves dead connections in the pool: drop each one that fails
                        // fatally, and check those idle for a while before handing them out.
                        .exceptionSorter(AgroalConnectionPoolConfiguration.ExceptionSorter.fatalExceptionSorter())
                        .connectionValidator(AgroalConnectionPoolConfiguration.ConnectionValidator.defaultValidator())
                        .idleValidationTimeout(Duration.ofSeconds(5))
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, tsr))
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .connectionProviderClass(org.postgresql.Driver.class)
                                .jdbcProperty("connectTimeout", "2").jdbcProperty("socketTimeout", "30")
                                .principal(new NamePrincipal(user)).credential(new SimplePassword(password))));
        try {
            AgroalDataSource dataSource = AgroalDataSource.from(supplier);
            owned.add(dataSource);
            return dataSource;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create the pool for a shard", e);
        }
    }

    private static void gauges(MeterRegistry registry, String shard, String role, AgroalDataSource ds) {
        String target = role.equals("primary") ? "primary" : role.substring(role.indexOf('@') + 1);
        Gauge.builder("catalog.shard.pool.active", ds, d -> d.getMetrics().activeCount())
                .tags("shard", shard, "target", target).register(registry);
        Gauge.builder("catalog.shard.pool.available", ds, d -> d.getMetrics().availableCount())
                .tags("shard", shard, "target", target).register(registry);
        Gauge.builder("catalog.shard.pool.awaiting", ds, d -> d.getMetrics().awaitingCount())
                .tags("shard", shard, "target", target).register(registry);
    }
}

package io.scalingsuite.catalog.config;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes histogram buckets for request and load latency, so dashboards can compute p50/p99 across all pods
 * (client-side percentiles cannot be aggregated across instances).
 */
@Singleton
public class HistogramMeterFilter implements MeterFilter {

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().equals("http.server.requests") || id.getName().equals("catalog.db.loads")) {
            return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
        }
        return config;
    }
}

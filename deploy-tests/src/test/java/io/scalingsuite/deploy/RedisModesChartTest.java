package io.scalingsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** What the schema refuses per Redis mode, and only that (every mode works: system-tests' RedisModesIT). */
class RedisModesChartTest {

    private static final Chart CHART = ChartRenderTest.CHART;

    @Test
    void shouldRefuseAClusterNodeUrlThatSelectsAnotherDatabase() {
        Exception error = assertThrows(Exception.class, () -> CHART.template(Map.of("global.redis.clientType",
                "cluster", "global.redis.hosts", "redis://redis-0:6379/0,redis://redis-1:6379/2")));
        assertTrue(error.getMessage().contains("hosts"), error.getMessage());
    }

    @Test
    void shouldRenderAClusterOnDatabaseZero() {
        String hosts = "redis://:pw@redis-0:6379,rediss://redis-1:6379/0";
        var objects = Chart.parse(CHART.template(Map.of("global.redis.clientType", "cluster",
                "global.redis.hosts", hosts)));
        ConfigMap gateway = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("scaling-suite-gateway")).findFirst().orElseThrow();
        assertEquals("cluster", gateway.getData().get("QUARKUS_REDIS_CLIENT_TYPE"));
        assertEquals(hosts, gateway.getData().get("QUARKUS_REDIS_HOSTS"));
    }

    @Test
    void shouldLetStandaloneSelectADatabase() {
        CHART.template(Map.of("global.redis.hosts", "redis://redis:6379/3"));
    }
}

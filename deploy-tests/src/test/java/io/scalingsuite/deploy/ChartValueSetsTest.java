package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.ChartRenderTest.name;
import static io.scalingsuite.deploy.Manifests.COMPONENTS;
import static io.scalingsuite.deploy.Manifests.named;
import static io.scalingsuite.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The chart rendered with four value sets (deploy-tests/src/test/resources/values): defaults, dev (one pod, no
 * autoscaler), prod-keda (KEDA for aggregation, requests-per-second targets, Sentinel with a password) and
 * all-features (Ingress with TLS, ServiceMonitors, dashboard, KEDA, requests per second, NetworkPolicies, catalog
 * shards with replicas).
 */
class ChartValueSetsTest {

    static final Chart CHART = ChartRenderTest.CHART;
    private static final Set<String> CUSTOM_KINDS = Set.of("ServiceMonitor", "ScaledObject", "TriggerAuthentication");
    private static final Map<String, String> RENDERED = new HashMap<>();
    private static final String OPTIONAL_REDIS_VARIABLES =
            "QUARKUS_REDIS_CLIENT_TYPE|QUARKUS_REDIS_MASTER_NAME|QUARKUS_REDIS_PASSWORD";

    static Path valuesFile(String set) {
        return CHART.root().resolve("deploy-tests/src/test/resources/values/" + set + ".yaml");
    }

    static synchronized String render(String set) {
        return RENDERED.computeIfAbsent(set,
                s -> s.equals("defaults") ? CHART.template(Map.of()) : CHART.template(valuesFile(s)));
    }

    static List<HasMetadata> objects(String set) {
        return Chart.parse(render(set));
    }

    @ParameterizedTest
    @ValueSource(strings = { "defaults", "dev", "prod-keda", "all-features" })
    void shouldPassHelmLintStrict(String set) {
        LintResult result = set.equals("defaults") ? new Helm(CHART.chartDir()).lint().strict().call()
                : CHART.lint(valuesFile(set));
        assertFalse(result.isFailed(), set + ":\n" + String.join("\n", result.getMessages()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "defaults", "dev", "prod-keda", "all-features" })
    void shouldParseEveryObjectWithoutUnknownFields(String set) {
        List<HasMetadata> objects = objects(set);
        assertFalse(objects.isEmpty());
        for (HasMetadata object : objects) {
            String what = set + ": " + object.getKind() + " " + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource) {
                assertTrue(CUSTOM_KINDS.contains(object.getKind()), what + " is no kind the chart should render");
            } else {
                assertEquals(List.of(), Manifests.unknownFields(object), what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "defaults", "dev", "prod-keda", "all-features" })
    void shouldHoldTheRenderRules(String set) {
        List<HasMetadata> objects = objects(set);
        ChartRenderTest.assertSelectors(objects);
        ChartRenderTest.assertServicesSelectTheirPods(objects);
        ChartRenderTest.assertOnlyTheGatewayIsALoadBalancer(objects);
        ChartRenderTest.assertHpas(objects);
        ChartRenderTest.assertProbes(objects);
        ChartRenderTest.assertRequestsAndPinnedImages(objects);
        ChartRenderTest.assertRestrictedAndDraining(objects);
    }

    @ParameterizedTest
    @ValueSource(strings = { "defaults", "dev", "prod-keda", "all-features" })
    void shouldLeaveReplicasOnlyToDeploymentsNothingAutoscales(String set) {
        List<HasMetadata> objects = objects(set);
        List<String> scaled = ofKind(objects, HorizontalPodAutoscaler.class).stream()
                .map(hpa -> hpa.getSpec().getScaleTargetRef().getName()).collect(Collectors.toList());
        for (Map<String, Object> scaledObject : rawOfKind(set, "ScaledObject")) {
            String target = (String) map(map(scaledObject, "spec"), "scaleTargetRef").get("name");
            assertFalse(scaled.contains(target), target + " has both an HPA and a ScaledObject");
            scaled.add(target);
        }
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            String deploymentName = deployment.getMetadata().getName();
            Integer replicas = deployment.getSpec().getReplicas();
            assertEquals(scaled.contains(deploymentName), replicas == null,
                    set + ": " + deploymentName + " replicas " + replicas);
        }
    }

    @Test
    void shouldRunDevWithOnePodPerComponentAndNoAutoscalerOrPdb() {
        List<HasMetadata> dev = objects("dev");
        assertTrue(ofKind(dev, HorizontalPodAutoscaler.class).isEmpty());
        assertTrue(ofKind(dev, PodDisruptionBudget.class).isEmpty());
        assertTrue(rawOfKind("dev", "ScaledObject").isEmpty());
        for (String component : COMPONENTS) {
            assertEquals(1, named(dev, Deployment.class, name(component)).getSpec().getReplicas(), component);
        }
    }

    @Test
    void shouldScaleAggregationOnSentinelStreamLagWithKedaInProd() {
        List<HasMetadata> prod = objects("prod-keda");
        assertTrue(ofKind(prod, HorizontalPodAutoscaler.class).stream()
                .noneMatch(hpa -> hpa.getMetadata().getName().equals(name("aggregation"))),
                "no HPA beside the ScaledObject");
        named(prod, HorizontalPodAutoscaler.class, name("catalog"));
        named(prod, HorizontalPodAutoscaler.class, name("gateway"));
        assertNull(named(prod, Deployment.class, name("aggregation")).getSpec().getReplicas());

        Map<String, Object> spec = assertScaledObject("prod-keda", 3, 12);
        assertEquals(10, spec.get("pollingInterval"));
        assertEquals(120, spec.get("cooldownPeriod"));
        assertNotNull(map(map(map(spec, "advanced"), "horizontalPodAutoscalerConfig"), "behavior").get("scaleUp"));
        Map<String, Object> trigger = trigger(spec);
        assertEquals("redis-sentinel-streams", trigger.get("type"));
        Map<String, Object> metadata = map(trigger, "metadata");
        assertEquals("redis-sentinel-0.redis:26379,redis-sentinel-1.redis:26379,redis-sentinel-2.redis:26379",
                metadata.get("addresses"));
        assertEquals("mymaster", metadata.get("sentinelMaster"));
        assertStreamTrigger(metadata, "catalog:events", "aggregation", "500");
        assertEquals(name("aggregation") + "-redis", map(trigger, "authenticationRef").get("name"));

        Map<String, Object> auth = rawOfKind("prod-keda", "TriggerAuthentication").get(0);
        assertEquals("keda.sh/v1alpha1", auth.get("apiVersion"));
        assertEquals(name("aggregation") + "-redis", map(auth, "metadata").get("name"));
        assertEquals(List.of(Map.of("parameter", "password", "name", "scaling-suite-redis", "key", "redis-password")),
                map(auth, "spec").get("secretTargetRef"));
    }

    @Test
    void shouldDeriveTheKedaAddressFromStandaloneRedisAndDropTheAggregationHpa() {
        String yaml =
                CHART.template(Map.of("aggregation.keda.enabled", true, "aggregation.autoscaling.enabled", false));
        List<HasMetadata> objects = Chart.parse(yaml);
        assertEquals(Set.of(name("catalog"), name("gateway")), ofKind(objects, HorizontalPodAutoscaler.class).stream()
                .map(hpa -> hpa.getMetadata().getName()).collect(Collectors.toSet()));
        assertNull(named(objects, Deployment.class, name("aggregation")).getSpec().getReplicas(),
                "KEDA owns the replicas");
        List<Map<String, Object>> scaledObjects =
                Chart.parseRaw(yaml).stream().filter(o -> "ScaledObject".equals(o.get("kind"))).toList();
        assertEquals(1, scaledObjects.size());
        Map<String, Object> spec = map(scaledObjects.get(0), "spec");
        assertEquals(2, spec.get("minReplicaCount"));
        assertEquals(10, spec.get("maxReplicaCount"));
        Map<String, Object> trigger = trigger(spec);
        assertEquals("redis-streams", trigger.get("type"));
        assertEquals("redis:6379", map(trigger, "metadata").get("address"));
        assertStreamTrigger(map(trigger, "metadata"), "catalog:events", "aggregation", "100");
        assertNull(trigger.get("authenticationRef"));
        assertTrue(Chart.parseRaw(yaml).stream().noneMatch(o -> "TriggerAuthentication".equals(o.get("kind"))));
        assertTrue(
                CHART.notes(Map.of("aggregation.keda.enabled", true)).contains("aggregation KEDA 2-10 on stream lag"));
    }

    @Test
    void shouldTakeTheKedaStreamGroupAndAddressesFromValues() {
        Map<String, Object> trigger = trigger(assertScaledObject("all-features", 2, 10));
        assertEquals("redis-cluster-streams", trigger.get("type"));
        Map<String, Object> metadata = map(trigger, "metadata");
        assertEquals("redis-0.redis:6379, redis-1.redis:6379", metadata.get("addresses"));
        assertStreamTrigger(metadata, "shop:events", "views", "100");
        assertEquals("true", metadata.get("enableTLS"), "rediss:// hosts");
    }

    private static Map<String, Object> assertScaledObject(String set, int min, int max) {
        List<Map<String, Object>> scaledObjects = rawOfKind(set, "ScaledObject");
        assertEquals(1, scaledObjects.size());
        Map<String, Object> scaledObject = scaledObjects.get(0);
        assertEquals("keda.sh/v1alpha1", scaledObject.get("apiVersion"));
        assertEquals(name("aggregation"), map(scaledObject, "metadata").get("name"));
        Map<String, Object> spec = map(scaledObject, "spec");
        assertEquals(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", name("aggregation")),
                spec.get("scaleTargetRef"));
        assertEquals(min, spec.get("minReplicaCount"));
        assertEquals(max, spec.get("maxReplicaCount"));
        return spec;
    }

    /** KEDA scales on the group's lag (undelivered entries), never on pending ones (at most a batch per pod). */
    private static void assertStreamTrigger(Map<String, Object> metadata, String stream, String group, String lag) {
        assertEquals(stream, metadata.get("stream"));
        assertEquals(group, metadata.get("consumerGroup"));
        assertEquals(lag, metadata.get("lagCount"), "KEDA trigger metadata values are strings");
        assertNull(metadata.get("pendingEntriesCount"), "pending entries are not the backlog");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> trigger(Map<String, Object> spec) {
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
        assertEquals(1, triggers.size());
        return triggers.get(0);
    }

    @Test
    void shouldAddTheRequestsPerSecondPodsMetricOnlyWhenSet() {
        for (String set : List.of("defaults", "dev")) {
            assertTrue(ofKind(objects(set), HorizontalPodAutoscaler.class).stream()
                    .flatMap(hpa -> hpa.getSpec().getMetrics().stream()).noneMatch(m -> "Pods".equals(m.getType())),
                    set);
        }
        assertTrue(podsMetric("defaults", "catalog").isEmpty());
        assertRps("prod-keda", "catalog", "http_server_requests_per_second", "200");
        assertRps("prod-keda", "gateway", "http_server_requests_per_second", "400");
        assertRps("all-features", "catalog", "catalog_requests_per_second", "150");
        assertRps("all-features", "gateway", "http_server_requests_per_second", "250");
        assertTrue(Chart.parse(CHART.template(Map.of("catalog.autoscaling.targetRequestsPerSecond", 0))).stream()
                .filter(HorizontalPodAutoscaler.class::isInstance).map(HorizontalPodAutoscaler.class::cast)
                .flatMap(hpa -> hpa.getSpec().getMetrics().stream()).noneMatch(m -> "Pods".equals(m.getType())),
                "0 is off");
    }

    private static void assertRps(String set, String component, String metric, String averageValue) {
        MetricSpec pods = podsMetric(set, component)
                .orElseThrow(() -> new AssertionError(set + " " + component + ": no Pods metric"));
        assertEquals(metric, pods.getPods().getMetric().getName());
        assertEquals("AverageValue", pods.getPods().getTarget().getType());
        assertEquals(averageValue, pods.getPods().getTarget().getAverageValue().toString());
    }

    private static Optional<MetricSpec> podsMetric(String set, String component) {
        return named(objects(set), HorizontalPodAutoscaler.class, name(component)).getSpec().getMetrics().stream()
                .filter(m -> "Pods".equals(m.getType())).findFirst();
    }

    @Test
    void shouldRenderRedisModesAsQuarkusVariablesOnlyWhenSet() {
        for (String set : List.of("defaults", "dev")) {
            for (Deployment deployment : ofKind(objects(set), Deployment.class)) {
                assertTrue(env(deployment).stream().noneMatch(e -> e.getName().matches(OPTIONAL_REDIS_VARIABLES)),
                        set + ": " + deployment.getMetadata().getName());
            }
        }
        List<HasMetadata> prod = objects("prod-keda");
        for (String component : COMPONENTS) {
            Map<String, String> config = named(prod, ConfigMap.class, name(component)).getData();
            assertEquals("sentinel", config.get("QUARKUS_REDIS_CLIENT_TYPE"));
            assertEquals("mymaster", config.get("QUARKUS_REDIS_MASTER_NAME"));
            assertTrue(config.get("QUARKUS_REDIS_HOSTS").startsWith("redis://redis-sentinel-0.redis:26379,"));
            List<EnvVar> env = env(named(prod, Deployment.class, name(component)));
            for (String variable : List.of("QUARKUS_REDIS_CLIENT_TYPE", "QUARKUS_REDIS_MASTER_NAME")) {
                assertEquals(name(component), envVar(env, variable).getValueFrom().getConfigMapKeyRef().getName());
            }
            var password = envVar(env, "QUARKUS_REDIS_PASSWORD").getValueFrom().getSecretKeyRef();
            assertEquals("scaling-suite-redis", password.getName());
            assertEquals("redis-password", password.getKey());
        }
        List<HasMetadata> all = objects("all-features");
        Map<String, String> config = named(all, ConfigMap.class, name("gateway")).getData();
        assertEquals("cluster", config.get("QUARKUS_REDIS_CLIENT_TYPE"));
        assertFalse(config.containsKey("QUARKUS_REDIS_MASTER_NAME"));
        assertEquals("password", envVar(env(named(all, Deployment.class, name("gateway"))), "QUARKUS_REDIS_PASSWORD")
                .getValueFrom().getSecretKeyRef().getKey());
    }

    @Test
    void shouldRenderCatalogShardsAsVariablesOnlyWhenSet() {
        for (String set : List.of("defaults", "dev", "prod-keda")) {
            Map<String, String> config = named(objects(set), ConfigMap.class, name("catalog")).getData();
            assertTrue(config.keySet().stream().noneMatch(k -> k.matches("CATALOG_(SHARDS|REPLICAS)_.*")),
                    set + ": " + config.keySet());
        }
        List<HasMetadata> all = objects("all-features");
        Map<String, String> config = named(all, ConfigMap.class, name("catalog")).getData();
        assertFalse(config.containsKey("CATALOG_SHARDS_S0_URL"), "s0 stays on global.postgresql.url");
        assertEquals("16", config.get("CATALOG_SHARDS_S0_POOL_SIZE"));
        assertEquals("jdbc:postgresql://postgresql-ro:5432/scaling_suite", config.get("CATALOG_SHARDS_S0_REPLICAS"));
        assertEquals("jdbc:postgresql://postgresql-b:5432/scaling_suite", config.get("CATALOG_SHARDS_S1_URL"));
        assertEquals("24", config.get("CATALOG_SHARDS_S1_POOL_SIZE"));
        assertEquals("PT2S", config.get("CATALOG_REPLICAS_MAX_LAG"));
        assertEquals(name("catalog"),
                envVar(env(named(all, Deployment.class, name("catalog"))), "CATALOG_SHARDS_S1_URL")
                        .getValueFrom().getConfigMapKeyRef().getName());
        assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.shards[0].name", "Shard-A")));
        assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.shards[0].name", "s0",
                "catalog.shards[0].url", "postgres://db")));
    }

    private static List<EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }

    private static EnvVar envVar(List<EnvVar> env, String variable) {
        return env.stream().filter(e -> e.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + variable));
    }

    @Test
    void shouldRenderEveryOptionalFeatureInAllFeatures() {
        List<HasMetadata> all = objects("all-features");
        Ingress ingress = named(all, Ingress.class, name("gateway"));
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals("api-example-org-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(List.of("api.example.org"), ingress.getSpec().getTls().get(0).getHosts());
        assertEquals("api.example.org", ingress.getSpec().getRules().get(0).getHost());
        assertEquals(3, rawOfKind("all-features", "ServiceMonitor").size());
        assertEquals(3, ofKind(all, NetworkPolicy.class).size());
        assertEquals("1", named(all, ConfigMap.class, "scaling-suite-dashboard").getMetadata().getLabels()
                .get("grafana_dashboard"));
        assertEquals(1, rawOfKind("all-features", "ScaledObject").size());
        assertEquals(1, rawOfKind("all-features", "TriggerAuthentication").size());
    }

    @Test
    void shouldPassTheConsumersBoundsToAggregationOnlyWhenSet() {
        Map<String, Object> set = Map.of("aggregation.stream.deadLetterMaxLength", 500,
                "aggregation.stream.appliedRetention", "P14D", "aggregation.stream.maxDeliveries", 8,
                "aggregation.stream.consumers", 4);
        List<HasMetadata> objects = Chart.parse(CHART.template(set));
        Map<String, String> config = named(objects, ConfigMap.class, name("aggregation")).getData();
        assertEquals("500", config.get("AGGREGATION_STREAM_DEAD_LETTER_MAX_LENGTH"));
        assertEquals("P14D", config.get("AGGREGATION_STREAM_APPLIED_RETENTION"));
        assertEquals("8", config.get("AGGREGATION_STREAM_MAX_DELIVERIES"));
        assertEquals("4", config.get("AGGREGATION_STREAM_CONSUMERS"));
        assertTrue(named(objects, Deployment.class, name("aggregation")).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream()
                .anyMatch(env -> env.getName().equals("AGGREGATION_STREAM_APPLIED_RETENTION")));
        Map<String, String> defaults = named(Chart.parse(CHART.template(Map.of())), ConfigMap.class,
                name("aggregation")).getData();
        assertTrue(defaults.keySet().stream().noneMatch(k -> k.startsWith("AGGREGATION_STREAM_")
                && !k.equals("AGGREGATION_STREAM_KEY")), "service defaults unless set: " + defaults.keySet());
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.stream.appliedRetention", "7d")));
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.stream.maxDeliveries", 0)));
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.stream.consumers", 0)));
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.stream.consumers", 5)));
    }

    @Test
    void shouldRejectBadRedisAndKedaValues() {
        assertThrows(Exception.class, () -> CHART.template(Map.of("global.redis.clientType", "replication")));
        Exception sentinel =
                assertThrows(Exception.class, () -> CHART.template(Map.of("global.redis.clientType", "sentinel")));
        assertTrue(sentinel.getMessage().contains("masterName"), sentinel.getMessage());
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.keda.minReplicaCount", 0)));
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.keda.lagCount", 0)));
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.keda.pendingEntriesCount", 5)));
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.keda.address", "redis://redis:6379")));
        assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.keda.enabled", true)));
        assertThrows(Exception.class,
                () -> CHART.template(Map.of("gateway.autoscaling.targetRequestsPerSecond", "lots")));
    }

    static List<Map<String, Object>> rawOfKind(String set, String kind) {
        return Chart.parseRaw(render(set)).stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof Map, key + " is not a map: " + child);
        return (Map<String, Object>) child;
    }
}

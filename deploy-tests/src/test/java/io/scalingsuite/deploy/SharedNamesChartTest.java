package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.ChartRenderTest.name;
import static io.scalingsuite.deploy.Manifests.COMPONENTS;
import static io.scalingsuite.deploy.Manifests.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Names the components must agree on come from one value each, so they cannot diverge: the change stream
 * (global.events.streamKey: catalog's outbox relay writes it, aggregation reads it, KEDA watches it) and the purge
 * channel (global.cache.purgeChannel: catalog and aggregation publish on it, the gateway listens). Rendered with
 * other names than the defaults, every component gets the same one, from its ConfigMap, and nothing sets it otherwise.
 */
class SharedNamesChartTest {

    static final Chart CHART = ChartRenderTest.CHART;
    static final String STREAM_KEY = "global.events.streamKey";
    static final String PURGE_CHANNEL = "global.cache.purgeChannel";
    /** Value -> component -> the variable that component's application.properties reads the name from. */
    static final Map<String, Map<String, String>> VARIABLES = Map.of(
            STREAM_KEY, Map.of("catalog", "CATALOG_OUTBOX_STREAM_KEY", "aggregation", "AGGREGATION_STREAM_KEY"),
            PURGE_CHANNEL, Map.of("catalog", "CATALOG_CACHE_PURGE_CHANNEL",
                    "aggregation", "AGGREGATION_HTTP_PURGE_CHANNEL", "gateway", "GATEWAY_CACHE_PURGE_CHANNEL"));
    /** A variable that names a stream or a channel (STREAM or CHANNEL as a word): any of them must be one of VARIABLES. */
    static final Pattern SHARED_LOOKING = Pattern.compile("(.*_)?(STREAM|CHANNEL)(_.*)?");

    @Test
    void shouldGiveEveryComponentTheDefaultNames() {
        assertEveryComponentGets(Map.of(), "catalog:events", "suite:purge");
    }

    @Test
    void shouldGiveEveryComponentTheSameNamesFromOneValueEach() {
        Map<String, Object> values = Map.of(STREAM_KEY, "shop-7:changes", PURGE_CHANNEL, "shop-7:purges",
                "aggregation.keda.enabled", true);
        String yaml = assertEveryComponentGets(values, "shop-7:changes", "shop-7:purges");
        for (String stale : List.of("catalog:events", "suite:purge")) {
            assertFalse(yaml.contains(stale), "a default name is still rendered somewhere: " + stale);
        }
        assertEquals(List.of("shop-7:changes"), kedaStreams(yaml), "KEDA watches the stream aggregation reads");
    }

    /** Renders with values; every component's variables, and nothing else that looks like one, carry the two names. */
    private static String assertEveryComponentGets(Map<String, Object> values, String streamKey, String purgeChannel) {
        String yaml = CHART.template(values);
        List<HasMetadata> objects = Chart.parse(yaml);
        Map<String, String> expected = Map.of(STREAM_KEY, streamKey, PURGE_CHANNEL, purgeChannel);
        for (String component : COMPONENTS) {
            Map<String, String> config = named(objects, ConfigMap.class, name(component)).getData();
            List<EnvVar> env = named(objects, Deployment.class, name(component)).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getEnv();
            List<String> shared = new ArrayList<>();
            VARIABLES.forEach((value, byComponent) -> {
                String variable = byComponent.get(component);
                if (variable == null) {
                    return;
                }
                shared.add(variable);
                assertEquals(expected.get(value), config.get(variable), component + " " + variable + " from " + value);
                List<EnvVar> set = env.stream().filter(e -> e.getName().equals(variable)).toList();
                assertEquals(1, set.size(), component + " sets " + variable + " once: " + set);
                var ref = set.get(0).getValueFrom().getConfigMapKeyRef();
                assertEquals(name(component) + "/" + variable, ref.getName() + "/" + ref.getKey(),
                        component + " takes " + variable + " from its ConfigMap");
            });
            for (String key : config.keySet()) {
                assertTrue(!SHARED_LOOKING.matcher(key).matches() || shared.contains(key),
                        component + "'s ConfigMap names a stream or channel on its own: " + key);
            }
            for (EnvVar variable : env) {
                assertTrue(!SHARED_LOOKING.matcher(variable.getName()).matches() || shared.contains(variable.getName()),
                        component + " sets a stream or channel on its own: " + variable.getName());
            }
        }
        return yaml;
    }

    /** The stream of every trigger of every ScaledObject. */
    @SuppressWarnings("unchecked")
    private static List<Object> kedaStreams(String yaml) {
        List<Object> streams = new ArrayList<>();
        Chart.parseRaw(yaml).stream().filter(o -> "ScaledObject".equals(o.get("kind"))).forEach(scaledObject -> {
            var triggers = (List<Map<String, Object>>) ChartValueSetsTest.map(scaledObject, "spec").get("triggers");
            triggers.forEach(trigger -> streams.add(ChartValueSetsTest.map(trigger, "metadata").get("stream")));
        });
        return streams;
    }

    /** The old per-component settings are gone, and the schema refuses any other way to set one component's name. */
    @ParameterizedTest
    @ValueSource(strings = { "aggregation.streamKey", "aggregation.keda.stream", "catalog.streamKey",
            "catalog.purgeChannel", "aggregation.purgeChannel", "gateway.purgeChannel", "global.events.purgeChannel" })
    void shouldRefuseAPerComponentName(String key) {
        assertThrows(Exception.class, () -> CHART.template(Map.of(key, "mine:events")), key);
    }

    @Test
    void shouldRefuseSharedVariablesInExtraEnv() {
        for (String component : COMPONENTS) {
            for (Map<String, String> byComponent : VARIABLES.values()) {
                for (String variable : byComponent.values()) {
                    assertThrows(Exception.class, () -> CHART.template(Map.of(component + ".extraEnv[0].name", variable,
                            component + ".extraEnv[0].value", "mine:events")), component + " extraEnv " + variable);
                }
            }
        }
        CHART.template(Map.of("aggregation.extraEnv[0].name", "AGGREGATION_STREAM_CONSUMER",
                "aggregation.extraEnv[0].value", "views-1"));
    }

    @Test
    void shouldRefuseAnEmptyOrBlankName() {
        for (String key : VARIABLES.keySet()) {
            for (String bad : List.of("", "shop events")) {
                assertThrows(Exception.class, () -> CHART.template(Map.of(key, bad)), key + "=" + bad);
            }
        }
    }
}

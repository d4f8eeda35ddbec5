package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.Manifests.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The chart against each service's own description of itself: target/kubernetes/kubernetes.yml, written by
 * quarkus-kubernetes when the service is packaged (so this runs in `mvn verify` after the services' `package`).
 */
class ServiceManifestsDriftTest {

    static final Chart CHART = ChartRenderTest.CHART;
    /** A key a value refers to: ${key} or ${key:default}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]+)");

    @ParameterizedTest
    @CsvSource({ "catalog-service, catalog", "aggregation-service, aggregation", "gateway, gateway" })
    void shouldUseTheServicesOwnPortsProbesAndEnvironment(String module, String component) {
        String generated = "%s/target/kubernetes/kubernetes.yml".formatted(module);
        assertTrue(Files.exists(CHART.root().resolve(generated)),
                generated + " is missing: package " + module + " first");
        Container declared = container(named(Chart.parse(CHART.read(generated)), Deployment.class, module));
        Container charted =
                container(named(Chart.parse(CHART.template(Map.of())), Deployment.class, "scaling-suite-" + component));

        assertEquals(ports(declared), ports(charted), "container ports (name -> number)");
        assertEquals(probes(declared), probes(charted), "probe paths and ports");
        assertEquals(envSources(declared), envSources(charted), "environment variables and where they come from");
    }

    /**
     * Every variable the chart sets for a service is one that service reads: a key of its application.properties or
     * of its {@code @ConfigMapping} interface. A variable nothing reads is a setting that silently does nothing (the
     * chart's CATALOG_OUTBOX_STREAM_KEY once was: catalog derived its stream from the cache key prefix).
     */
    @ParameterizedTest
    @CsvSource({ "catalog-service, catalog, io.scalingsuite.catalog.config.CatalogConfig, catalog",
            "aggregation-service, aggregation, io.scalingsuite.aggregation.config.AggregationConfig, aggregation",
            "gateway, gateway, io.scalingsuite.gateway.config.GatewayConfig, gateway" })
    void shouldSetOnlyVariablesThatTheServiceReads(String module, String component, String mapping, String prefix)
            throws Exception {
        Container container = container(
                named(Chart.parse(CHART.template(Map.of())), Deployment.class, "scaling-suite-" + component));
        String properties = CHART.read(module + "/src/main/resources/application.properties");
        Set<String> read = environmentNames(properties);
        List<Pattern> mapped = configNames(module, mapping, prefix);
        for (EnvVar env : container.getEnv()) {
            if (env.getName().equals("KUBERNETES_NAMESPACE")) {
                continue; // quarkus-kubernetes' own variable, set for every service
            }
            boolean configured = mapped.stream().anyMatch(p -> p.matcher(env.getName()).matches())
                    || quarkusSibling(read, env.getName());
            assertTrue(read.contains(env.getName()) || configured, env.getName() + " maps to no key of " + module
                    + "'s application.properties nor of " + mapping);
        }
    }

    @Test
    void shouldServeTheGatewayOnItsOwnPorts() {
        Container gateway =
                container(named(Chart.parse(CHART.template(Map.of())), Deployment.class, "scaling-suite-gateway"));
        String properties = CHART.read("gateway/src/main/resources/application.properties");
        assertEquals(Set.of(8080, 9000), Set.copyOf(ports(gateway).values()));
        assertTrue(
                properties.contains("quarkus.http.port=8080") && properties.contains("quarkus.management.port=9000"));
    }

    /**
     * The keys of a service's {@code @ConfigMapping} interface, read from its packaged classes, as environment-variable
     * patterns (a map's key matches any name): a key with a {@code @WithDefault} there need not appear in
     * application.properties, e.g. gateway.cache.purge-channel.
     */
    private static List<Pattern> configNames(String module, String mapping, String prefix) throws Exception {
        URL classes = CHART.root().resolve(module + "/target/classes").toUri().toURL();
        try (var loader = new URLClassLoader(new URL[] { classes }, ClassLoader.getPlatformClassLoader())) {
            List<String> keys = new ArrayList<>();
            configKeys(loader.loadClass(mapping), prefix, keys);
            return keys.stream().map(key -> Pattern.compile(Arrays.stream(key.split("\\*", -1))
                    .map(part -> Pattern.quote(environmentName(part))).collect(Collectors.joining("[A-Z0-9_]+"))))
                    .toList();
        }
    }

    /**
     * A Quarkus key (QUARKUS_DATASOURCE_PASSWORD) whose extension the service configures (quarkus.datasource.*): its
     * keys are Quarkus' own, checked by Quarkus at start-up, and the password is never written in a file.
     */
    private static boolean quarkusSibling(Set<String> read, String name) {
        String[] parts = name.split("_");
        String extension = parts.length > 2 && parts[0].equals("QUARKUS") ? parts[0] + "_" + parts[1] + "_" : null;
        return extension != null && read.stream().anyMatch(r -> r.startsWith(extension));
    }

    /** A config mapping's keys below prefix: a group (a nested interface) adds its own, a map's entries are {@code *}. */
    private static void configKeys(Class<?> mapping, String prefix, List<String> keys) {
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            String key = prefix + "." + name;
            Type type = method.getGenericReturnType();
            if (type instanceof ParameterizedType optional && optional.getRawType() == Optional.class) {
                type = optional.getActualTypeArguments()[0];
            }
            if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
                key += ".*";
                type = map.getActualTypeArguments()[1];
            }
            if (type instanceof Class<?> group && group.isInterface()
                    && group.getName().startsWith("io.scalingsuite.")) {
                configKeys(group, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /**
     * Every key set in the file, and every key its values refer to (${suite.internal-auth.keys}), as the environment
     * variable that sets it: upper case, anything but letters and digits an underscore (MicroProfile Config's rule).
     */
    private static Set<String> environmentNames(String properties) {
        Set<String> names = new TreeSet<>();
        for (String line : properties.lines().filter(l -> !l.startsWith("#") && l.contains("=")).toList()) {
            names.add(environmentName(line.substring(0, line.indexOf('=')).replaceFirst("^%[^.]+\\.", "")));
            Matcher reference = REFERENCE.matcher(line);
            while (reference.find()) {
                names.add(environmentName(reference.group(1)));
            }
        }
        return names;
    }

    private static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static Map<String, Integer> ports(Container container) {
        Map<String, Integer> ports = new TreeMap<>();
        container.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        return ports;
    }

    private static Set<String> probes(Container container) {
        Set<String> probes = new TreeSet<>();
        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                container.getReadinessProbe())) {
            probes.add(probe.getHttpGet().getPath() + "@" + Manifests.port(container, probe.getHttpGet()));
        }
        return probes;
    }

    /**
     * Variable name -> "value", "field", "configMap:<key>" (the ConfigMap's name differs: the chart's is per release)
     * or "secret:<name>/<key>" (the Secrets are the same for the default release: scaling-suite-postgresql, and the
     * scaling-suite-internal-auth the chart makes).
     */
    private static Map<String, String> envSources(Container container) {
        Map<String, String> sources = new TreeMap<>();
        for (EnvVar env : container.getEnv()) {
            var from = env.getValueFrom();
            String source = from == null ? "value"
                    : from.getConfigMapKeyRef() != null ? "configMap:" + from.getConfigMapKeyRef().getKey()
                            : from.getSecretKeyRef() != null
                                    ? "secret:" + from.getSecretKeyRef().getName() + "/"
                                            + from.getSecretKeyRef().getKey()
                                    : "field";
            sources.put(env.getName(), source);
        }
        return sources;
    }
}

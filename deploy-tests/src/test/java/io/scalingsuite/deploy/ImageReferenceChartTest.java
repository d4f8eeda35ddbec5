package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.Manifests.COMPONENTS;
import static io.scalingsuite.deploy.Manifests.named;
import static io.scalingsuite.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The images the Deployments run: the references `make images` builds (scripts/images.sh reads the same values), with
 * global.imageRegistry in front of every repository that does not name its own registry, tagged with the project version.
 */
class ImageReferenceChartTest {

    static final Chart CHART = ChartRenderTest.CHART;
    static final Pattern PROJECT_VERSION = Pattern.compile("<artifactId>scaling-suite-parent</artifactId>\\s*"
            + "<version>([^<]+)</version>");

    @Test
    void shouldRunTheImagesMakeImagesBuildsByDefault() {
        String tag = projectVersion();
        assertEquals(Map.of("catalog", "docker.io/scaling-suite/catalog-service:" + tag,
                "aggregation", "docker.io/scaling-suite/aggregation-service:" + tag,
                "gateway", "docker.io/scaling-suite/gateway:" + tag), images(Map.of()));
    }

    @Test
    void shouldPutTheRegistryInFrontOfEveryImageTheTestPodsToo() {
        Map<String, Object> values = Map.of("global.imageRegistry", "registry.example.com:5000/shop");
        images(values).forEach((component, image) -> assertTrue(
                image.startsWith("registry.example.com:5000/shop/scaling-suite/"), component + ": " + image));
        Pod test = ofKind(Chart.parse(CHART.templateTestHooks(values)), Pod.class).get(0);
        assertEquals("registry.example.com:5000/shop/curlimages/curl:8.11.1",
                test.getSpec().getContainers().get(0).getImage());
    }

    @Test
    void shouldKeepARepositoryThatNamesItsOwnRegistry() {
        Map<String, String> images = images(Map.of("global.imageRegistry", "mirror.example.com",
                "catalog.image.repository", "registry.example.com/team/catalog-service",
                "gateway.image.repository", "localhost/scaling-suite/gateway"));
        assertEquals("registry.example.com/team/catalog-service:0.1.0", images.get("catalog"));
        assertEquals("localhost/scaling-suite/gateway:0.1.0", images.get("gateway"));
        assertEquals("mirror.example.com/scaling-suite/aggregation-service:0.1.0", images.get("aggregation"));
    }

    @Test
    void shouldRejectARegistryWrittenAsAUrl() {
        Exception error = assertThrows(Exception.class,
                () -> CHART.template(Map.of("global.imageRegistry", "https://registry.example.com")));
        assertTrue(error.getMessage().contains("imageRegistry"), error.getMessage());
    }

    /** Component -> the image of its Deployment's container. */
    static Map<String, String> images(Map<String, Object> values) {
        var objects = Chart.parse(CHART.template(values));
        Map<String, String> images = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            Deployment deployment = named(objects, Deployment.class, "scaling-suite-" + component);
            images.put(component, deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        }
        return images;
    }

    /** The parent POM's version without -SNAPSHOT: what the chart's tags and appVersion must say. */
    static String projectVersion() {
        Matcher matcher = PROJECT_VERSION.matcher(CHART.read("pom.xml"));
        assertTrue(matcher.find(), "no version in pom.xml");
        return matcher.group(1).replace("-SNAPSHOT", "");
    }
}

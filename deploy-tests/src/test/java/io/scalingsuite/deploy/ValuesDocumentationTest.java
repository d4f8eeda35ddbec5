package io.scalingsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** values.yaml documents every key, and helm/README.md's table lists them. */
class ValuesDocumentationTest {

    static final Chart CHART = ChartRenderTest.CHART;
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z][\\w.-]*):.*$");
    /** Blocks handed to Kubernetes as they are (toYaml): documented as a whole by the comment above them. */
    private static final Set<String> VERBATIM =
            Set.of("podSecurityContext", "securityContext", "resources", "behavior", "hosts");

    @Test
    void shouldCommentEveryKeyOfValuesYaml() {
        List<String> undocumented = new ArrayList<>();
        List<String> lines = CHART.read("helm/scaling-suite/values.yaml").lines().toList();
        int verbatimIndent = Integer.MAX_VALUE;
        boolean global = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher key = KEY.matcher(lines.get(i));
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            if (indent > verbatimIndent) {
                continue;
            }
            verbatimIndent = VERBATIM.contains(key.group(2)) ? indent : Integer.MAX_VALUE;
            if (lines.get(i).trim().endsWith(":") && !VERBATIM.contains(key.group(2)) && opensMap(lines, i, indent)) {
                continue; // a map of documented keys, e.g. image: or autoscaling:
            }
            if (!lines.get(i - 1).trim().startsWith("# --")) {
                undocumented.add((i + 1) + ": " + lines.get(i).trim());
            }
        }
        assertEquals(List.of(), undocumented, "keys without a `# --` comment above them");
    }

    /** Whether the key at line i holds a map of further keys (its next non-comment line is a deeper key). */
    private static boolean opensMap(List<String> lines, int i, int indent) {
        for (int j = i + 1; j < lines.size(); j++) {
            String line = lines.get(j).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher next = KEY.matcher(lines.get(j));
            return next.matches() && next.group(1).length() > indent;
        }
        return false;
    }

    @Test
    void shouldListEveryComponentKeyInTheReadme() {
        String readme = CHART.read("helm/README.md");
        for (String key : List.of("replicaCount", "image.tag", "autoscaling.behavior",
                "podDisruptionBudget.maxUnavailable",
                "global.postgresql.existingSecret", "global.redis.hosts", "global.networkPolicy.monitoringNamespace",
                "topologySpread.maxSkew", "ingress.tls", "global.redis.clientType", "global.redis.masterName",
                "global.redis.existingSecret", "global.redis.passwordKey", "autoscaling.targetRequestsPerSecond",
                "autoscaling.requestsPerSecondMetric", "keda.enabled", "keda.minReplicaCount", "keda.maxReplicaCount",
                "keda.lagCount", "keda.pollingInterval", "keda.cooldownPeriod", "keda.consumerGroup",
                "keda.address", "global.internalAuth.existingSecret", "global.internalAuth.keysKey", "trustedProxies",
                "service.externalTrafficPolicy", "global.events.streamKey", "global.cache.purgeChannel",
                "nearCacheMaxBytes", "observability.tracing.enabled", "observability.tracing.endpoint",
                "observability.tracing.protocol", "observability.tracing.samplerRatio", "observability.logs.json")) {
            assertTrue(readme.contains("`" + key + "`"), key);
        }
    }
}

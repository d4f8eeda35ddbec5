package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * Chaos under load: 2 gateways, 2 catalogs and 1 aggregation as processes on PostgreSQL and a Redis the test owns,
 * mixed load through both gateways, and each fault in turn, then all together. Afterwards: every acknowledged
 * write is in the catalog exactly once, no answer was a 500, every 5xx was a 502/503/504 problem+json, the views
 * equal the catalog's own aggregates, and read p99 is back near its baseline. Prints the table. {@code make test}
 * runs a short version; {@code make chaos} ({@code -Dchaos.full=true}) the full one.
 */
class ChaosIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final boolean full = Boolean.getBoolean("chaos.full");

    @Test
    void shouldLoseAndDuplicateNoWriteAndAnswerNo500WhileFaultsComeAndGo() throws Exception {
        try (ProcessSuite suite = new ProcessSuite(2, 2)) {
            String category = GatewayFixtures.send(suite.gateway(), "POST", "/api/catalog/categories",
                    "{\"slug\":\"chaos-" + UUID.randomUUID() + "\",\"name\":\"Chaos\"}", 201).get("id").asText();
            ChaosLoad load = new ChaosLoad(suite.gateways, category);
            ChaosFaults faults = new ChaosFaults(suite);
            load.start(4);
            during(load, "warm-up", () -> Thread.sleep(full ? 15_000 : 5_000));
            during(load, "baseline", () -> Thread.sleep(full ? 20_000 : 8_000));
            during(load, "redis stopped", () -> faults.redisDown(full ? 10_000 : 5_000));
            settle(load);
            during(load, "catalog SIGKILL", faults::catalogKilled);
            settle(load);
            during(load, "aggregation killed x2", faults::aggregationKilledTwice);
            settle(load);
            during(load, "pg_terminate_backend", () -> faults.connectionsDropped(full ? 4 : 2));
            settle(load);
            during(load, "catalog SIGSTOP", () -> faults.catalogPaused(full ? 8_000 : 4_000));
            settle(load);
            during(load, "all together", () -> together(faults));
            long lastFault = System.currentTimeMillis();
            during(load, "recovery", () -> Thread.sleep(full ? 20_000 : 10_000));
            load.stop();
            long loadStopped = System.currentTimeMillis();

            Map<String, Integer> skus = counts(suite, "SELECT sku, count(*) FROM catalog.product "
                    + "WHERE merchant_id = 'chaos' GROUP BY sku");
            Map<String, Integer> titles = counts(suite, "SELECT title, count(*) FROM catalog.review GROUP BY title");
            long lost = load.ackedProducts.keySet().stream().filter(k -> skus.getOrDefault("CH-" + k, 0) != 1).count()
                    + load.ackedReviews.keySet().stream().filter(k -> titles.getOrDefault(k, 0) != 1).count();
            long duplicated = skus.values().stream().filter(n -> n > 1).count()
                    + titles.values().stream().filter(n -> n > 1).count();
            long viewsMillis = viewsMatchCatalog(suite, 60_000);
            List<ChaosReport.PhaseStats> phases = ChaosReport.byPhase(load.samples);
            long baseline = phases.stream().filter(p -> p.phase().equals("baseline")).findFirst().orElseThrow()
                    .p99Millis();
            long recoveredAfter = recovery(load, lastFault, baseline);
            List<String> footer = new ArrayList<>(List.of("",
                    "writes acknowledged: " + load.ackedProducts.size() + " products, " + load.ackedReviews.size()
                            + " reviews; found exactly once: " + (load.ackedProducts.size()
                                    + load.ackedReviews.size() - lost)
                            + "; lost: " + lost + "; duplicated: "
                            + duplicated,
                    "views equal the catalog's aggregates " + viewsMillis + " ms after the load stopped ("
                            + (loadStopped + viewsMillis - lastFault) + " ms after the last fault ended)",
                    "read p99: baseline " + baseline + " ms; back within 1.5x (+30 ms) " + recoveredAfter
                            + " ms after the last fault"));
            System.out.println("[chaos] " + (full ? "full" : "short") + " run" + ChaosReport.table(phases, footer));

            assertEquals(0, lost, "acknowledged writes missing or not exactly once");
            assertEquals(0, duplicated, "writes created twice");
            assertEquals(0, phases.stream().mapToInt(ChaosReport.PhaseStats::s500).sum(), "500s");
            assertEquals(0, phases.stream().mapToInt(ChaosReport.PhaseStats::badProblems).sum(),
                    "5xx other than 502/503/504 problem+json");
            assertTrue(viewsMillis >= 0, "views never matched the catalog");
            assertTrue(recoveredAfter >= 0 && recoveredAfter <= 10_000, "p99 not back within 10 s");
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void during(ChaosLoad load, String phase, Step step) throws Exception {
        load.phase = phase;
        step.run();
    }

    private void settle(ChaosLoad load) throws Exception {
        during(load, "between faults", () -> Thread.sleep(full ? 8_000 : 2_000));
    }

    private void together(ChaosFaults faults) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failed = new ArrayList<>();
        for (Step step : new Step[] { () -> faults.redisDown(full ? 10_000 : 5_000), faults::catalogKilled,
                faults::aggregationKilledTwice, () -> faults.connectionsDropped(2),
                () -> faults.catalogPaused(full ? 6_000 : 3_000) }) {
            Thread t = new Thread(() -> {
                try {
                    step.run();
                } catch (Exception e) {
                    failed.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failed.isEmpty()) {
            throw failed.get(0);
        }
    }

    private static Map<String, Integer> counts(ProcessSuite suite, String sql) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl, LocalInfra.PG_USER, "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    /** Milliseconds until every chaos product's card equals the catalog's own numbers; -1 if not within the limit. */
    private static long viewsMatchCatalog(ProcessSuite suite, long limit) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < limit) {
            boolean all = true;
            ExpectedViews expected = new ExpectedViews(suite.jdbcUrl, LocalInfra.PG_USER);
            for (ExpectedViews.Product p : expected.products.values()) {
                HttpResponse<String> card = http.send(HttpRequest.newBuilder(URI.create(suite.aggregation.baseUrl()
                        + "/api/views/products/" + p.id())).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode view = card.statusCode() == 200 ? JSON.readTree(card.body()) : null;
                if (view == null || view.get("priceCents").asLong() != p.priceCents()
                        || view.get("stock").asInt() != p.stock()
                        || view.get("rating").get("count").asLong() != p.reviews()) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return System.currentTimeMillis() - start;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    /** Milliseconds after the last fault until a 2 s window of reads has p99 within 1.5x baseline (+30 ms). */
    private static long recovery(ChaosLoad load, long lastFault, long baselineMillis) {
        long target = Math.max(baselineMillis * 3 / 2, baselineMillis + 30);
        for (long from = lastFault; from < lastFault + 30_000; from += 500) {
            long windowStart = from;
            List<Long> window = load.samples.stream().filter(s -> s.read() && s.at() >= windowStart
                    && s.at() < windowStart + 2000).map(ChaosLoad.Sample::micros).toList();
            if (window.size() >= 5 && ChaosReport.p99(window) / 1000 <= target) {
                return windowStart + 2000 - lastFault;
            }
        }
        return -1;
    }
}

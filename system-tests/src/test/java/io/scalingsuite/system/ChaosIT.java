package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * Chaos under load, scaled out: 2 gateways, 2 catalogs (two outbox relays racing) and 3 aggregations (one consumer
 * group) as processes on PostgreSQL and a Redis the test owns, mixed load through both gateways, each fault in
 * turn, then all together. Afterwards: the ledger finds every acknowledged write in the catalog exactly once and
 * no request executed twice; no answer was a 500; every 5xx was a 502/503/504 problem+json; every request got an
 * answer (status 0 only from a gateway while it was killed); each fault window served a floor of successful reads;
 * every card and summary equals the catalog's own aggregate within 5 s of the last fault; read p99 is back near
 * its baseline. Prints the table. {@code make test} runs a short version; {@code make chaos}
 * ({@code -Dchaos.full=true}) the full one. {@code -Dchaos.redis=sentinel} runs it on a Sentinel set (a master, a
 * replica, three Sentinels, a password), with a Redis failover among the faults.
 */
class ChaosIT {

    /**
     * Each fault window serves at least this share of the baseline's rate of successful reads (and at least one
     * read): the suite keeps serving while it is hurt. A rate, so a slow machine does not fail where a fast one
     * passes.
     */
    static final double READ_FLOOR_OF_BASELINE = 0.2;
    /** Views equal to the catalog at most this long after the last fault (issue 18). */
    static final long VIEWS_WITHIN_MILLIS = 5_000;
    static final List<String> MERCHANTS = List.of("chaos-a", "chaos-b");

    private final boolean full = Boolean.getBoolean("chaos.full");

    private interface Step {
        void run() throws Exception;
    }

    private record Fault(String name, Step step) {
    }

    @Test
    void shouldLoseAndDuplicateNoWriteAndAnswerNo500WhileFaultsComeAndGo() throws Exception {
        SuiteRedis redis = System.getProperty("chaos.redis", "standalone").equals("sentinel")
                ? SuiteRedis.sentinel("chaos-" + UUID.randomUUID()) : SuiteRedis.standalone();
        try (ProcessSuite suite = new ProcessSuite(2, 3, 2, redis)) {
            ChaosLoad load = new ChaosLoad(suite.gateways, categories(suite), MERCHANTS);
            ChaosFaults faults = new ChaosFaults(suite);
            List<Fault> inTurn = faults(faults);
            load.start(4, 2);
            // long enough for seven fresh JVMs' first compilations: the baseline is the warm suite
            during(load, "warm-up", () -> Thread.sleep(full ? 15_000 : 10_000));
            during(load, "baseline", () -> Thread.sleep(full ? 20_000 : 6_000));
            long baselineEnd = System.currentTimeMillis(); // the first fault starts here
            String baselineStalls = redis.stalls(); // read now: the first fault kills Redis and its monitor
            for (Fault fault : inTurn) {
                during(load, fault.name(), fault.step());
                during(load, "after " + fault.name(), () -> Thread.sleep(full ? 8_000 : 2_000));
            }
            during(load, "all together", () -> together(inTurn));
            long lastFault = System.currentTimeMillis();
            load.writing = false; // the views are compared with a catalog at rest; reads go on
            load.phase = "recovery";
            long viewsMillis = viewsEqualAfter(suite, lastFault, 60_000);
            Thread.sleep(Math.max(0, lastFault + (full ? 20_000 : 8_000) - System.currentTimeMillis()));
            load.stop();
            load.resendUnacknowledged();
            ChaosLedger.Verdict ledger = load.ledger.check(rowsByMarker(suite));
            long settledMillis = viewsEqualAfter(suite, System.currentTimeMillis(), 30_000);
            List<String> left = ViewDifferences.of(new ExpectedViews(suite.jdbcUrl, LocalInfra.PG_USER),
                    suite.aggregation.baseUrl(), List.of(), MERCHANTS);

            List<ChaosReport.PhaseStats> phases = ChaosReport.byPhase(load.samples, faults.gatewayOutages);
            long baseline = phases.stream().filter(p -> p.phase().equals("baseline")).findFirst().orElseThrow()
                    .p99Millis();
            long recoveredAfter = recovery(load, lastFault, baseline);
            System.out.println("[chaos] " + (full ? "full" : "short") + " run" + ChaosReport.table(phases, List.of("",
                    "writes sent: " + ledger.sent() + "; acknowledged: " + ledger.acknowledged() + "; lost: "
                            + ledger.lost().size() + "; duplicated: " + ledger.duplicated().size()
                            + "; unresolved after the final retries: " + ledger.unresolved().size(),
                    "views equal the catalog's aggregates " + viewsMillis + " ms after the last fault ended (limit "
                            + VIEWS_WITHIN_MILLIS + "); after the final retries " + settledMillis + " ms",
                    "writes acknowledged after the last fault (retries in flight): " + acknowledgedAfter(load,
                            lastFault),
                    "Redis stalls in the warm-up and baseline: " + baselineStalls,
                    "read p99: baseline " + baseline + " ms; back within 1.5x (+30 ms) " + recoveredAfter
                            + " ms after the last fault",
                    "requests without an answer (phase / gateway / exception): "
                            + ChaosReport.noAnswers(load.samples),
                    "requests without an answer from a running gateway, 5xx other than a 502/503/504 problem+json, and "
                            + "failed ones of the baseline:\n"
                            + String.join("\n", ChaosReport.failedWithoutFault(load.samples, faults.gatewayOutages)))));

            // every claim checked and reported, not only the first that fails
            assertAll(() -> assertEquals(List.of(), ledger.lost(), "acknowledged writes missing or not the "
                    + "acknowledged row"),
                    () -> assertEquals(List.of(), ledger.duplicated(), "writes executed twice"),
                    () -> assertEquals(List.of(), ledger.unresolved(), "writes a healthy suite did not acknowledge"),
                    () -> assertEquals(0, sum(phases, ChaosReport.PhaseStats::s500), "500s"),
                    // the requests and the services' own lines in the message: CI shows the failure, not the table
                    () -> assertEquals(List.of(), ChaosReport.badFailures(load.samples),
                            "5xx other than 502/503/504 problem+json; the services logged: " + unexpected(suite)),
                    () -> assertEquals(0, sum(phases, ChaosReport.PhaseStats::noAnswer),
                            "requests without an answer (refused, reset, timed out) from a running gateway"),
                    () -> assertEquals(List.of(), failedInBaseline(load, baselineEnd),
                            "failed requests without a fault (read p99 " + baseline + " ms; Redis stalls: "
                                    + baselineStalls + "); the services logged: " + unexpected(suite)),
                    () -> assertEquals(List.of(), belowFloor(phases, inTurn), "fault windows below the read floor"),
                    () -> assertEquals(List.of(), left, "views differ from the catalog's aggregate"),
                    () -> assertTrue(viewsMillis >= 0 && viewsMillis <= VIEWS_WITHIN_MILLIS, "views equal the "
                            + "catalog " + viewsMillis + " ms after the last fault (-1: not within 60 s)"),
                    () -> assertTrue(recoveredAfter >= 0 && recoveredAfter <= 10_000, "p99 not back within 10 s"));
        }
    }

    /**
     * Each failure a service logged as unexpected (a 500's cause), each write a gateway could not confirm (what
     * failed) and each blocked Vert.x thread (which delays every request of its event loop): its line and the next,
     * and the log's name.
     */
    private static List<String> unexpected(ProcessSuite suite) throws IOException {
        List<ServiceProcess> every = new ArrayList<>(suite.catalogs);
        every.addAll(suite.aggregations);
        every.addAll(suite.gateways);
        List<String> lines = new ArrayList<>();
        for (ServiceProcess service : every) {
            List<String> log = Files.readAllLines(service.logFile());
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).contains("Unexpected failure on") || log.get(i).contains("failed inside the gateway")
                        || log.get(i).contains("answered 503 write-not-confirmed")
                        || log.get(i).contains("has been blocked for")) {
                    lines.add(service.logFile().getFileName() + ": " + log.get(i)
                            + (i + 1 < log.size() ? " / " + log.get(i + 1) : "")); // the exception's own line
                }
            }
        }
        return lines;
    }

    private static int sum(List<ChaosReport.PhaseStats> phases, ToIntFunction<ChaosReport.PhaseStats> count) {
        return phases.stream().mapToInt(count).sum();
    }

    /** Fault windows (each fault, and all together) with fewer successful reads than the floor. */
    private static List<String> belowFloor(List<ChaosReport.PhaseStats> phases, List<Fault> faults) {
        ChaosReport.PhaseStats baseline = phases.stream().filter(p -> p.phase().equals("baseline")).findFirst()
                .orElseThrow();
        double perMilli = READ_FLOOR_OF_BASELINE * baseline.okReads() / Math.max(1, baseline.millis());
        return phases.stream().filter(p -> p.phase().equals("all together")
                || faults.stream().anyMatch(f -> f.name().equals(p.phase())))
                .filter(p -> p.okReads() < Math.max(1, (long) (perMilli * p.millis())))
                .map(p -> p.phase() + ": " + p.okReads() + " successful reads in " + p.millis() + " ms, floor "
                        + Math.max(1, (long) (perMilli * p.millis())))
                .toList();
    }

    private List<Fault> faults(ChaosFaults faults) {
        List<Fault> list = new ArrayList<>(List.of(
                new Fault("redis SIGKILL", () -> faults.redisKilled(full ? 10_000 : 4_000)),
                new Fault("catalog SIGKILL", faults::catalogKilled),
                new Fault("aggregation SIGKILL x2", faults::aggregationKilledTwice),
                new Fault("gateway SIGKILL", faults::gatewayKilled),
                new Fault("pg_terminate_backend", () -> faults.connectionsDropped(full ? 4 : 2)),
                new Fault("catalog SIGSTOP", () -> faults.catalogPaused(full ? 8_000 : 4_000))));
        if (faults.canFailOverRedis()) {
            list.add(new Fault("redis failover", faults::redisFailedOver));
        } else {
            System.out.println("[chaos] redis failover: not run, the suite's Redis has no replica (standalone)");
        }
        return list;
    }

    /** Two roots and a child, created on catalog directly (as the gateway would call it): setup, not load. */
    private static List<String> categories(ProcessSuite suite) throws Exception {
        CatalogClient catalog = new CatalogClient(suite.catalogs.get(0).baseUrl());
        String run = UUID.randomUUID().toString();
        String root = catalog.createCategory("chaos-" + run, null);
        return List.of(root, catalog.createCategory("chaos-child-" + run, root),
                catalog.createCategory("chaos-other-" + run, null));
    }

    private static void during(ChaosLoad load, String phase, Step step) throws Exception {
        load.phase = phase;
        step.run();
    }

    private static void together(List<Fault> faults) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (Fault fault : faults) {
            Thread t = new Thread(() -> {
                try {
                    fault.step().run();
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

    /** Each write's marker (a product's name, a review's title) → the ids of the catalog rows that carry it. */
    private static Map<String, List<String>> rowsByMarker(ProcessSuite suite) throws Exception {
        Map<String, List<String>> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl, LocalInfra.PG_USER, "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT substr(name, "
                        + (ChaosLoad.MARKER_PREFIX.length() + 1) + "), id FROM catalog.product WHERE name LIKE '"
                        + ChaosLoad.MARKER_PREFIX + "%' UNION ALL SELECT title, id FROM catalog.review")) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return rows;
    }

    /**
     * Milliseconds from since until every card and summary equals the catalog's aggregate ({@link ViewsWatch}); -1
     * if not in limit. While they differ, how many and one of them are printed once a second: where the time goes.
     */
    private static long viewsEqualAfter(ProcessSuite suite, long since, long limit) throws Exception {
        long printed = 0;
        ViewsWatch watch = new ViewsWatch(suite.jdbcUrl, suite.aggregation.baseUrl(), MERCHANTS);
        while (System.currentTimeMillis() - since < limit) {
            List<String> differences = watch.differences();
            long now = System.currentTimeMillis();
            if (differences.isEmpty()) {
                return now - since;
            }
            if (now - printed >= 1000) {
                System.out.println("[chaos] views at +" + (now - since) + " ms: " + differences.size()
                        + " differences, e.g. " + differences.get(0));
                printed = now;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /**
     * Baseline requests that failed and were answered before the first fault began. One sent in the baseline's
     * last second and still waiting when Redis was killed fails in the fault, not without one.
     */
    private static List<String> failedInBaseline(ChaosLoad load, long baselineEnd) {
        return load.samples.stream().filter(s -> s.phase().equals("baseline") && s.at() <= baselineEnd
                && (s.status() == 0 || s.status() >= 500 || s.read() && s.status() != 200))
                .map(s -> s.request() + ": " + s.status() + " after " + s.micros() / 1000 + " ms, "
                        + (baselineEnd - s.at()) + " ms before the first fault: " + s.error())
                .toList();
    }

    /** How many writes got a 2xx after the last fault, and the last one's time after it. */
    private static String acknowledgedAfter(ChaosLoad load, long lastFault) {
        List<ChaosLoad.Sample> late = load.samples.stream().filter(s -> !s.read() && s.status() / 100 == 2
                && s.at() > lastFault).toList();
        return late.size() + (late.isEmpty() ? "" : ", the last " + (late.stream().mapToLong(ChaosLoad.Sample::at)
                .max().orElseThrow() - lastFault) + " ms after it");
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

package io.scalingsuite.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table `make chaos` prints: per phase, then the ledger, views and latency lines. A request without an answer
 * (status 0: refused, reset or timed out) is a failed request like a 5xx; only one sent to a gateway while it was
 * killed is counted apart ({@code gatewayDown}), since no server can answer from a dead process.
 */
final class ChaosReport {

    /**
     * One phase: reads and successful (200) reads, write attempts and failed ones (5xx or no answer), 500s, all 5xx,
     * 5xx that were not a 502/503/504 problem+json, requests without an answer from a running gateway, requests to
     * a killed gateway, read p99, and how long the phase ran.
     */
    record PhaseStats(String phase, int reads, int okReads, int writes, int failedWrites, int s500, int s5xx,
            int badProblems, int noAnswer, int gatewayDown, long p99Millis, long millis) {

        int failedReads() {
            return reads - okReads;
        }

        double okShare() {
            return reads == 0 ? 1 : (double) okReads / reads;
        }
    }

    private ChaosReport() {
    }

    static List<PhaseStats> byPhase(Iterable<ChaosLoad.Sample> samples, List<ChaosFaults.Outage> outages) {
        Map<String, List<ChaosLoad.Sample>> phases = new LinkedHashMap<>();
        List<ChaosLoad.Sample> bySent = new ArrayList<>();
        samples.forEach(bySent::add);
        bySent.sort(Comparator.comparingLong(ChaosLoad.Sample::sent)); // phases in the order run
        for (ChaosLoad.Sample s : bySent) {
            phases.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s);
        }
        List<PhaseStats> stats = new ArrayList<>();
        phases.forEach((phase, list) -> {
            List<Long> latencies = new ArrayList<>();
            int reads = 0, ok = 0, writes = 0, failedWrites = 0, s500 = 0, s5xx = 0, bad = 0, none = 0, down = 0;
            for (ChaosLoad.Sample s : list) {
                boolean failed = s.status() == 0 || s.status() >= 500;
                if (s.read()) {
                    reads++;
                    ok += s.status() == 200 ? 1 : 0;
                    latencies.add(s.micros());
                } else {
                    writes++;
                    failedWrites += failed ? 1 : 0;
                }
                s500 += s.status() == 500 ? 1 : 0;
                s5xx += s.status() >= 500 ? 1 : 0;
                bad += badFailure(s) ? 1 : 0;
                if (s.status() == 0) {
                    boolean gatewayKilled = outages.stream().anyMatch(o -> o.gateway() == s.gateway()
                            && s.sent() <= o.to() && s.at() >= o.from());
                    down += gatewayKilled ? 1 : 0;
                    none += gatewayKilled ? 0 : 1;
                }
            }
            long millis = list.get(list.size() - 1).sent() - list.get(0).sent();
            stats.add(new PhaseStats(phase, reads, ok, writes, failedWrites, s500, s5xx, bad, none, down,
                    p99(latencies) / 1000, millis));
        });
        return stats;
    }

    /** A 5xx that is not a 502/503/504 problem+json: what no fault excuses. */
    private static boolean badFailure(ChaosLoad.Sample s) {
        return s.status() >= 500 && (!s.problem() || (s.status() != 502 && s.status() != 503 && s.status() != 504));
    }

    /** Each 5xx no fault excuses: phase, gateway, request, status and the start of its body. */
    static List<String> badFailures(Iterable<ChaosLoad.Sample> samples) {
        List<String> bad = new ArrayList<>();
        samples.forEach(s -> {
            if (badFailure(s)) {
                bad.add(s.phase() + ", gateway-" + (s.gateway() + 1) + ", " + s.request() + ": " + s.status() + " "
                        + s.error());
            }
        });
        return bad;
    }

    /** Requests without an answer by phase and exception (refused, reset, timed out), for the footer. */
    static Map<String, Integer> noAnswers(Iterable<ChaosLoad.Sample> samples) {
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        samples.forEach(s -> {
            if (s.status() == 0) {
                kinds.merge(s.phase() + " / gateway-" + (s.gateway() + 1) + " / " + s.error(), 1, Integer::sum);
            }
        });
        return kinds;
    }

    /**
     * The requests the claims count against the suite: every one without an answer from a running gateway, every
     * 500 or other 5xx that is not a 502/503/504 problem+json in any phase, and every failed one of the baseline.
     * For each: when it was sent (ms after the first request), how long it waited, phase, gateway, request, status
     * and exception or problem. Finding why is easier with these.
     */
    static List<String> failedWithoutFault(Iterable<ChaosLoad.Sample> samples, List<ChaosFaults.Outage> outages) {
        List<ChaosLoad.Sample> all = new ArrayList<>();
        samples.forEach(all::add);
        long first = all.stream().mapToLong(ChaosLoad.Sample::sent).min().orElse(0);
        return all.stream().filter(s -> s.status() == 0 && outages.stream().noneMatch(o -> o.gateway() == s.gateway()
                && s.sent() <= o.to() && s.at() >= o.from()) || badFailure(s) || s.phase().equals("baseline")
                        && (s.status() == 0 || s.status() >= 500 || s.read() && s.status() != 200))
                .sorted(Comparator.comparingLong(ChaosLoad.Sample::sent))
                .map(s -> String.format("  +%d ms, waited %d ms, %s, gateway-%d, %s: %d %s", s.sent() - first,
                        s.micros() / 1000, s.phase(), s.gateway() + 1, s.request(), s.status(), s.error()))
                .toList();
    }

    static long p99(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
    }

    static String table(List<PhaseStats> phases, List<String> footer) {
        StringBuilder t = new StringBuilder("\n| phase | s | reads | ok reads | writes (attempts) | failed writes | "
                + "500s | 5xx | 5xx not 502/503/504 problem+json | no answer | to a killed gateway | read p99 ms |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PhaseStats p : phases) {
            t.append(String.format("| %s | %.1f | %d | %d (%.1f %%) | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                    p.phase(), p.millis() / 1000.0, p.reads(), p.okReads(), 100 * p.okShare(), p.writes(),
                    p.failedWrites(), p.s500(), p.s5xx(), p.badProblems(), p.noAnswer(), p.gatewayDown(),
                    p.p99Millis()));
        }
        footer.forEach(line -> t.append(line).append('\n'));
        return t.toString();
    }
}

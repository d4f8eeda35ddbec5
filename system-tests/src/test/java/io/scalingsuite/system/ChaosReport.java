package io.scalingsuite.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table `make chaos` prints: per phase, then the ledger, views and latency lines. */
final class ChaosReport {

    record PhaseStats(String phase, int reads, int okReads, int writes, int s500, int s5xx, int badProblems,
            long p99Millis) {

        double okShare() {
            return reads == 0 ? 1 : (double) okReads / reads;
        }
    }

    private ChaosReport() {
    }

    static List<PhaseStats> byPhase(Iterable<ChaosLoad.Sample> samples) {
        Map<String, List<ChaosLoad.Sample>> phases = new LinkedHashMap<>();
        List<ChaosLoad.Sample> byStart = new ArrayList<>();
        samples.forEach(byStart::add);
        byStart.sort(java.util.Comparator.comparingLong(s -> s.at() - s.micros() / 1000)); // phases in the order run
        for (ChaosLoad.Sample s : byStart) {
            phases.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s);
        }
        List<PhaseStats> stats = new ArrayList<>();
        phases.forEach((phase, list) -> {
            List<Long> latencies = new ArrayList<>();
            int reads = 0, ok = 0, s500 = 0, s5xx = 0, bad = 0;
            for (ChaosLoad.Sample s : list) {
                if (s.read()) {
                    reads++;
                    ok += s.status() == 200 ? 1 : 0;
                    latencies.add(s.micros());
                }
                s500 += s.status() == 500 ? 1 : 0;
                s5xx += s.status() >= 500 ? 1 : 0;
                bad += s.status() >= 500 && (!s.problem() || (s.status() != 502 && s.status() != 503
                        && s.status() != 504)) ? 1 : 0;
            }
            stats.add(new PhaseStats(phase, reads, ok, list.size() - reads, s500, s5xx, bad, p99(latencies) / 1000));
        });
        return stats;
    }

    static long p99(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
    }

    static String table(List<PhaseStats> phases, List<String> footer) {
        StringBuilder t = new StringBuilder("\n| phase | reads | ok reads | writes (attempts) | 500s | 5xx | 5xx not "
                + "502/503/504 problem+json | read p99 ms |\n|---|---|---|---|---|---|---|---|\n");
        for (PhaseStats p : phases) {
            t.append(String.format("| %s | %d | %.1f %% | %d | %d | %d | %d | %d |%n", p.phase(), p.reads(),
                    100 * p.okShare(), p.writes(), p.s500(), p.s5xx(), p.badProblems(), p.p99Millis()));
        }
        footer.forEach(line -> t.append(line).append('\n'));
        return t.toString();
    }
}

package io.scalingsuite.deploy.surge;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A per-pod requests-per-second metric as the Prometheus Adapter would serve the chart's
 * {@code autoscaling.targetRequestsPerSecond} ({@code rate(http_server_requests_seconds_count[...])} per pod): the
 * answers the Service stand-in logged per upstream since the previous sample, divided by the window, in milli-units.
 * Only Ready replicas (in the endpoints) get a sample; the others are missing, as a pod without a series.
 */
final class RequestRates {

    private final Path accessLog;
    private long offset;
    private Instant last = Instant.now();

    RequestRates(Path accessLog) {
        this.accessLog = accessLog;
    }

    Map<String, io.scalingsuite.deploy.autoscaling.PodMetric> sample(List<Replica> replicas, Instant now) {
        Map<String, Integer> counts = new HashMap<>();
        try (RandomAccessFile file = new RandomAccessFile(accessLog.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.max(0, length - offset)];
            file.seek(offset);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            int end = text.lastIndexOf('\n') + 1; // a partly written line waits for the next sample
            offset += end;
            for (String line : text.substring(0, end).split("\n")) {
                String[] parts = line.trim().split(" ");
                if (parts.length >= 4) {
                    counts.merge(parts[parts.length - 1], 1, Integer::sum); // the last upstream tried
                }
            }
        } catch (IOException e) {
            // no log yet: no requests
        }
        Duration window = Duration.between(last, now);
        last = now;
        Map<String, io.scalingsuite.deploy.autoscaling.PodMetric> samples = new HashMap<>();
        for (Replica replica : replicas) {
            if (replica.ready && !window.isZero()) {
                long milli = counts.getOrDefault(replica.upstream(), 0) * 1_000_000L / window.toMillis();
                samples.put(replica.name, new io.scalingsuite.deploy.autoscaling.PodMetric(milli, now, window));
            }
        }
        return samples;
    }
}

package io.scalingsuite.deploy.autoscaling;

import java.time.Duration;
import java.time.Instant;

/**
 * One pod's sample of a metric (metricsclient.PodMetric): its value in milli-units, the end of the window it was
 * measured over, and the window (metrics-server reports CPU as a rate over a window; groupPods ignores a CPU sample
 * whose window began before the pod last turned Ready, during the initialization period).
 */
public record PodMetric(long value, Instant timestamp, Duration window) {
}

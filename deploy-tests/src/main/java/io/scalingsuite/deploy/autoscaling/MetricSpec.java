package io.scalingsuite.deploy.autoscaling;

/**
 * One entry of {@code spec.metrics} this port computes: a Resource metric (Utilization or AverageValue), a Pods metric
 * (AverageValue) or an External metric (Value or AverageValue). Values are milli-units, as the controller's
 * {@code Quantity.MilliValue()}: 250m CPU is 250, 1 KiB of memory 1,024,000, 200 requests per second 200,000.
 *
 * @param name the resource ({@code cpu}, {@code memory}) or the metric's name
 * @param target a percentage of the requests for {@link Target#UTILIZATION}, else milli-units
 */
public record MetricSpec(Source source, String name, Target targetType, long target) {

    /** MetricSourceType. */
    public enum Source {
        RESOURCE, PODS, EXTERNAL
    }

    /** MetricTargetType. */
    public enum Target {
        UTILIZATION, AVERAGE_VALUE, VALUE
    }

    /** The resource whose readiness rules {@code groupPods} applies (CPU's initialization period). */
    public static final String CPU = "cpu";

    public static MetricSpec resourceUtilization(String resource, int percent) {
        return new MetricSpec(Source.RESOURCE, resource, Target.UTILIZATION, percent);
    }

    public static MetricSpec resourceAverageValue(String resource, long milli) {
        return new MetricSpec(Source.RESOURCE, resource, Target.AVERAGE_VALUE, milli);
    }

    public static MetricSpec podsAverageValue(String metric, long milli) {
        return new MetricSpec(Source.PODS, metric, Target.AVERAGE_VALUE, milli);
    }

    public static MetricSpec externalValue(String metric, long milli) {
        return new MetricSpec(Source.EXTERNAL, metric, Target.VALUE, milli);
    }

    public static MetricSpec externalAverageValue(String metric, long milli) {
        return new MetricSpec(Source.EXTERNAL, metric, Target.AVERAGE_VALUE, milli);
    }

    /** The key of this metric's samples in a {@link MetricsSnapshot}. */
    public String key() {
        return source == Source.RESOURCE ? name : source.name().toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }

    /** The description horizontal.go gives a metric ({@code metricNameProposal}). */
    @Override
    public String toString() {
        return switch (source) {
            case RESOURCE -> name + (targetType == Target.UTILIZATION
                    ? " resource utilization (percentage of request)" : " resource");
            case PODS -> "pods metric " + name;
            case EXTERNAL -> "external metric " + name;
        };
    }
}

package io.scalingsuite.deploy.autoscaling;

/** A metric the controller could not turn into a replica count (its "failed to get ... metric" errors). */
public class MetricUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MetricUnavailableException(String message) {
        super(message);
    }
}

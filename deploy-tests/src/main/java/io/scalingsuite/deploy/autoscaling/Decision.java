package io.scalingsuite.deploy.autoscaling;

import java.time.Instant;
import java.util.Map;

/**
 * One sync's outcome.
 *
 * @param proposals each metric's proposal, by {@link MetricSpec#toString()}, before stabilization and limits
 * @param reason why the count is what it is: the rescale reason or the ScalingLimited condition's reason
 * @param error the first metric failure, when the controller did not scale because of it; else null
 */
public record Decision(Instant at, int currentReplicas, int desiredReplicas, Map<String, Proposal> proposals,
        String reason, String error) {

    public boolean rescaled() {
        return desiredReplicas != currentReplicas;
    }
}

package io.scalingsuite.deploy.autoscaling;

/**
 * One metric's replica count proposal, and the current value the HPA status would report for it (for a Utilization
 * target the average utilization in percent, otherwise the average or total in milli-units), computed before any
 * missing or unready pod is filled in, as kubernetes.io notes.
 */
public record Proposal(int replicas, long usage) {
}

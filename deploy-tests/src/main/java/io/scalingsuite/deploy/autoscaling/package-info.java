/**
 * A port of the Kubernetes HorizontalPodAutoscaler controller's replica computation, for the e2e harness that runs the
 * suite's containers without a cluster (issue 20 item 4). Pure Java, driven by a clock the caller passes in.
 *
 * <p>
 * Followed, and cited per class:
 * <ul>
 * <li>kubernetes.io, "Horizontal Pod Autoscaling"
 * (https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/), sections "Algorithm details",
 * "Pod readiness and autoscaling metrics", "Scaling on multiple metrics" and "Configurable scaling behavior" (its
 * "Scaling policies", "Stabilization window", "Default behavior" and the three "Example" subsections);</li>
 * <li>kubernetes/kubernetes {@code pkg/controller/podautoscaler/replica_calculator.go} ({@code GetResourceReplicas},
 * {@code GetRawResourceReplicas}, {@code GetMetricReplicas}, {@code calcPlainMetricReplicas},
 * {@code GetExternalMetricReplicas}, {@code GetExternalPerPodMetricReplicas}, {@code groupPods},
 * {@code calculateRequests}), {@code metrics/utilization.go} ({@code GetResourceUtilizationRatio},
 * {@code GetMetricUsageRatio});</li>
 * <li>{@code pkg/controller/podautoscaler/horizontal.go} ({@code reconcileAutoscaler},
 * {@code computeReplicasForMetrics}, {@code normalizeDesiredReplicas}, {@code stabilizeRecommendation},
 * {@code convertDesiredReplicasWithRules}, {@code normalizeDesiredReplicasWithBehaviors},
 * {@code stabilizeRecommendationWithBehaviors}, {@code convertDesiredReplicasWithBehaviorRate},
 * {@code calculateScaleUpLimitWithScalingRules}, {@code calculateScaleDownLimitWithBehaviors},
 * {@code storeScaleEvent}, {@code markScaleEventsOutdated}, {@code getReplicasChangePerPeriod});</li>
 * <li>{@code pkg/apis/autoscaling/v2/defaults.go} ({@code SetDefaults_HorizontalPodAutoscaler},
 * {@code GenerateHPAScaleUpRules}, {@code GenerateHPAScaleDownRules}) for the API server's defaulting.</li>
 * </ul>
 * Source read at the Kubernetes master of late 2025 (the version with per-direction {@code Tolerances} and the
 * {@code max(100, target)} fallback for missing pods). Not ported: Object and ContainerResource metrics, scale to
 * zero (the HPAScaleToZero gate), the HPAConfigurableTolerance gate's per-HPA tolerance, status conditions and events.
 */
package io.scalingsuite.deploy.autoscaling;

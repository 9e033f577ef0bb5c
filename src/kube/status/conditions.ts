// HPA conditions in the words a model owner understands. The reasons are the ones the horizontal pod autoscaler
// controller sets (k8s.io/kubernetes pkg/controller/podautoscaler); an unknown reason falls back to the
// controller's own message, which is always there.

import type { ScalingCondition } from '../../core/serviceStatus';

export type { ScalingCondition } from '../../core/serviceStatus';

const wording: Record<string, Record<string, string>> = {
  AbleToScale: {
    ReadyForNewScale: 'Can scale now.',
    SucceededRescale: 'Can scale; it just changed the replica count.',
    ScaleDownStabilized: 'Can scale, but holds back a scale-down until the load has stayed low for the stabilization window.',
    ScaleUpStabilized: 'Can scale, but holds back a scale-up for the stabilization window.',
    FailedGetScale: 'Cannot scale: it cannot read the deployment’s current scale.',
    FailedUpdateScale: 'Cannot scale: changing the deployment’s replica count failed.',
    BackoffBoth: 'Waiting: it scaled recently and backs off before scaling again.',
    BackoffDownscale: 'Waiting: it scaled up recently and backs off before scaling down.',
  },
  ScalingActive: {
    ValidMetricFound: 'Autoscaling is active: the utilization metric is being read.',
    ScalingDisabled: 'Autoscaling is off: the deployment was scaled to zero.',
    FailedGetResourceMetric: 'Autoscaling is stuck: it cannot read CPU/memory usage (is metrics-server running, and do the containers set resource requests?).',
    FailedComputeMetricsReplicas: 'Autoscaling is stuck: it cannot compute a replica count from the metrics.',
    InvalidMetricSourceType: 'Autoscaling is stuck: a metric in the autoscaler is of an unknown type.',
    InvalidSelector: 'Autoscaling is stuck: the deployment’s selector cannot be used to find its pods.',
  },
  ScalingLimited: {
    DesiredWithinRange: 'Within its replica range: no limit applies.',
    TooManyReplicas: 'Held at the maximum: the load asks for more replicas than the maximum allows.',
    TooFewReplicas: 'Held at the minimum: the load asks for fewer replicas than the minimum allows.',
    ScaleUpLimit: 'Scaling up gradually: the scale-up rate limit applies.',
    ScaleDownLimit: 'Scaling down gradually: the scale-down rate limit applies.',
  },
};

const typeWords: Record<string, string> = {
  AbleToScale: 'Able to scale',
  ScalingActive: 'Scaling active',
  ScalingLimited: 'Scaling limited',
  ScaledToZero: 'Scaled to zero',
};

/** Plain words for one HPA condition. */
export function conditionWords(type: string, status: string, reason?: string, message?: string): string {
  const known = reason ? wording[type]?.[reason] : undefined;
  if (known) return known;
  const label = typeWords[type] ?? type;
  const verdict = status === 'True' ? 'yes' : status === 'False' ? 'no' : 'unknown';
  const detail = message || reason;
  return detail ? `${label}: ${verdict} (${detail}).` : `${label}: ${verdict}.`;
}

export function toScalingCondition(c: { type: string; status: string; reason?: string; message?: string }): ScalingCondition {
  return Object.freeze({
    type: c.type,
    status: c.status,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
    words: conditionWords(c.type, c.status, c.reason, c.message),
  });
}

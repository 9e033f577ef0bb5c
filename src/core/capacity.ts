// The seed's replica formula (deploy-to-aks, "Autoscaling"): how many replicas a target load needs.
//   concurrentRequests = targetRps * secondsPerRequest / targetUtilization
//   replicas = ceil(concurrentRequests / maxConcurrentRequestsPerContainer)

export interface CapacityInput {
  /** Requests per second the service must sustain. */
  targetRps: number;
  /** Seconds one request takes to score. */
  secondsPerRequest: number;
  /** maxConcurrentRequestsPerContainer from the deployment config (v1 default 1). */
  maxConcurrentRequestsPerContainer: number;
  /** Target utilization as a fraction, as in the seed (0.7); the config's percentage 70 divided by 100. */
  targetUtilization: number;
}

export interface CapacityProblem {
  field: keyof CapacityInput;
  message: string;
}

export type CapacityResult =
  | { ok: true; concurrentRequests: number; replicas: number; explanation: string }
  | { ok: false; problems: CapacityProblem[] };

export function requiredReplicas(input: CapacityInput): CapacityResult {
  const problems = checkInput(input);
  if (problems.length > 0) return { ok: false, problems };
  const { targetRps, secondsPerRequest, maxConcurrentRequestsPerContainer: perContainer, targetUtilization } = input;
  const concurrentRequests = (targetRps * secondsPerRequest) / targetUtilization;
  // Round away binary noise before ceil: 7 rps * 1 s / 0.7 is 10.000000000000002 in floating point, and a
  // person doing the seed's arithmetic by hand gets 10 replicas, not 11.
  const replicas = Math.ceil(Number((concurrentRequests / perContainer).toPrecision(12)));
  const explanation =
    `${fmt(targetRps)} req/s × ${fmt(secondsPerRequest)} s per request ÷ ${fmt(targetUtilization)} target utilization = ` +
    `${fmt(concurrentRequests)} concurrent requests; ÷ ${perContainer} per container, rounded up = ${replicas} replicas.`;
  return { ok: true, concurrentRequests, replicas, explanation };
}

function checkInput(input: CapacityInput): CapacityProblem[] {
  const problems: CapacityProblem[] = [];
  const positive = (field: keyof CapacityInput, what: string) => {
    const v = input[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) problems.push({ field, message: `${what} must be a number greater than 0; found ${String(v)}.` });
  };
  positive('targetRps', 'Target requests per second');
  positive('secondsPerRequest', 'Seconds per request');
  positive('maxConcurrentRequestsPerContainer', 'Max concurrent requests per container');
  positive('targetUtilization', 'Target utilization');
  const perContainer = input.maxConcurrentRequestsPerContainer;
  if (problems.every((p) => p.field !== 'maxConcurrentRequestsPerContainer') && !Number.isInteger(perContainer)) {
    problems.push({ field: 'maxConcurrentRequestsPerContainer', message: `Max concurrent requests per container must be a whole number; found ${perContainer}.` });
  }
  const u = input.targetUtilization;
  if (problems.every((p) => p.field !== 'targetUtilization') && u > 1) {
    const hint = u <= 100 ? ` It looks like a percentage: use ${fmt(u / 100)} for ${u} %.` : '';
    problems.push({ field: 'targetUtilization', message: `Target utilization is a fraction between 0 and 1; found ${u}.${hint}` });
  }
  return problems;
}

function fmt(n: number): string {
  return Number(n.toPrecision(6)).toString();
}

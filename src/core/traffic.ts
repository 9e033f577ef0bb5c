// Endpoint versions → effective traffic, with the seed's semantics (controlled rollout):
// each version claims its trafficPercentile; what no version claims goes to the default version; the first
// version is the default unless one says isDefault; at most one control; at most 6 versions.
//
// Rounding: the exact shares always add up to 100 (the default absorbs the rest), but routers take integer
// weights. We use largest-remainder (Hamilton) rounding: every share is rounded down, then the points still
// missing to reach 100 go one each to the shares with the largest fractional parts (ties: the default first,
// then creation order). So weights sum to exactly 100 and no weight is more than 1 away from its exact share.

export const MAX_VERSIONS = 6;

export interface EndpointVersion {
  name: string;
  /** 0–100; unset claims nothing (the version still gets traffic if it is the default). */
  trafficPercentile?: number;
  /** is_default=True: this version takes the unclaimed traffic. */
  isDefault?: boolean;
  /** is_control_version_type=True: the control; every other version is a treatment. */
  isControl?: boolean;
}

export interface TrafficShare {
  name: string;
  /** Integer weight; all weights sum to 100. */
  weight: number;
  /** The share before rounding. */
  exact: number;
  isDefault: boolean;
  role: 'control' | 'treatment';
  explanation: string;
}

export type TrafficResult = { ok: true; shares: TrafficShare[]; rounding: string } | { ok: false; problems: string[] };

export const ROUNDING_NOTE =
  'Weights are whole percentages: each share is rounded down, then the missing points go to the largest remainders (largest-remainder rounding), so they always add up to 100.';

/** `versions` in creation order (the first one created is the default unless another says isDefault). */
export function effectiveTraffic(versions: readonly EndpointVersion[]): TrafficResult {
  const problems = checkVersions(versions);
  if (problems.length > 0) return { ok: false, problems };
  const explicitDefault = versions.findIndex((v) => v.isDefault);
  const defaultIndex = explicitDefault >= 0 ? explicitDefault : 0;
  const claimed = versions.reduce((sum, v) => sum + (v.trafficPercentile ?? 0), 0);
  const unclaimed = Math.max(0, 100 - claimed);
  const exact = versions.map((v, i) => (v.trafficPercentile ?? 0) + (i === defaultIndex ? unclaimed : 0));
  const weights = largestRemainder(exact, defaultIndex);
  const shares = versions.map((v, i): TrafficShare => {
    const own = v.trafficPercentile ?? 0;
    const role = v.isControl ? 'control' : 'treatment';
    let explanation: string;
    if (i === defaultIndex) {
      const why = explicitDefault >= 0 ? 'is_default' : 'the first version created';
      explanation = `${v.name} is the default (${why}): its own ${fmt(own)} % plus the ${fmt(unclaimed)} % no version claims = ${fmt(exact[i])} %.`;
    } else {
      explanation = `${v.name} gets its own traffic_percentile, ${fmt(own)} %.`;
    }
    if (weights[i] !== exact[i]) explanation += ` Rounded to ${weights[i]} % so the weights add up to 100.`;
    explanation += ` It is the ${role}.`;
    return { name: v.name, weight: weights[i], exact: exact[i], isDefault: i === defaultIndex, role, explanation };
  });
  return { ok: true, shares, rounding: ROUNDING_NOTE };
}

function checkVersions(versions: readonly EndpointVersion[]): string[] {
  const problems: string[] = [];
  if (versions.length === 0) problems.push('An endpoint needs at least one version.');
  if (versions.length > MAX_VERSIONS) problems.push(`An endpoint holds at most ${MAX_VERSIONS} versions; found ${versions.length}.`);
  const names = new Set<string>();
  for (const v of versions) {
    if (names.has(v.name)) problems.push(`Version "${v.name}" appears twice; version names are unique within an endpoint.`);
    names.add(v.name);
    const p = v.trafficPercentile;
    if (p !== undefined && (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100)) {
      problems.push(`Version "${v.name}": traffic_percentile must be between 0 and 100; found ${String(p)}.`);
    }
  }
  const defaults = versions.filter((v) => v.isDefault);
  if (defaults.length > 1) problems.push(`Only one version can be the default; ${defaults.map((v) => v.name).join(', ')} all say is_default.`);
  const controls = versions.filter((v) => v.isControl);
  if (controls.length > 1) problems.push(`Only one version can be the control; ${controls.map((v) => v.name).join(', ')} all say so (any number can be treatments).`);
  if (problems.length === 0) {
    const claimed = versions.reduce((sum, v) => sum + (v.trafficPercentile ?? 0), 0);
    if (claimed > 100 + 1e-9) problems.push(`The versions claim ${fmt(claimed)} % of the traffic together; at most 100 % can be claimed.`);
  }
  return problems;
}

function largestRemainder(exact: readonly number[], defaultIndex: number): number[] {
  // Exact shares can carry binary noise (0.1 + 0.2); snap them to 1e-9 so 30.000000000000004 floors to 30.
  const snapped = exact.map((e) => Math.round(e * 1e9) / 1e9);
  const weights = snapped.map((e) => Math.floor(e));
  let missing = 100 - weights.reduce((a, b) => a + b, 0);
  const order = snapped
    .map((e, i) => ({ i, frac: e - Math.floor(e) }))
    .sort((a, b) => b.frac - a.frac || (a.i === defaultIndex ? -1 : b.i === defaultIndex ? 1 : a.i - b.i));
  for (let k = 0; missing > 0 && k < order.length; k++, missing--) weights[order[k].i]++;
  return weights;
}

function fmt(n: number): string {
  return Number(n.toFixed(6)).toString();
}

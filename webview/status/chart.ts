// The replica chart's geometry, from a snapshot's history (pure: no DOM, unit tested). History points are written
// only when a figure changes, so the lines are steps, carried on to the snapshot's own time ("now").
import type { ReplicaPoint } from '../../src/contract/statusPanel';

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room for the axis labels. */
  readonly left: number;
  readonly bottom: number;
  readonly top: number;
  readonly right: number;
}

export const defaultBox: ChartBox = { width: 640, height: 200, left: 32, bottom: 22, top: 10, right: 12 };

export interface ChartGeometry {
  /** SVG path data of the replica count and of the ready count. */
  readonly replicas: string;
  readonly ready: string;
  /** y of the autoscaler's bounds, when it has them. */
  readonly min?: number;
  readonly max?: number;
  readonly yTicks: readonly { readonly y: number; readonly label: string }[];
  readonly xLabels: readonly { readonly x: number; readonly label: string; readonly anchor: 'start' | 'end' }[];
  /** The number of history points drawn. */
  readonly points: number;
}

/** Shortest span shown, so that a fresh panel's first point is not squeezed against both edges. */
const MIN_SPAN_MS = 60_000;

export function chartGeometry(
  history: readonly ReplicaPoint[],
  at: string,
  bounds: { min?: number; max?: number },
  box: ChartBox = defaultBox,
  timeLabel: (ms: number) => string = (ms) => new Date(ms).toLocaleTimeString(),
): ChartGeometry {
  const end = Date.parse(at);
  const first = history.length ? Date.parse(history[0]!.time) : end;
  const start = Math.min(first, end - MIN_SPAN_MS);
  const top = Math.max(1, bounds.max ?? 0, ...history.map((p) => Math.max(p.replicas, p.ready)));
  const yMax = top + Math.max(1, Math.ceil(top * 0.1));
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (ms: number) => round(box.left + ((ms - start) / Math.max(1, end - start)) * plotW);
  const y = (v: number) => round(box.top + plotH - (v / yMax) * plotH);
  const steps = (value: (p: ReplicaPoint) => number): string => {
    if (!history.length) return '';
    let d = `M${x(Date.parse(history[0]!.time))},${y(value(history[0]!))}`;
    for (const p of history.slice(1)) d += ` H${x(Date.parse(p.time))} V${y(value(p))}`;
    return `${d} H${x(end)}`;
  };
  const step = Math.max(1, Math.ceil(yMax / 4));
  const yTicks: { y: number; label: string }[] = [];
  for (let v = 0; v <= yMax; v += step) yTicks.push({ y: y(v), label: String(v) });
  return {
    replicas: steps((p) => p.replicas),
    ready: steps((p) => p.ready),
    ...(bounds.min !== undefined ? { min: y(bounds.min) } : {}),
    ...(bounds.max !== undefined ? { max: y(bounds.max) } : {}),
    yTicks,
    xLabels: [
      { x: x(start), label: timeLabel(start), anchor: 'start' },
      { x: x(end), label: timeLabel(end), anchor: 'end' },
    ],
    points: history.length,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

// The capacity planner: the seed's replica formula (core/capacity.ts, the same function the docs quote), a small
// chart of replicas against load, and a button that copies the suggestion into the autoscale range.
import { requiredReplicas } from '../../src/core/capacity';
import { h, svg } from '../shared/dom';

export interface PlannerInputs {
  maxConcurrentRequestsPerContainer: number;
  targetUtilizationPercent: number;
}

export function capacityPlanner(initial: PlannerInputs, apply: (replicas: number) => void): { element: HTMLElement; update(inputs: PlannerInputs): void } {
  const fields = {
    rps: h('vscode-textfield', { 'data-planner': 'rps', value: '20' }),
    seconds: h('vscode-textfield', { 'data-planner': 'seconds', value: '0.5' }),
    perContainer: h('vscode-textfield', { 'data-planner': 'perContainer', value: String(initial.maxConcurrentRequestsPerContainer) }),
    utilization: h('vscode-textfield', { 'data-planner': 'utilization', value: String(initial.targetUtilizationPercent) }),
  };
  const result = h('div', { class: 'result', 'data-planner': 'result' });
  const explanation = h('div', { class: 'explanation' });
  const chart = svg('svg', { class: 'chart', viewBox: '0 0 300 140', preserveAspectRatio: 'none' });
  const button = h('vscode-button', { 'data-planner': 'apply', secondary: true }, 'Use as max replicas');
  let suggestion = 0;
  button.addEventListener('click', () => { if (suggestion > 0) apply(suggestion); });

  const num = (el: HTMLElement) => Number((el as HTMLElement & { value: string }).value);
  const recompute = () => {
    const input = { targetRps: num(fields.rps), secondsPerRequest: num(fields.seconds), maxConcurrentRequestsPerContainer: num(fields.perContainer), targetUtilization: num(fields.utilization) / 100 };
    const r = requiredReplicas(input);
    if (!r.ok) {
      suggestion = 0;
      result.replaceChildren(h('span', { class: 'message error' }, r.problems.map((p) => p.message).join(' ')));
      explanation.textContent = '';
      chart.replaceChildren();
      button.setAttribute('disabled', '');
      return;
    }
    suggestion = r.replicas;
    result.replaceChildren(h('strong', {}, String(r.replicas)), ` replica${r.replicas === 1 ? '' : 's'}`);
    explanation.textContent = r.explanation;
    button.removeAttribute('disabled');
    button.textContent = `Use ${r.replicas} as max replicas`;
    drawChart(chart, input.targetRps, (rps) => {
      const x = requiredReplicas({ ...input, targetRps: rps });
      return x.ok ? x.replicas : 0;
    });
  };
  for (const f of Object.values(fields)) f.addEventListener('input', recompute);
  void customElements.whenDefined('vscode-textfield').then(recompute);

  const row = (text: string, el: HTMLElement) => h('div', { class: 'row' }, h('vscode-label', {}, text), el);
  const element = h('aside', { class: 'side', 'aria-label': 'Capacity planner' },
    h('h2', {}, 'Capacity planner'),
    row('Target requests / s', fields.rps),
    row('Seconds per request', fields.seconds),
    row('Concurrent requests per container', fields.perContainer),
    row('Target utilization %', fields.utilization),
    result, explanation, chart, button,
  );
  return {
    element,
    update(inputs) {
      (fields.perContainer as HTMLElement & { value: string }).value = String(inputs.maxConcurrentRequestsPerContainer);
      (fields.utilization as HTMLElement & { value: string }).value = String(inputs.targetUtilizationPercent);
      recompute();
    },
  };
}

/** Replicas against requests per second, from 0 to twice the target; the target is marked. */
function drawChart(chart: SVGElement, targetRps: number, replicasAt: (rps: number) => number): void {
  const steps = 24;
  const maxRps = Math.max(targetRps * 2, 1);
  const points = Array.from({ length: steps + 1 }, (_, i) => [(maxRps * i) / steps, replicasAt((maxRps * i) / steps)] as const);
  const maxReplicas = Math.max(1, ...points.map(([, r]) => r));
  const x = (rps: number) => 30 + (rps / maxRps) * 260;
  const y = (r: number) => 120 - (r / maxReplicas) * 105;
  chart.replaceChildren(
    svg('line', { class: 'axis', x1: 30, y1: 120, x2: 290, y2: 120 }),
    svg('line', { class: 'axis', x1: 30, y1: 15, x2: 30, y2: 120 }),
    svg('polyline', { class: 'line', points: points.map(([p, r]) => `${x(p)},${y(r)}`).join(' ') }),
    svg('circle', { class: 'mark', cx: x(targetRps), cy: y(replicasAt(targetRps)), r: 4 }),
  );
  const label = (text: string, attrs: Record<string, number | string>) => { const t = svg('text', attrs); t.textContent = text; chart.append(t); };
  label(`${maxReplicas}`, { x: 2, y: 20 });
  label('0', { x: 18, y: 124 });
  label(`${Math.round(maxRps)} req/s`, { x: 240, y: 136 });
  label('replicas', { x: 34, y: 12 });
}

// The autoscaling status panel: replicas (current / desired / ready / min / max), utilization against its target,
// the autoscaler's conditions in plain words, pending pods with their reasons, the replicas, recent events and a
// chart of replicas and ready replicas over time (inline SVG, theme colours from --vscode-* variables).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ScalingCondition, ServiceStatusSnapshot, StatusPanelContract, StatusUpdate } from '../../src/contract/statusPanel';
import { h, svg } from '../shared/dom';
import { connectToHost } from '../shared/hostBridge';
import { chartGeometry, defaultBox } from './chart';

const bridge = connectToHost<StatusPanelContract>();

void bridge.initialState.then((state) => {
  const app = document.getElementById('app')!;
  const badge = h('span', { class: 'badge', 'data-live': '' });
  const summary = h('span', { class: 'summary', 'data-summary': '' });
  const error = h('div', { class: 'general-problems', role: 'alert', 'data-error': '' });
  const body = h('div', { class: 'status-body' }, h('p', { class: 'muted' }, 'Connecting to the cluster…'));
  const streamLogs = h('vscode-button', { 'data-action': 'streamLogs', secondary: true }, 'Stream Logs');
  const getLogs = h('vscode-button', { 'data-action': 'getLogs', secondary: true }, 'Get Logs…');
  streamLogs.addEventListener('click', () => void bridge.request('streamLogs', null));
  getLogs.addEventListener('click', () => void bridge.request('getLogs', null));
  app.replaceChildren(
    h('h1', {}, state.service),
    h('div', { class: 'subtitle' }, `Autoscaling status in namespace ${state.namespace} on ${state.cluster}`),
    h('div', { class: 'toolbar' }, badge, summary, h('span', { class: 'spacer' }), streamLogs, getLogs),
    error,
    body,
  );
  const showError = (message: string | undefined) => {
    error.textContent = message ?? '';
    if (message) {
      badge.className = 'badge stopped';
      badge.textContent = 'stopped';
    }
  };
  const render = (u: StatusUpdate) => {
    const s = u.snapshot;
    badge.className = `badge ${s.live ? 'live' : 'reconnecting'}`;
    badge.textContent = s.live ? 'live' : 'reconnecting…';
    badge.title = s.live ? 'Following the cluster through its watches' : 'A watch dropped and is reconnecting: the figures are the last ones seen';
    summary.textContent = u.summary;
    body.replaceChildren(...(s.deployed ? sections(s) : [h('p', { class: 'muted', 'data-not-deployed': '' }, `No deployment of ${s.service} in namespace ${s.namespace}.`)]));
    document.body.dataset.updatedAt = s.at;
  };
  if (state.update) render(state.update);
  showError(state.error);
  bridge.on('status', render);
  bridge.on('error', (e) => showError(e.message));
});

function sections(s: ServiceStatusSnapshot): HTMLElement[] {
  const r = s.replicas;
  const card = (field: string, label: string, value: number | string | undefined, hint?: string) =>
    h('div', { class: 'card', title: hint }, h('div', { class: 'value', 'data-field': field }, value === undefined ? '–' : String(value)), h('div', { class: 'label' }, label));
  const replicaCards = h('div', { class: 'cards' },
    card('current', 'current', r.current, 'Replicas that exist now'),
    card('desired', 'desired', r.desired, 'Replicas the autoscaler (or the deployment) asks for'),
    card('ready', 'ready', r.ready, 'Replicas that answer requests'),
    card('min', 'min', r.min, 'The autoscaler never goes below this'),
    card('max', 'max', r.max, 'The autoscaler never goes above this'),
  );
  const out: HTMLElement[] = [replicaCards];
  if (s.utilization) out.push(utilization(s.utilization));
  out.push(section('Replicas over time', chart(s)));
  out.push(section('Autoscaler', s.conditions.length
    ? h('ul', { class: 'conditions' }, ...s.conditions.map(condition))
    : h('p', { class: 'muted' }, r.min === undefined ? 'No autoscaler: the replica count is fixed.' : 'The autoscaler has not reported yet.')));
  if (s.pending.length) {
    out.push(section(`Pending pods (${s.pending.length})`, table(['Pod', 'Reason', 'Details'], s.pending.map((p) => [p.name, p.reason, p.message ?? '']), 'pending')));
  }
  out.push(section(`Replicas (${s.pods.length})`, s.pods.length
    ? table(['Pod', 'Phase', 'Ready'], s.pods.map((p) => [p.name, p.phase, p.ready ? 'yes' : 'no']), 'pod')
    : h('p', { class: 'muted' }, 'No replica.')));
  out.push(section('Recent events', s.events.length
    ? table(['Time', 'Type', 'Reason', 'Object', 'Message'], [...s.events].reverse().map((e) => [e.time ? new Date(e.time).toLocaleTimeString() : '', e.type, e.reason, e.object, `${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`]), 'event')
    : h('p', { class: 'muted' }, 'No recent event.')));
  return out;
}

function section(title: string, content: HTMLElement): HTMLElement {
  return h('section', { class: 'status-section' }, h('h2', {}, title), content);
}

function utilization(u: NonNullable<ServiceStatusSnapshot['utilization']>): HTMLElement {
  const pct = (n: number | undefined) => (n === undefined ? '?' : `${n}%`);
  const scale = Math.max(100, u.current ?? 0, u.target ?? 0);
  const bar = h('div', { class: 'util-bar', role: 'img', 'aria-label': `${u.resource} ${pct(u.current)} of requests, target ${pct(u.target)}` });
  if (u.current !== undefined) bar.append(h('div', { class: `util-fill${u.target !== undefined && u.current > u.target ? ' over' : ''}`, style: `width:${(u.current / scale) * 100}%` }));
  if (u.target !== undefined) bar.append(h('div', { class: 'util-target', style: `left:${(u.target / scale) * 100}%`, title: `target ${u.target}%` }));
  return h('div', { class: 'utilization' },
    h('div', {},
      h('span', { class: 'util-label' }, `${u.resource.toUpperCase()} utilization `),
      h('strong', { 'data-field': 'util-current' }, pct(u.current)),
      ' of requests · target ',
      h('strong', { 'data-field': 'util-target' }, pct(u.target)),
      u.current === undefined ? h('span', { class: 'muted' }, ' (no metric yet: is metrics-server running?)') : '',
    ),
    bar,
  );
}

function condition(c: ScalingCondition): HTMLElement {
  // For AbleToScale and ScalingActive "True" is good; for ScalingLimited it is a warning; any other type (newer
  // controllers add some, e.g. ScaledToZero) is shown as information.
  const icon = c.status === 'Unknown' ? 'question'
    : c.type === 'AbleToScale' || c.type === 'ScalingActive' ? (c.status === 'True' ? 'pass' : 'error')
    : c.type === 'ScalingLimited' ? (c.status === 'True' ? 'warning' : 'pass')
    : 'info';
  const label: Record<string, string> = { AbleToScale: 'Able to scale', ScalingActive: 'Scaling active', ScalingLimited: 'Scaling limited' };
  const words = (type: string) => type.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
  return h('li', { 'data-condition': c.type, 'data-status': c.status, title: [c.reason, c.message].filter(Boolean).join(': ') },
    h('span', { class: `codicon codicon-${icon} cond-${icon}` }),
    h('span', { class: 'cond-type' }, label[c.type] ?? words(c.type)),
    h('span', { class: 'cond-words' }, c.words),
  );
}

function table(head: string[], rows: string[][], kind: string): HTMLElement {
  return h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows.map((row) => h('tr', { [`data-${kind}`]: row[0] }, ...row.map((t) => h('td', {}, t))))),
  );
}

function chart(s: ServiceStatusSnapshot): HTMLElement {
  const box = defaultBox;
  const g = chartGeometry(s.history, s.at, { min: s.replicas.min, max: s.replicas.max }, box);
  const root = svg('svg', { class: 'replica-chart', viewBox: `0 0 ${box.width} ${box.height}`, role: 'img', 'aria-label': 'Replicas and ready replicas over time', 'data-chart-points': g.points });
  for (const t of g.yTicks) {
    root.append(svg('line', { class: 'grid-line', x1: box.left, x2: box.width - box.right, y1: t.y, y2: t.y }));
    const label = svg('text', { x: box.left - 6, y: t.y + 3, 'text-anchor': 'end' });
    label.textContent = t.label;
    root.append(label);
  }
  for (const [cls, y] of [['bound', g.min], ['bound', g.max]] as const) {
    if (y !== undefined) root.append(svg('line', { class: cls, x1: box.left, x2: box.width - box.right, y1: y, y2: y }));
  }
  root.append(svg('path', { class: 'series replicas', d: g.replicas, 'data-series': 'replicas' }));
  root.append(svg('path', { class: 'series ready', d: g.ready, 'data-series': 'ready' }));
  for (const l of g.xLabels) {
    const t = svg('text', { x: l.x, y: box.height - 6, 'text-anchor': l.anchor });
    t.textContent = l.label;
    root.append(t);
  }
  const legend = h('div', { class: 'legend' },
    h('span', { class: 'key replicas' }), 'replicas ',
    h('span', { class: 'key ready' }), 'ready ',
    ...(s.replicas.min !== undefined ? [h('span', { class: 'key bound' }), `autoscale range ${s.replicas.min}–${s.replicas.max ?? '?'}`] : []),
  );
  return h('div', { class: 'chart-box' }, root as unknown as HTMLElement, legend);
}

// "Set Traffic…": one percentage per version and a live bar of the effective shares, computed here by
// core/traffic.ts effectiveTraffic — the function the deploy and every change use — so what the bar shows is
// what Save writes to the route. Problems (over 100 %, bad numbers) disable Save. Unsaved percentages survive a hide
// and show (the page's view state) and a change made elsewhere (the host's `changed` event).
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { TrafficContract, TrafficFormState, TrafficVersionRow } from '../../src/contract/traffic';
import { effectiveTraffic, type EndpointVersion } from '../../src/core/traffic';
import { h } from '../shared/dom';
import { connectToHost } from '../shared/hostBridge';

const bridge = connectToHost<TrafficContract>();
interface ViewState {
  readonly unsaved: Record<string, string>;
}
const COLORS = ['var(--vscode-charts-blue)', 'var(--vscode-charts-orange)', 'var(--vscode-charts-green)', 'var(--vscode-charts-purple)', 'var(--vscode-charts-yellow)', 'var(--vscode-charts-red)'];

/** The text of a field → a percentile (undefined: claims nothing), or a problem. */
function parsePercent(text: string): { value?: number; problem?: string } {
  const t = text.trim();
  if (t === '') return {};
  const n = Number(t);
  if (!Number.isFinite(n)) return { problem: `"${t}" is not a number` };
  return { value: n };
}

void bridge.initialState.then((initial) => {
  let state: TrafficFormState = initial;
  let texts = new Map<string, string>();
  const fields = new Map<string, HTMLElement & { value: string }>();
  const shareCells = new Map<string, HTMLElement>();
  const bar = h('div', { class: 'traffic-bar', role: 'img', 'aria-label': 'Effective traffic shares' });
  const legend = h('div', { class: 'traffic-legend' });
  const problems = h('div', { class: 'general-problems', role: 'alert' });
  const save = h('vscode-button', { 'data-action': 'save' }, 'Save');
  const cancel = h('vscode-button', { 'data-action': 'cancel', secondary: true }, 'Cancel');
  const status = h('span', { class: 'status', 'data-status': '' });
  const rows = h('div', { class: 'traffic-rows' });

  const versionsNow = (): { versions: EndpointVersion[]; problems: string[] } => {
    const out: string[] = [];
    const versions = state.versions.map((v) => {
      const p = parsePercent(texts.get(v.name) ?? '');
      if (p.problem) out.push(`${v.name}: ${p.problem}.`);
      return { name: v.name, trafficPercentile: p.value, isDefault: v.isDefault, isControl: v.isControl };
    });
    return { versions, problems: out };
  };

  const update = () => {
    const { versions, problems: parse } = versionsNow();
    const result = parse.length ? { ok: false as const, problems: parse } : effectiveTraffic(versions);
    if (!result.ok) {
      problems.replaceChildren(...result.problems.map((p) => h('div', { class: 'message error' }, p)));
      bar.replaceChildren(h('div', { class: 'traffic-invalid' }, 'Fix the percentages to see the shares.'));
      bar.dataset.valid = 'false';
      for (const c of shareCells.values()) c.textContent = '—';
      save.setAttribute('disabled', '');
      legend.textContent = '';
      return;
    }
    problems.replaceChildren();
    bar.dataset.valid = 'true';
    bar.replaceChildren(
      ...result.shares.map((s, i) => {
        const seg = h('div', { class: 'traffic-segment', 'data-segment': s.name, 'data-weight': s.weight, title: s.explanation }, s.weight >= 8 ? `${s.name} ${s.weight}%` : '');
        seg.style.width = `${s.weight}%`;
        seg.style.background = COLORS[i % COLORS.length];
        return seg;
      }),
    );
    for (const s of result.shares) {
      const cell = shareCells.get(s.name);
      if (cell) {
        cell.textContent = `${s.weight}%`;
        cell.title = s.explanation;
        cell.dataset.weight = String(s.weight);
      }
    }
    legend.textContent = `${result.shares.map((s) => s.explanation).join(' ')} ${result.rounding}`;
    const changed = state.versions.some((v) => (texts.get(v.name) ?? '') !== textOf(v));
    if (changed) save.removeAttribute('disabled');
    else save.setAttribute('disabled', '');
  };

  const textOf = (v: TrafficVersionRow) => (v.trafficPercentile === undefined ? '' : String(v.trafficPercentile));
  /** The fields the user changed and has not saved. */
  const unsaved = (): Record<string, string> => Object.fromEntries(state.versions.filter((v) => (texts.get(v.name) ?? '') !== textOf(v)).map((v) => [v.name, texts.get(v.name) ?? '']));
  const remember = () => bridge.saveViewState<ViewState>({ unsaved: unsaved() });

  const render = (keep: Record<string, string> = {}) => {
    texts = new Map(state.versions.map((v) => [v.name, v.name in keep ? keep[v.name] : textOf(v)]));
    fields.clear();
    shareCells.clear();
    rows.replaceChildren(
      h('div', { class: 'traffic-row traffic-head' }, h('span', {}, 'Version'), h('span', {}, 'Claims (%)'), h('span', {}, 'Effective'), h('span', {}, 'Ready')),
      ...state.versions.map((v) => {
        const field = h('vscode-textfield', { type: 'number', min: 0, max: 100, step: 'any', placeholder: 'none', value: texts.get(v.name) ?? '', 'data-version': v.name, 'aria-label': `Traffic percentile of ${v.name}` }) as HTMLElement & { value: string };
        const onInput = () => {
          texts.set(v.name, field.value);
          status.textContent = '';
          update();
          remember();
        };
        field.addEventListener('input', onInput);
        field.addEventListener('change', onInput);
        fields.set(v.name, field);
        const share = h('span', { class: 'traffic-share', 'data-share': v.name });
        shareCells.set(v.name, share);
        const tags = [v.isControl ? 'control' : 'treatment', ...(v.isDefault ? ['default'] : [])];
        const ready = `${v.readiness.ready}/${v.readiness.desired}`;
        return h(
          'div',
          { class: 'traffic-row', 'data-row': v.name },
          h('span', { class: 'traffic-name' }, v.name, ...tags.map((t) => h('vscode-badge', { variant: t === 'default' ? 'counter' : 'default' }, t))),
          field,
          share,
          h('span', { class: v.readiness.isReady ? 'ready' : 'message warning', title: v.readiness.isReady ? 'ready' : 'not ready: it cannot gain traffic until it is' }, ready),
        );
      }),
    );
    update();
    if (state.focus) fields.get(state.focus)?.focus();
  };

  save.addEventListener('click', () => {
    if (save.hasAttribute('disabled')) return;
    const percentiles: Record<string, number | null> = {};
    for (const v of state.versions) percentiles[v.name] = parsePercent(texts.get(v.name) ?? '').value ?? null;
    status.className = 'status';
    status.textContent = 'Saving…';
    save.setAttribute('disabled', '');
    bridge.request('save', { percentiles }).then(
      (r) => {
        state = { ...r.state, focus: undefined };
        render();
        remember();
        status.textContent = r.message;
      },
      (err: Error) => {
        status.className = 'status has-errors';
        status.textContent = err.message;
        update();
      },
    );
  });
  cancel.addEventListener('click', () => void bridge.request('cancel', null));
  bridge.on('changed', ({ state: next, message }) => {
    const keep = unsaved();
    state = { ...next, focus: undefined };
    render(keep);
    status.className = 'status';
    status.textContent = message;
  });

  document.getElementById('app')!.replaceChildren(
    h('h1', {}, `Traffic of ${state.endpoint}`),
    h(
      'div',
      { class: 'subtitle' },
      `Namespace ${state.namespace} on ${state.clusterLabel}. Each version claims a percentage; what no version claims goes to the default. The bar shows the weights the route will get.`,
    ),
    h('div', { class: 'toolbar' }, save, cancel, status),
    problems,
    bar,
    rows,
    ...(state.unrouted.length ? [h('div', { class: 'message warning' }, `Not routed yet (still rolling out, or failed): ${state.unrouted.join(', ')}.`)] : []),
    h('div', { class: 'traffic-legend-wrap' }, legend),
  );
  render(bridge.viewState<ViewState>()?.unsaved);
});

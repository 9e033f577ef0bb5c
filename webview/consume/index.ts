// "Consume": the service's URIs, auth mode, client snippets (key as a placeholder) and the schema from its
// swagger.json. Copy buttons ask the host; "Copy with key" is filled by the host for that one copy, so the key is
// never in this page or its state.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import type { ConsumeContract, ConsumeState, CopyWhat, SchemaRow } from '../../src/contract/consume';
import type { SnippetKind } from '../../src/core/consumeSnippets';
import { h } from '../shared/dom';
import { connectToHost } from '../shared/hostBridge';

const bridge = connectToHost<ConsumeContract>();
const LABELS: Record<SnippetKind, string> = { curl: 'curl', python: 'Python (requests)', csharp: 'C# (HttpClient)' };

const style = document.createElement('style');
style.textContent = `
.uri-row { display: grid; grid-template-columns: 140px minmax(0, 1fr) auto; gap: 8px; align-items: center; padding: 4px 0; }
.uri-row code { overflow-wrap: anywhere; }
.muted { color: var(--vscode-descriptionForeground); }
pre.snippet { background: var(--vscode-textCodeBlock-background); padding: 10px; overflow-x: auto; margin: 8px 0; }
.buttons { display: flex; gap: 8px; align-items: center; }
.copy-status { margin-left: 8px; color: var(--vscode-descriptionForeground); }
h2 { font-size: 1.1em; font-weight: 600; margin: 20px 0 6px; }
`;
document.head.append(style);

function statusLine(): HTMLElement {
  return h('span', { class: 'copy-status', role: 'status' });
}

async function copy(what: CopyWhat, withKey: boolean, status: HTMLElement): Promise<void> {
  status.textContent = '…';
  try {
    status.textContent = (await bridge.request('copy', { what, withKey })).message;
  } catch (e) {
    status.textContent = e instanceof Error ? e.message : String(e);
  }
}

function uriRow(label: string, value: string | undefined, what: CopyWhat | undefined, note?: string): HTMLElement {
  const status = statusLine();
  const button = what && value ? h('vscode-button', { secondary: true, 'data-copy': what }, 'Copy') : h('span');
  button.addEventListener('click', () => what && void copy(what, false, status));
  return h('div', { class: 'uri-row' }, h('span', { class: 'muted' }, label), value ? h('code', {}, value) : h('span', { class: 'muted' }, note ?? 'none yet'), h('span', {}, button, status));
}

function schemaTable(title: string, rows: readonly SchemaRow[]): HTMLElement {
  if (rows.length === 0) return h('div', {}, h('h3', {}, title), h('div', { class: 'muted' }, 'Not declared.'));
  return h(
    'div',
    {},
    h('h3', {}, title),
    h(
      'vscode-table',
      { zebra: true, 'bordered-columns': true, columns: JSON.stringify(['40%', '25%', '35%']) },
      h('vscode-table-header', { slot: 'header' }, h('vscode-table-header-cell', {}, 'Field'), h('vscode-table-header-cell', {}, 'Type'), h('vscode-table-header-cell', {}, 'Example')),
      h('vscode-table-body', { slot: 'body' }, ...rows.map((r) => h('vscode-table-row', {}, h('vscode-table-cell', {}, r.path), h('vscode-table-cell', {}, r.type), h('vscode-table-cell', {}, r.example ?? '')))),
    ),
  );
}

function render(s: ConsumeState): HTMLElement {
  const name = `${s.service}${s.version ? `/${s.version}` : ''}`;
  const auth = s.authMode === 'none' ? 'none' : s.authMode === 'key' ? 'key (Authorization: Bearer <key>)' : 'token (Authorization: Bearer <token>, refresh before it expires)';
  const inClusterOnly = s.addresses.every((a) => a.exposure === 'cluster');
  const tabs = h('vscode-tabs', { 'selected-index': 0 });
  for (const kind of Object.keys(LABELS) as SnippetKind[]) {
    const status = statusLine();
    const plain = h('vscode-button', { secondary: true, 'data-copy': kind }, 'Copy');
    plain.addEventListener('click', () => void copy(kind, false, status));
    const buttons = h('div', { class: 'buttons' }, plain);
    if (s.authMode !== 'none') {
      const withKey = h('vscode-button', { 'data-copy-key': kind }, s.authMode === 'key' ? 'Copy with key' : 'Copy with a token');
      withKey.addEventListener('click', () => void copy(kind, true, status));
      buttons.append(withKey);
    }
    buttons.append(status);
    tabs.append(h('vscode-tab-header', { slot: 'header' }, LABELS[kind]), h('vscode-tab-panel', {}, h('pre', { class: 'snippet', 'data-snippet': kind }, s.snippets[kind]), buttons));
  }
  return h(
    'div',
    {},
    h('h1', {}, `Consume ${name}`),
    h('div', { class: 'subtitle' }, `namespace ${s.namespace} on ${s.clusterLabel}`),
    h('h2', {}, 'Endpoint'),
    uriRow('Scoring URI', s.scoringUri, 'scoringUri', s.addresses.find((a) => a.waiting)?.waiting),
    uriRow('Swagger URI', s.swaggerUri, 'swaggerUri'),
    h('div', { class: 'uri-row' }, h('span', { class: 'muted' }, 'Auth'), h('span', { 'data-auth': s.authMode }, auth), h('span')),
    ...s.addresses
      .filter((a) => a.scoringUri !== s.scoringUri || a.version)
      .map((a) => uriRow(`${a.exposure}${a.version ? ` (${a.version})` : ''}`, a.scoringUri, undefined, a.waiting)),
    ...(inClusterOnly ? [h('div', { class: 'muted' }, 'This address answers inside the cluster. From this machine, Send Test Request reaches it through a port-forward.')] : []),
    h('h2', {}, 'Consume'),
    tabs,
    h('h2', {}, 'Schema'),
    s.schema.status === 'ok'
      ? h('div', { 'data-schema': 'ok' }, schemaTable('Input', s.schema.input), schemaTable('Output', s.schema.output))
      : h('div', { class: 'muted', 'data-schema': 'none' }, `No schema: ${s.schema.message ?? 'none declared'}.`),
  );
}

void bridge.initialState.then((state) => {
  document.getElementById('app')?.replaceChildren(render(state));
});

// The config wizards (inference and deployment): a form generated from the core field tables, validated live by
// the host with the core parser, saved only when it has no errors. Unsaved input survives a hide and show (the page
// is reloaded then, from the file as it is now, plus the fields the user changed: the page's view state).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ConfigWizardContract, ValidationReport } from '../../src/contract/configWizard';
import { formFields, type FormField, type FormValues } from '../../src/core/config/formModel';
import { h } from '../shared/dom';
import { connectToHost } from '../shared/hostBridge';
import { capacityPlanner } from './capacityPlanner';
import { fieldControl, type FieldView } from './fieldControl';

const GROUP_TITLES: Record<string, string> = {
  general: 'General',
  legacy: 'Legacy form (instead of environment)',
  autoScaler: 'Autoscale',
  containerResourceRequirements: 'Resources',
  livenessProbeRequirements: 'Liveness probe',
  dataCollection: 'Data collection',
  keys: 'Keys',
  environment: 'Environment',
  baseImageRegistry: 'Legacy form: base image registry',
};
const LEGACY_INFERENCE = new Set(['runtime', 'condaFile', 'extraDockerfileSteps', 'enableGpu', 'cudaVersion', 'baseImage']);

const bridge = connectToHost<ConfigWizardContract>();

void bridge.initialState.then((state) => {
  const fields = formFields(state.kind);
  // The file as the host read it now, with the user's unsaved changes from before the panel was hidden.
  const values: FormValues = { ...state.values, ...bridge.viewState<{ unsaved: FormValues }>()?.unsaved };
  const remember = () => {
    const unsaved = Object.fromEntries(Object.entries(values).filter(([k, v]) => (state.values[k] ?? '') !== (v ?? '')));
    bridge.saveViewState({ unsaved, drop: [...drop] });
  };
  const views = new Map<string, FieldView>();
  let validation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // Unknown keys the user chose to remove on Save (renamed into their field, or dropped).
  const drop = new Set<string>(bridge.viewState<{ drop?: string[] }>()?.drop ?? []);
  const save = h('vscode-button', { 'data-action': 'save', disabled: true }, 'Save');
  const cancel = h('vscode-button', { 'data-action': 'cancel', secondary: true }, 'Cancel');
  const status = h('span', { class: 'status', 'data-status': '' }, 'Checking…');
  const general = h('div', { class: 'general-problems', role: 'alert' });

  const render = (report: ValidationReport) => {
    for (const [path, view] of views) view.setMessages(report.byField[path] ?? []);
    general.replaceChildren(...report.general.map((p) => h('div', { class: `message ${p.severity}` }, p.path ? `${p.path}: ${p.message}` : p.message)));
    const warnings = Object.values(report.byField).flat().filter((m) => m.severity === 'warning').length + report.general.filter((p) => p.severity === 'warning').length;
    status.className = `status${report.errorCount ? ' has-errors' : ''}`;
    status.textContent = report.errorCount
      ? `${report.errorCount} error${report.errorCount === 1 ? '' : 's'}: fix ${report.errorCount === 1 ? 'it' : 'them'} to save`
      : `No errors${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
    if (report.errorCount) save.setAttribute('disabled', ''); else save.removeAttribute('disabled');
  };
  const validate = () => {
    const id = ++validation;
    void bridge.request('validate', { values }).then((report) => { if (id === validation) render(report); });
  };
  const changed = (path: string, text: string) => {
    // A text field also fires `change` when it loses focus, e.g. to the Save button: same value, nothing to do.
    if ((values[path] ?? '') === text) return;
    values[path] = text;
    remember();
    // Until the host has checked the new value, neither the old verdict nor Save may stand.
    save.setAttribute('disabled', '');
    status.className = 'status';
    status.textContent = 'Checking…';
    clearTimeout(timer);
    timer = setTimeout(validate, 80);
    if (path === 'maxConcurrentRequestsPerContainer' || path === 'autoScaler.targetUtilization') planner?.update(plannerInputs());
  };

  const groupOf = (f: FormField) => (state.kind === 'inference' && f.group === 'general' && LEGACY_INFERENCE.has(f.path) ? 'legacy' : f.group);
  const groups = new Map<string, FormField[]>();
  for (const f of fields) groups.set(groupOf(f), [...(groups.get(groupOf(f)) ?? []), f]);
  const sections = [...groups].map(([group, list]) => {
    const section = h('vscode-collapsible', { class: 'section', heading: GROUP_TITLES[group] ?? group, open: group !== 'legacy' && group !== 'baseImageRegistry', 'data-group': group });
    for (const f of list) {
      const view = fieldControl(f, values[f.path] ?? '', state.folderFiles, (text) => changed(f.path, text));
      views.set(f.path, view);
      section.append(view.row);
    }
    return section;
  });

  const plannerInputs = () => ({
    maxConcurrentRequestsPerContainer: Number(values.maxConcurrentRequestsPerContainer) || 1,
    targetUtilizationPercent: Number(values['autoScaler.targetUtilization']) || 70,
  });
  const planner = state.kind === 'deployment'
    ? capacityPlanner(plannerInputs(), (replicas) => {
        const setField = (path: string, text: string) => { views.get(path)?.setValue(text); changed(path, text); };
        setField('autoScaler.maxReplicas', String(replicas));
        if (!values['autoScaler.minReplicas'] || Number(values['autoScaler.minReplicas']) > replicas) setField('autoScaler.minReplicas', '1');
      })
    : undefined;

  save.addEventListener('click', () => {
    if (save.hasAttribute('disabled')) return;
    status.textContent = 'Saving…';
    bridge.request('save', { values, drop: [...drop] }).then(
      (r) => {
        status.textContent = `Saved ${r.displayPath}`;
        // Saved: the file holds these values now, so a reload (hide and show) reads them from the file.
        Object.assign(state.values, values);
        drop.clear();
        remember();
      },
      (err: Error) => { status.className = 'status has-errors'; status.textContent = err.message; },
    );
  });
  cancel.addEventListener('click', () => void bridge.request('cancel', null));

  // Keys the file has that no field knows: a misspelled one would stay beside the field the form writes.
  const unknownSection = () => {
    if (state.unknownKeys.length === 0) return [];
    const rows = state.unknownKeys.map((u) => {
      const note = h('span', { class: 'message', 'data-unknown-note': u.path });
      const row = h('div', { class: 'unknown-key', 'data-unknown': u.path }, h('code', {}, `${u.path}: ${u.value}`), ' ');
      const mark = (text: string) => {
        drop.add(u.path);
        note.textContent = text;
        for (const b of row.querySelectorAll('vscode-button')) b.setAttribute('disabled', '');
        remember();
        validate();
      };
      if (u.suggestion) {
        const target = u.suggestion;
        const rename = h('vscode-button', { 'data-unknown-action': 'rename', secondary: true }, `Rename to ${target}`);
        rename.addEventListener('click', () => {
          if (!values[target]) {
            views.get(target)?.setValue(u.value);
            changed(target, u.value);
          }
          mark(`renamed: its value is in ${target}; the old key goes on Save.`);
        });
        row.append(rename, ' ');
      }
      const remove = h('vscode-button', { 'data-unknown-action': 'drop', secondary: true }, 'Drop');
      remove.addEventListener('click', () => mark('dropped: it goes on Save.'));
      row.append(remove, ' ', note);
      if (drop.has(u.path)) note.textContent = 'removed on Save.';
      return row;
    });
    return [
      h('vscode-collapsible', { class: 'section', heading: 'Keys this form does not know', open: true, 'data-group': 'unknownKeys' },
        h('div', { class: 'subtitle' }, 'Azure ML v1 ignores these keys. A misspelled key goes on Save whenever its field is written, so the file never holds both.'),
        ...rows),
    ];
  };

  const title = state.kind === 'inference' ? 'Inference configuration' : 'Deployment configuration';
  document.getElementById('app')!.replaceChildren(
    h('h1', {}, title),
    h('div', { class: 'subtitle' }, `${state.exists ? 'Editing' : 'Creating'} ${state.displayPath}. Fields left empty are not written and take their default.`),
    h('div', { class: 'toolbar' }, save, cancel, status),
    general,
    ...unknownSection(),
    h('div', { class: planner ? 'layout' : 'layout single' }, h('div', { class: 'form' }, ...sections), ...(planner ? [planner.element] : [])),
  );
  validate();
});

// The host side of the config wizards: loads the file into the form, validates with the core parser, writes
// only the fields the form manages, one panel per file.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigWizardContract, ValidationReport } from '../../contract/configWizard';
import type { ConfigKind } from '../../core/config/configKind';
import type { FormValues } from '../../core/config/formModel';
import { configEngine } from '../engines';
import type { UiContext } from '../uiContext';
import { PanelHost } from './panelHost';

const open = new Map<string, PanelHost<ConfigWizardContract>>();
const IGNORED_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', '.mypy_cache']);

export function openConfigWizard(ui: UiContext, kind: ConfigKind, file: vscode.Uri): PanelHost<ConfigWizardContract> {
  const existing = open.get(file.fsPath);
  if (existing) {
    existing.panel.reveal();
    return existing;
  }
  const fields = configEngine().formFields(kind);
  const title = `${kind === 'inference' ? 'Inference' : 'Deployment'} Config: ${path.basename(path.dirname(file.fsPath))}`;
  const host: PanelHost<ConfigWizardContract> = new PanelHost<ConfigWizardContract>({
    extensionUri: ui.extension.extensionUri,
    viewType: `aksModel.${kind}ConfigWizard`,
    title,
    entry: 'configWizard',
    log: ui.log,
    initialState: () => {
      const text = readText(file.fsPath);
      const engine = configEngine();
      return {
        kind,
        displayPath: vscode.workspace.asRelativePath(file, true),
        exists: text !== undefined,
        values: engine.formValuesFromDocument(engine.plainDocument(text ?? ''), fields),
        folderFiles: listFiles(path.dirname(file.fsPath)),
        unknownKeys: unknownKeysOf(kind, file.fsPath, text ?? ''),
      };
    },
    handlers: {
      validate: ({ values }) => validate(kind, file.fsPath, values),
      save: async ({ values, drop }) => {
        const report = validate(kind, file.fsPath, values);
        if (report.errorCount > 0) throw new Error(`Not saved: the form has ${report.errorCount} error(s).`);
        const original = readText(file.fsPath) ?? '';
        const engine = configEngine();
        const dropped = engine.keysToDrop(unknownKeysOf(kind, file.fsPath, original), drop ?? [], values);
        const text = engine.writeFormToText(original, file.fsPath, values, fields, dropped);
        if (dropped.length) ui.log.info(`[wizard] removed from ${file.fsPath}: ${dropped.join(', ')}`);
        await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
        ui.log.info(`[wizard] wrote ${file.fsPath}`);
        ui.localModels.refresh();
        await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
        return { displayPath: vscode.workspace.asRelativePath(file, true) };
      },
      cancel: () => {
        host.panel.dispose();
        return null;
      },
    },
  });
  open.set(file.fsPath, host);
  host.panel.onDidDispose(() => open.delete(file.fsPath));
  return host;
}

function validate(kind: ConfigKind, fileName: string, values: FormValues): ValidationReport {
  const engine = configEngine();
  const fields = engine.formFields(kind);
  const text = JSON.stringify(engine.documentFromFormValues(values, fields));
  const options = { fileName, kind, fileExists: (p: string) => fs.existsSync(p), readFile: (p: string) => readText(p) };
  const problems = kind === 'inference' ? engine.parseInferenceConfig(text, options).problems : engine.parseDeploymentConfig(text, options).problems;
  const { byField, general } = engine.problemsByField(problems, fields);
  const strip = (p: { severity: 'error' | 'warning'; message: string }) => ({ severity: p.severity, message: p.message });
  return {
    byField: Object.fromEntries([...byField].map(([k, v]) => [k, v.map(strip)])),
    general: general.map((p) => ({ ...strip(p), path: p.path })),
    errorCount: problems.filter((p) => p.severity === 'error').length,
  };
}

function unknownKeysOf(kind: ConfigKind, fileName: string, text: string) {
  if (text.trim() === '') return [];
  const engine = configEngine();
  const problems = (kind === 'inference' ? engine.parseInferenceConfig : engine.parseDeploymentConfig)(text, { fileName, kind }).problems;
  return engine.unknownKeys(problems, text, engine.formFields(kind));
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function listFiles(root: string, limit = 2000): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (out.length >= limit) return;
      if (e.isDirectory()) { if (!IGNORED_DIRS.has(e.name)) walk(path.join(dir, e.name), `${rel}${e.name}/`); }
      else out.push(`${rel}${e.name}`);
    }
  };
  try { walk(root, ''); } catch { /* an unreadable folder offers no files */ }
  return out.sort();
}

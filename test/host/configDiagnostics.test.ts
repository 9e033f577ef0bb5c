import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, workspaceRoot } from './support';

describe('config diagnostics in the editor', () => {
  it('publishes the core parser problems of a broken deploymentconfig.json, with the range of the field', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'broken-model', 'deploymentconfig.json');
    const text = '{\n  "computeType": "aks",\n  "autoScaler": { "autoscaleEnabled": true, "minReplicas": 5, "maxReplicas": 2 },\n  "authEnabled": true,\n  "tokenAuthEnabled": true\n}\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    await vscode.window.showTextDocument(uri);
    const diagnostics = await eventually('diagnostics for the broken file', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'AKS Model Deploy' || /minReplicas|tokenAuthEnabled/.test(x.message));
      return d.length >= 2 && d;
    });
    const min = diagnostics.find((d) => /minReplicas/.test(d.message));
    assert.ok(min, diagnostics.map((d) => d.message).join(' | '));
    assert.equal(min.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(min.range.start.line, 2, 'the autoScaler line');
    assert.ok(diagnostics.some((d) => /tokenAuthEnabled|authEnabled/.test(d.message) && d.range.start.line >= 3));
  });

  it('clears the problems once the file is fixed in the editor', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'broken-model', 'deploymentconfig.json');
    const editor = await vscode.window.showTextDocument(uri);
    const fixed = '{\n  "computeType": "aks",\n  "autoScaler": { "autoscaleEnabled": true, "minReplicas": 1, "maxReplicas": 2 },\n  "authEnabled": true\n}\n';
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), fixed));
    await eventually('the diagnostics to clear', () => vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length === 0);
  });

  it('checks YAML configs too, and stays quiet on JSON files that are not configs', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'not-a-config.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('{ "name": "x", "minReplicas": "many" }\n'));
    await vscode.window.showTextDocument(uri);
    // A broken YAML config opened after it: once its problems show, the JSON file has had its turn too.
    const yamlConfig = vscode.Uri.joinPath(workspaceRoot(), 'yaml-model', 'dc.yml');
    await vscode.workspace.fs.writeFile(yamlConfig, Buffer.from('computeType: aks\nnumReplicas: -1\n'));
    await vscode.window.showTextDocument(yamlConfig);
    await eventually('diagnostics for the YAML config', () => vscode.languages.getDiagnostics(yamlConfig).some((d) => /numReplicas/.test(d.message)));
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AKS Model Deploy'), []);
  });
});

describe('JSON editor IntelliSense from the contributed schemas', () => {
  it('completes deploymentconfig.json fields and shows the default on hover', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'schema-model', 'deploymentconfig.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('{\n  "computeType": "aks",\n  \n}\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const labels = await eventually('schema completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(2, 2));
      const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
      return names.includes('autoScaler') && names;
    }, 30_000);
    for (const f of ['containerResourceRequirements', 'scoringTimeoutMs', 'maxConcurrentRequestsPerContainer']) assert.ok(labels.includes(f), f);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /aks/i, `hover: ${text}`);
  });
});

describe('config Quick Fixes in the editor', () => {
  it('"Did you mean" renames the key and an out-of-range value is set to its bound, each in one Quick Fix', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'quickfix-model', 'deploymentconfig.json');
    const text = '{\n  "computeType": "aks",\n  "autoScaler": {\n    "autoscaleEnabled": true,\n    "minReplicas": 0,\n    "maxReplica": 5\n  }\n}\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AKS Model Deploy');
    const fixAt = async (message: RegExp, title: string) => {
      const d = await eventually(`a diagnostic ${message}`, () => ours().find((x) => message.test(x.message)));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const action = actions.find((a) => a.title === title);
      assert.ok(action?.edit, `Quick Fixes offered: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
    };
    await fixAt(/Did you mean "maxReplicas"/, 'Rename to "maxReplicas"');
    assert.match(doc.getText(), /"maxReplicas": 5/);
    assert.doesNotMatch(doc.getText(), /"maxReplica"/);
    await fixAt(/minReplicas must be/, 'Set minReplicas to 1');
    assert.match(doc.getText(), /"minReplicas": 1/);
    await eventually('no problem left', () => ours().length === 0);
  });
});

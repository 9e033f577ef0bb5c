import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TestRequestResult } from '../../src/local';
import { cacheRoot, prepareSample, runBodyLine } from '../integration/local/sampleModel';
import { activateExtension } from './support';

const BUILTIN_TYPE = 'aksModel-python';

interface Stopped { readonly session: vscode.DebugSession; readonly threadId: number }
interface Frame { id: number; name: string; line: number; source?: { path?: string } }
interface Variable { name: string; value: string; variablesReference: number }

/** Resolves with the first `stopped` event the adapter of the given debug type sends to VS Code. */
function nextStop(type: string, disposables: vscode.Disposable[]): Promise<Stopped> {
  return new Promise((resolve) => {
    disposables.push(vscode.debug.registerDebugAdapterTrackerFactory(type, {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: { type?: string; event?: string; body?: { threadId?: number } }) => {
          if (m.type === 'event' && m.event === 'stopped') resolve({ session, threadId: m.body?.threadId ?? 0 });
        },
      }),
    }));
  });
}

function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

// Debug Locally in an editor without the Python Debugger extension (this code-server has none): the extension's
// own debug type attaches to the service's debugpy, and a breakpoint set through VS Code stops run().
describe('Debug Locally without the Python Debugger extension (built-in aksModel-python debug type)', function () {
  this.timeout(900_000);
  const project = path.join(cacheRoot, 'host-debug-project', 'sklearn-iris');
  const config = () => vscode.workspace.getConfiguration('aksModel');
  const disposables: vscode.Disposable[] = [];

  before(async () => {
    await activateExtension();
    if (!fs.existsSync(path.join(project, 'model'))) {
      const sample = await prepareSample();
      fs.rmSync(project, { recursive: true, force: true });
      fs.cpSync(sample.dir, project, { recursive: true });
    }
    await config().update('local.storageDir', path.join(cacheRoot, 'host-storage'), vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    for (const d of disposables) d.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await vscode.debug.stopDebugging();
    await vscode.commands.executeCommand('aksModel.stopLocal', vscode.Uri.file(project)).then(undefined, () => undefined);
    await config().update('local.storageDir', undefined, vscode.ConfigurationTarget.Global);
  });

  it('contributes a Python debug type of its own and breakpoints for Python files', () => {
    assert.equal(vscode.extensions.getExtension('ms-python.debugpy'), undefined, 'this host must not have the Python Debugger, or the fallback is not exercised');
    const pkg = vscode.extensions.getExtension('aks-model-deploy.aks-model-deploy')!.packageJSON as { contributes: { debuggers: { type: string }[]; breakpoints: { language: string }[] } };
    assert.ok(pkg.contributes.debuggers.some((d) => d.type === BUILTIN_TYPE));
    assert.ok(pkg.contributes.breakpoints.some((b) => b.language === 'python'));
  });

  it('attaches with that type, stops at a breakpoint in run() with the request data, then answers on continue', async () => {
    const score = vscode.Uri.file(path.join(project, 'score.py'));
    // The line after `rows = np.array(...)`: raw_data and rows both hold the request's data there.
    const line0 = runBodyLine(project);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(score, new vscode.Position(line0, 0)))]);
    const stop = nextStop(BUILTIN_TYPE, disposables);
    const started = await vscode.commands.executeCommand<{ url: string; mode: string }>('aksModel.debugLocally', score, 'process');
    assert.equal(started?.mode, 'process');
    const session = vscode.debug.activeDebugSession;
    assert.equal(session?.type, BUILTIN_TYPE, `the session that Debug Locally started: ${session?.type}`);

    const request = Promise.resolve(vscode.commands.executeCommand<TestRequestResult>('aksModel.sendTestRequest', vscode.Uri.file(project)));
    const stopped = await within('the breakpoint in run() to be hit', 120_000, stop);
    assert.equal(stopped.session.id, session!.id);

    const { stackFrames } = (await stopped.session.customRequest('stackTrace', { threadId: stopped.threadId, levels: 1 })) as { stackFrames: Frame[] };
    const top = stackFrames[0];
    assert.equal(top.name, 'run');
    assert.equal(top.line, line0 + 1);
    // In code-server the workbench hands source paths back as vscode-remote:// URIs.
    const framePath = top.source?.path ?? '';
    assert.equal(framePath.includes('://') ? vscode.Uri.parse(framePath).fsPath : framePath, score.fsPath);
    const { scopes } = (await stopped.session.customRequest('scopes', { frameId: top.id })) as { scopes: { name: string; variablesReference: number }[] };
    const locals = scopes.find((s) => /local/i.test(s.name)) ?? scopes[0];
    const { variables } = (await stopped.session.customRequest('variables', { variablesReference: locals.variablesReference })) as { variables: Variable[] };
    const rawData = variables.find((v) => v.name === 'raw_data');
    assert.ok(rawData, `locals: ${variables.map((v) => v.name).join(', ')}`);
    // sample-request.json, as sent: {"data": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]} (pretty-printed).
    assert.match(rawData.value, /"data"[\s\S]*5\.1[\s\S]*6\.7/, `raw_data = ${rawData.value}`);
    const rows = variables.find((v) => v.name === 'rows');
    assert.match(rows?.value ?? '', /5\.1\s*,\s*3\.5[\s\S]*6\.7/, `rows = ${rows?.value}`);

    await stopped.session.customRequest('continue', { threadId: stopped.threadId });
    const result = await within('the scored answer after continue', 60_000, request);
    assert.equal(result.status, 200, result.body);
    assert.deepEqual((result.json as { predictions: number[] }).predictions, [0, 2]);

    const ended = new Promise<void>((resolve) => disposables.push(vscode.debug.onDidTerminateDebugSession((s) => s.id === session!.id && resolve())));
    await vscode.debug.stopDebugging(session);
    await within('the debug session to end', 30_000, ended);
  });
});

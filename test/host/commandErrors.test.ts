// The shared command wrapper in the real extension host: every contributed command is registered from the one
// table, and a cancellation that crossed from the workbench (a cancelled Azure sign-in dialog) is silent.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isCancellation, runCommand } from '../../src/ui/runCommand';
import type { ExtensionLog } from '../../src/ui/log';
import { activateExtension, EXTENSION_ID } from './support';

function recordingLog(): ExtensionLog & { lines: string[] } {
  const lines: string[] = [];
  const add = (level: string) => (m: string) => void lines.push(`${level} ${m}`);
  return { lines, channel: undefined as unknown as vscode.LogOutputChannel, trace: add('trace'), debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}

describe('commands: registry and error wrapper in the extension host', () => {
  before(async () => { await activateExtension(); });

  it('registers every command package.json contributes', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  it('a sign-in cancelled in VS Code\'s dialog is silent: no "Canceled" error toast', async () => {
    // What authentication.getSession rejects with when the user cancels its dialog: VS Code's CancellationError,
    // which reaches the extension host as a plain Error named and saying "Canceled" (its class is lost on the way).
    const crossed = Object.assign(new Error('Canceled'), { name: 'Canceled' });
    assert.ok(!(crossed instanceof vscode.CancellationError));
    assert.ok(isCancellation(crossed));
    const log = recordingLog();
    const result = await runCommand(log, 'aksModel.azure.signIn', () => Promise.reject(crossed));
    assert.equal(result, undefined);
    assert.deepEqual(log.lines.filter((l) => l.startsWith('error')), [], 'nothing reported as a failure');
    assert.ok(log.lines.some((l) => l === 'info [command] aksModel.azure.signIn cancelled'), log.lines.join('\n'));
  });

  it('an error merely saying "Canceled" with another name is still reported', async () => {
    assert.ok(!isCancellation(new Error('Canceled')));
    const log = recordingLog();
    await runCommand(log, 'aksModel.refresh', () => Promise.reject(new Error('Canceled')));
    assert.ok(log.lines.some((l) => l.startsWith('error [command] aksModel.refresh failed')));
  });
});

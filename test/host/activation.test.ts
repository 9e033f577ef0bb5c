import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension } from './support';

describe('extension in the VS Code host', () => {
  it('activates', async () => {
    await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('registers every command its manifest contributes, and no other aksModel command', async () => {
    await activateExtension();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('aksModel.') && !c.includes('.focus') && !c.endsWith('.resetViewLocation') && !c.endsWith('.toggleVisibility') && !c.endsWith('.removeView') && !c.endsWith('.open')).sort();
    assert.deepEqual(registered, contributed);
  });
});

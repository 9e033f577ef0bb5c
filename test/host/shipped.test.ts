// What the extension loads from its own folder. The artifacts tier runs this against the installed .vsix, where a
// file left out of the package (.vscodeignore) or a broken `main` fails it; the host tier runs it against the repo.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PanelHost } from '../../src/ui/webviews/panelHost';
import type { ConfigWizardContract } from '../../src/contract/configWizard';
import { EXTENSION_ID, activateExtension, workspaceRoot } from './support';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  return ext;
}

/** The bundles reachable from `main` through require("./x.js") (the lazy engines, see src/ui/engines.ts). */
function lazyBundles(ext: vscode.Extension<unknown>): string[] {
  const main = path.resolve(ext.extensionPath, (ext.packageJSON as { main: string }).main);
  const seen = new Set<string>();
  const queue = [main.endsWith('.js') ? main : `${main}.js`];
  while (queue.length) {
    const file = queue.shift()!;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/require\("(\.\/[^"]+\.js)"\)/g)) {
      const next = path.resolve(path.dirname(file), m[1]);
      if (!seen.has(next)) {
        seen.add(next);
        assert.ok(fs.existsSync(next), `${path.relative(ext.extensionPath, file)} requires ${m[1]}, which is not in ${ext.extensionPath}`);
        queue.push(next);
      }
    }
  }
  return [...seen];
}

describe('the extension as shipped: what it loads from its own folder', () => {
  it('runs from the folder the runner installed or built it in, not from elsewhere', async () => {
    // The artifacts tier names the installed extension's folder; otherwise it is this repository (dist-test/host/..).
    const installed = process.env.AKS_HOST_EXTENSION_DIR;
    const expected = installed ?? path.resolve(__dirname, '../..');
    const rel = path.relative(fs.realpathSync(expected), fs.realpathSync(extension().extensionPath));
    assert.ok(!rel.startsWith('..') && !path.isAbsolute(rel), `the extension runs from ${extension().extensionPath}, not from under ${expected}`);
    // Installed, it runs as users run it: in production mode, not as the extension under development.
    if (installed) assert.equal((await activateExtension()).extension.extensionMode, vscode.ExtensionMode.Production);
  });

  it('ships every bundle it requires on first use, and each one loads', async () => {
    await activateExtension();
    const ext = extension();
    const bundles = lazyBundles(ext);
    const names = bundles.map((b) => path.relative(ext.extensionPath, b)).sort();
    for (const engine of ['commands', 'kube', 'config', 'azure', 'local']) assert.ok(names.includes(`dist/${engine}.js`), `dist/${engine}.js among ${names.join(', ')}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading each bundle as the extension does is the check
    for (const b of bundles) assert.equal(typeof require(b), 'object', b);
  });

  it('ships the script and styles of every webview panel its bundles open', () => {
    const ext = extension();
    const dist = path.join(ext.extensionPath, 'dist');
    const entries = new Set<string>();
    for (const f of fs.readdirSync(dist).filter((n) => n.endsWith('.js'))) {
      for (const m of fs.readFileSync(path.join(dist, f), 'utf8').matchAll(/\bentry:\s*"(\w+)"/g)) entries.add(m[1]);
    }
    for (const panel of ['configWizard', 'status', 'traffic']) assert.ok(entries.has(panel), `panel ${panel} among ${[...entries].join(', ')}`);
    const missing = [...[...entries].map((e) => `${e}.js`), 'panel.css', 'codicon.css', 'codicon.ttf'].filter((a) => !fs.existsSync(path.join(dist, 'webview', a)));
    assert.deepEqual(missing, [], `missing from ${path.join(dist, 'webview')}`);
  });

  it('ships what its manifest points to: the activity-bar icon and the JSON schemas', () => {
    const ext = extension();
    const manifest = ext.packageJSON as { contributes: { viewsContainers: { activitybar: { icon: string }[] }; jsonValidation: { url: string }[] } };
    const files = [...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon), ...manifest.contributes.jsonValidation.map((j) => j.url)];
    assert.deepEqual(files.filter((f) => !fs.existsSync(path.join(ext.extensionPath, f))), [], `missing from ${ext.extensionPath}`);
  });

  it('opens the deployment config wizard, whose webview loads its script from the extension', async () => {
    await activateExtension();
    const file = vscode.Uri.joinPath(workspaceRoot(), 'wizard-model', 'deploymentconfig.json');
    await vscode.workspace.fs.writeFile(file, Buffer.from('{\n  "computeType": "aks"\n}\n'));
    const host = await vscode.commands.executeCommand<PanelHost<ConfigWizardContract>>('aksModel.editDeploymentConfig', file);
    assert.ok(host, 'the command returns its panel');
    try {
      // `ready` comes from the webview script itself: it resolves only if dist/webview/configWizard.js loaded and ran.
      let timer: NodeJS.Timeout | undefined;
      const ceiling = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('the wizard webview never said ready (its script did not load)')), 30_000); });
      await Promise.race([host.ready, ceiling]).finally(() => clearTimeout(timer));
    } finally {
      host.panel.dispose();
    }
  });
});

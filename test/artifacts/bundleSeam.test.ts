// The lazy-bundle seam in what ships: the production dist/extension.js (from `npm run package`) loads no engine
// bundle when VS Code requires it. The engines (dist/kube.js, azure.js, local.js, config.js, kubeContexts.js) and
// the cluster command bodies (dist/commands.js) load on first use only (src/ui/engines.ts), so activation pays
// for none of them. The graph-level rule over the sources is test/unit/architecture/layers.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { packagedArtifacts } from '../support/artifacts';
import { repoRoot } from '../support/codeServer';

const LAZY_BUNDLES = ['kube.js', 'kubeContexts.js', 'config.js', 'azure.js', 'local.js', 'commands.js'];
const harness = path.join(repoRoot, 'test/support/bundleLoads.cjs');

/** The modules a bundle requires at its top level (test/support/bundleLoads.cjs, `vscode` a stand-in). */
function topLevelLoads(bundle: string): string[] {
  const r = spawnSync(process.execPath, [harness, bundle], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `requiring ${bundle} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

describe('the lazy-bundle seam of the packaged dist/extension.js', function () {
  this.timeout(600_000);
  let dist: string;
  before(() => {
    packagedArtifacts();
    dist = path.join(repoRoot, 'dist');
  });

  it('every lazy bundle is a file of its own next to dist/extension.js', () => {
    for (const b of ['extension.js', ...LAZY_BUNDLES]) assert.ok(fs.existsSync(path.join(dist, b)), `dist/${b} missing`);
    const text = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    // The literal paths engines.ts requires on demand are in the bundle, so the seam is really there.
    for (const b of LAZY_BUNDLES) assert.match(text, new RegExp(`require\\(["']\\./${b.replace('.', '\\.')}["']\\)`), `dist/extension.js never requires ./${b}`);
  });

  it('requiring dist/extension.js loads only vscode and Node built-ins: no engine bundle, no npm package', () => {
    const loads = topLevelLoads(path.join(dist, 'extension.js'));
    assert.ok(loads.includes('vscode'), `the harness saw no require at all: ${JSON.stringify(loads)}`);
    const builtins = new Set(builtinModules);
    const other = loads.filter((m) => m !== 'vscode' && !m.startsWith('node:') && !builtins.has(m));
    assert.deepEqual(other, [], 'dist/extension.js requires these at load time');
  });

  it('dist/extension.js and dist/commands.js require vscode once (one copy of the API at load, esbuild.mjs vscodeOnce)', () => {
    // Each `import * as vscode` would otherwise be its own require with a copy of the whole API object.
    for (const b of ['extension.js', 'commands.js']) {
      const requires = fs.readFileSync(path.join(dist, b), 'utf8').match(/require\(["']vscode["']\)/g) ?? [];
      assert.equal(requires.length, 1, `dist/${b} requires vscode ${requires.length} times`);
    }
  });

  it('the check sees a bundle that loads an engine at its top level', () => {
    // The same extension with one eager require added, next to the real bundles: the harness must report it.
    const copy = path.join(dist, `seam-check-${process.pid}.js`);
    fs.writeFileSync(copy, `require('./kubeContexts.js');\n${fs.readFileSync(path.join(dist, 'extension.js'), 'utf8')}`);
    try {
      assert.ok(topLevelLoads(copy).includes('./kubeContexts.js'));
    } finally {
      fs.rmSync(copy, { force: true });
    }
  });
});

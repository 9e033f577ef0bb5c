// The packaged extension as users install it: dist-pkg/aks-model-deploy.vsix from `npm run package`, installed with
// `code-server --install-extension` into a clean extensions folder, then the host tier's smoke tests run in a
// code-server whose extensionDevelopmentPath is an empty folder (VS Code runs extension tests only with one): the
// installed copy is the only one there is, and the tests check that it is the one running.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packagedArtifacts, run } from '../support/artifacts';
import { installExtension, repoRoot, startCodeServer } from '../support/codeServer';
import { runExtensionHostTests } from '../support/extensionHostTests';

// Activation and commands, views (local models, sample project), diagnostics and schemas (config.js, schemas/),
// and what the extension loads from its folder (lazy bundles, webviews, manifest files).
const SMOKE_FILES = ['activation.test.js', 'configDiagnostics.test.js', 'sampleProject.test.js', 'shipped.test.js'];

function filesUnder(root: string): string[] {
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(root, f)).isFile()) : [];
}

describe('the packaged .vsix installed into code-server', function () {
  this.timeout(600_000);
  let extensionsDir: string;
  let installed: string;

  before(() => {
    const { vsix } = packagedArtifacts();
    // The host tests themselves, bundled apart; dist/ stays the packaged production build.
    run(process.execPath, ['esbuild.mjs', '--tests-only']);
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-vsix-extensions-'));
    installExtension(vsix, extensionsDir);
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    installed = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  });
  after(() => { if (extensionsDir) fs.rmSync(extensionsDir, { recursive: true, force: true }); });

  it('installs into the clean extensions folder with every file the production build wrote for the extension', () => {
    assert.ok(fs.existsSync(path.join(installed, 'package.json')), `no extension at ${installed}; the folder holds: ${fs.readdirSync(extensionsDir).join(', ')}`);
    // dist/cli.js is the command line's bundle (the npm package's bin), not loaded by the extension.
    const built = ['dist', 'media', 'schemas'].flatMap((d) => filesUnder(path.join(repoRoot, d)).map((f) => path.join(d, f)))
      .filter((f) => !f.endsWith('.map') && f !== 'dist/cli.js' && !f.endsWith('.ts'));
    assert.ok(built.includes('dist/extension.js'), built.join(', '));
    assert.deepEqual(built.filter((f) => !fs.existsSync(path.join(installed, f))), [], `missing from the installed extension ${installed}`);
  });

  it('activates from the installed folder and passes the host smoke tests there (no development extension)', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-vsix-ws-'));
    const noExtension = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-vsix-no-dev-extension-'));
    const results = path.join(noExtension, 'results.json');
    const server = await startCodeServer({
      extensionsDir,
      extensionDevelopmentPath: noExtension,
      env: { AKS_HOST_FILES: SMOKE_FILES.join(','), AKS_HOST_EXTENSION_DIR: installed, AKS_TEST_RESULTS_FILE: results },
    });
    try {
      const code = await runExtensionHostTests(server, workspace, path.join(repoRoot, 'dist-test/host/index.js'), 300_000);
      const r = fs.existsSync(results) ? (JSON.parse(fs.readFileSync(results, 'utf8')) as { passed: number; failed: number; failures: { title: string; message: string }[] }) : undefined;
      assert.ok(r, `the host tests wrote no results (exit ${code}); code-server output:\n${server.output().slice(-3000)}`);
      assert.deepEqual(r.failures.map((f) => `${f.title}: ${f.message.split('\n')[0]}`), []);
      assert.equal(code, 0);
      // Every smoke file ran: activation (2), diagnostics and schemas (4), sample project (4), shipped (5).
      assert.ok(r.passed >= 15, `only ${r.passed} host tests ran`);
    } finally {
      await server.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(noExtension, { recursive: true, force: true });
    }
  });
});

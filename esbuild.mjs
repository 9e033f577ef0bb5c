// Bundles the extension host code, the CLI and the webviews; `--tests` also bundles the host-tier tests.
// Usage: node esbuild.mjs [--production] [--tests | --tests-only] [--watch]
// --tests-only bundles just the host-tier tests, leaving dist/ as it is (the artifacts tier tests a packaged build).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const testsOnly = process.argv.includes('--tests-only');
const withTests = testsOnly || process.argv.includes('--tests');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'] };

// Engines with heavy dependencies are bundles of their own, required by the extension on first use
// (src/ui/engines.ts), so that activation loads only dist/extension.js.
// kubeContexts: the kubeconfig contexts for the Targets tree (yaml only), so listing them never loads kube.js.
const lazyEngines = {
  kube: 'src/kube/index.ts', config: 'src/core/config/index.ts', azure: 'src/azure/index.ts', local: 'src/local/index.ts',
  kubeContexts: 'src/kube/kubeconfigRead.ts',
  // The config validation worker thread (src/ui/configDiagnostics.ts starts it by path).
  configWorker: 'src/ui/diagnostics/configValidationWorker.ts',
};
const lazyExternals = ['vscode', './commands.js', ...Object.keys(lazyEngines).map((e) => `./${e}.js`)];
// `import * as vscode from 'vscode'` (an external CommonJS module) becomes `__toESM(require("vscode"))` in each of
// the ~26 files of a bundle that import it, and each copies every property of the API object (hundreds) onto a new
// object at load: that was most of dist/extension.js's load time in the extension host (a CPU profile: the bench's
// AKS_BENCH_PROFILE_DIR). One module of the bundle re-exports it instead, so the copy is made once.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};
const configs = [
  { ...nodeCommon, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: lazyExternals, plugins: [vscodeOnce] },
  // The cluster command bodies: UI code too, but loaded on the first cluster command (src/ui/lazyCommands.ts).
  { ...nodeCommon, entryPoints: { commands: 'src/ui/lazyCommands.ts' }, outdir: 'dist', external: lazyExternals, plugins: [vscodeOnce] },
  { ...nodeCommon, entryPoints: lazyEngines, outdir: 'dist' },
];
if (fs.existsSync('src/cli/main.ts')) {
  // No banner: esbuild keeps the entry's own `#!/usr/bin/env node` line (a second one is a SyntaxError) and marks the file executable.
  configs.push({ ...nodeCommon, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist' });
}
const webviewEntries = fs.existsSync('webview')
  ? fs.readdirSync('webview').filter((d) => fs.existsSync(path.join('webview', d, 'index.ts')))
  : [];
if (webviewEntries.length) {
  configs.push({
    ...common,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    entryPoints: Object.fromEntries(webviewEntries.map((d) => [d, path.join('webview', d, 'index.ts')])),
    outdir: 'dist/webview',
  });
}
// Assets the panels load next to their scripts (see src/ui/webviews/panelHost.ts).
function copyWebviewAssets() {
  fs.mkdirSync('dist/webview', { recursive: true });
  for (const [from, to] of [
    ['node_modules/@vscode/codicons/dist/codicon.css', 'codicon.css'],
    ['node_modules/@vscode/codicons/dist/codicon.ttf', 'codicon.ttf'],
    ['webview/shared/panel.css', 'panel.css'],
  ]) fs.copyFileSync(from, path.join('dist/webview', to));
}
if (testsOnly) configs.length = 0;
else copyWebviewAssets();

if (withTests) {
  // Host-tier tests run inside the extension host; mocha stays external and resolves from node_modules.
  const testFiles = fs.readdirSync('test/host', { recursive: true }).filter((f) => String(f).endsWith('.ts')).map((f) => path.join('test/host', String(f)));
  configs.push({
    ...nodeCommon,
    sourcemap: true,
    minify: false,
    external: ['vscode', 'mocha'],
    entryPoints: testFiles,
    outbase: 'test/host',
    outdir: 'dist-test/host',
  });
}

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
}

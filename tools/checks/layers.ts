// The layering rules of docs/ARCHITECTURE.md as data, checked over the import graph (test/unit/architecture/).
// ESLint (eslint.config.mjs) flags the same folder rules in the editor from the import text; this check resolves
// every path, so it also sees what a relative path reaches, and it adds what lint cannot see: cycles and the
// activation bundle's reach.
import type { ImportEdge, ImportGraph } from './importGraph';

export type Layer = 'core' | 'local' | 'kube' | 'azure' | 'contract' | 'ui' | 'cli' | 'webview';

export function layerOf(file: string): Layer | undefined {
  if (file === 'src/extension.ts') return 'ui';
  if (file.startsWith('webview/')) return 'webview';
  const m = /^src\/(core|local|kube|azure|contract|ui|cli)\//.exec(file);
  return m ? (m[1] as Layer) : undefined;
}

interface Rule {
  /** Layers this layer may import (its own is always allowed). */
  readonly may: readonly Layer[];
  /** Layers it may import types from only (erased at compile time). */
  readonly typesFrom?: readonly Layer[];
  readonly why: string;
}

export const layerRules: Record<Layer, Rule> = {
  core: { may: [], why: 'the core is pure: config, plans, manifests, models' },
  local: { may: ['core'], why: 'an engine builds on the core only; engines never import each other' },
  kube: { may: ['core'], why: 'an engine builds on the core only; engines never import each other' },
  azure: { may: ['core'], why: 'an engine builds on the core only; engines never import each other' },
  contract: { may: [], typesFrom: ['core'], why: 'a panel contract is types shared by the host and a webview' },
  webview: { may: ['contract', 'core'], why: 'a webview runs in the browser: no engine, no vscode, no Node' },
  ui: { may: ['core', 'contract'], typesFrom: ['local', 'kube', 'azure'], why: 'the UI reaches engine code through src/ui/engines.ts (lazy bundles); direct engine imports are types' },
  cli: { may: ['core', 'local', 'kube', 'azure'], why: 'the CLI drives the engines without VS Code' },
};

/**
 * Direct value imports of engine files the UI may make, each small, pure and without imports of its own engine's
 * runtime (they end up in dist/extension.js, which the bundle check over dist/ also guards).
 */
export const uiEngineValueImports: Readonly<Record<string, string>> = {
  'src/local/debugConfig.ts': 'plain data: the debugpy attach configuration the debug adapter factory needs at activation',
};

/** Packages (and builtins) each layer may import: vscode only in src/ui; Node only outside the webviews. */
function packageAllowed(layer: Layer, pkg: string): boolean {
  if (pkg === 'vscode') return layer === 'ui';
  if (layer === 'webview') return pkg.startsWith('@vscode-elements/');
  return true;
}

export interface Violation {
  readonly edge: ImportEdge;
  readonly message: string;
}

export function layerViolations(graph: ImportGraph): Violation[] {
  const out: Violation[] = [];
  for (const e of graph.edges) {
    const from = layerOf(e.from);
    if (!from) continue;
    const at = `${e.from}:${e.line}`;
    if (e.external) {
      if (!packageAllowed(from, e.to)) out.push({ edge: e, message: `${at}: ${from} imports the package "${e.to}" (${from === 'webview' ? layerRules.webview.why : 'only src/ui may import vscode'})` });
      continue;
    }
    const to = layerOf(e.to);
    if (!to) {
      out.push({ edge: e, message: `${at}: ${from} imports ${e.to}, outside src/ and webview/` });
      continue;
    }
    if (to === from) continue;
    const rule = layerRules[from];
    if (rule.may.includes(to)) continue;
    if (e.typeOnly && rule.typesFrom?.includes(to)) continue;
    if (from === 'ui' && uiEngineValueImports[e.to]) continue;
    const what = rule.typesFrom?.includes(to) ? `a value from ${to} (${e.to}); only types may come from there` : `${to} (${e.to})`;
    out.push({ edge: e, message: `${at}: ${from} imports ${what}: ${rule.why}` });
  }
  return out;
}

/** Entry points of the bundles the extension loads on demand (esbuild.mjs `lazyEngines` and the commands bundle). */
export const lazyBundleEntries: Readonly<Record<string, string>> = {
  'src/kube/index.ts': 'dist/kube.js',
  'src/kube/kubeconfigRead.ts': 'dist/kubeContexts.js',
  'src/core/config/index.ts': 'dist/config.js',
  'src/azure/index.ts': 'dist/azure.js',
  'src/local/index.ts': 'dist/local.js',
  'src/ui/lazyCommands.ts': 'dist/commands.js',
};

/**
 * What src/extension.ts reaches through value imports, i.e. what esbuild puts into dist/extension.js: each file
 * with the chain that pulls it in.
 */
export function activationReach(graph: ImportGraph, entry = 'src/extension.ts'): Map<string, string[]> {
  const chain = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const f = queue.shift()!;
    for (const e of graph.edges) {
      if (e.from !== f || e.typeOnly || chain.has(e.to)) continue;
      chain.set(e.to, [...chain.get(f)!, e.to]);
      if (!e.external) queue.push(e.to);
    }
  }
  return chain;
}

// The layering of docs/ARCHITECTURE.md, checked over the import graph of src/ and webview/: folder rules, no import
// cycles (type-only imports included), and what the activation bundle reaches. Each check is also run once on a
// graph with one bad import added, so a check that can no longer fail is noticed.
import assert from 'node:assert/strict';
import path from 'node:path';
import { cyclePath, importCycles, readImportGraph, type ImportEdge, type ImportGraph } from '../../../tools/checks/importGraph';
import { activationReach, lazyBundleEntries, layerOf, layerViolations, uiEngineValueImports } from '../../../tools/checks/layers';

const root = path.resolve(__dirname, '../../..');

describe('architecture: layers and cycles', function () {
  // Parsing ~200 files takes a second or two; a ceiling for a loaded machine, not a delay.
  this.timeout(60_000);
  let graph: ImportGraph;
  before(() => {
    graph = readImportGraph(root);
  });

  const withEdge = (g: ImportGraph, from: string, to: string, typeOnly = false): ImportGraph => ({
    files: g.files,
    edges: [...g.edges, { from, to, external: !to.includes('/') || to.startsWith('@'), typeOnly, line: 1 } satisfies ImportEdge],
  });

  it('reads every source file and its imports', () => {
    assert.ok(graph.files.includes('src/extension.ts'));
    assert.ok(graph.files.some((f) => f.startsWith('webview/')));
    assert.ok(graph.edges.length > 500, `only ${graph.edges.length} imports read`);
    const uncategorised = graph.files.filter((f) => !layerOf(f));
    assert.deepEqual(uncategorised, [], 'every file under src/ and webview/ belongs to a layer');
  });

  it('each layer imports only what docs/ARCHITECTURE.md allows', () => {
    assert.deepEqual(layerViolations(graph).map((v) => v.message), []);
  });

  it('the layer check fails on a forbidden import', () => {
    const cases: [string, string, boolean, RegExp][] = [
      ['src/core/plan.ts', 'src/kube/labels.ts', false, /core imports kube/],
      ['src/kube/index.ts', 'src/local/index.ts', false, /kube imports local/],
      ['src/contract/traffic.ts', 'src/kube/status/model.ts', true, /contract imports kube/],
      ['src/contract/traffic.ts', 'src/core/traffic.ts', false, /only types may come from there/],
      ['webview/traffic/index.ts', 'src/ui/engines.ts', false, /webview imports ui/],
      ['src/ui/engines.ts', 'src/kube/index.ts', false, /only types may come from there/],
      ['src/cli/main.ts', 'src/ui/engines.ts', false, /cli imports ui/],
      ['src/local/index.ts', 'vscode', false, /only src\/ui may import vscode/],
      ['webview/traffic/index.ts', 'node:fs', false, /webview imports the package "node:fs"/],
    ];
    for (const [from, to, typeOnly, expected] of cases) {
      const messages = layerViolations(withEdge(graph, from, to, typeOnly)).map((v) => v.message);
      assert.equal(messages.length, 1, `${from} -> ${to}: ${messages.join('; ')}`);
      assert.match(messages[0], expected);
    }
    // Allowed ones stay allowed.
    assert.deepEqual(layerViolations(withEdge(graph, 'src/ui/engines.ts', 'src/kube/index.ts', true)), []);
    assert.deepEqual(layerViolations(withEdge(graph, 'src/cli/main.ts', 'src/kube/index.ts')), []);
  });

  it('src has no import cycle, type-only imports included', () => {
    const cycles = importCycles(graph).map((c) => `${c.length} files: ${cyclePath(graph, c).join(' -> ')}`);
    assert.deepEqual(cycles, []);
  });

  it('the cycle check finds a cycle, and names its files', () => {
    // uiContext.ts imports the trees (types); a tree importing uiContext back closes a loop.
    const g = withEdge(graph, 'src/ui/kube/clusterRef.ts', 'src/ui/uiContext.ts', true);
    const cycles = importCycles(g);
    assert.equal(cycles.length, 1);
    const loop = cyclePath(g, cycles[0]);
    assert.equal(loop[0], loop.at(-1));
    assert.ok(loop.includes('src/ui/uiContext.ts') && loop.includes('src/ui/kube/clusterRef.ts'), loop.join(' -> '));
  });

  it('the activation bundle (src/extension.ts) reaches no engine and no lazy bundle', () => {
    const reach = activationReach(graph);
    const bad = [...reach]
      .filter(([f]) => lazyBundleEntries[f] || (['local', 'kube', 'azure'].includes(layerOf(f) ?? '') && !uiEngineValueImports[f]) || f.startsWith('src/core/config/') && f !== 'src/core/config/configKind.ts')
      .map(([, chain]) => chain.join(' -> '));
    assert.deepEqual(bad, []);
    const packages = [...reach.keys()].filter((f) => !f.includes('/') || f.startsWith('@')).filter((p) => p !== 'vscode' && !p.startsWith('node:'));
    assert.deepEqual(packages, [], 'dist/extension.js bundles no npm package: they load with the engines');
    // And it notices: a value import of the kube engine from a tree would pull it in.
    const pulled = activationReach(withEdge(graph, 'src/ui/tree/targetsTree.ts', 'src/kube/index.ts'));
    assert.deepEqual(pulled.get('src/kube/index.ts')?.slice(-2), ['src/ui/tree/targetsTree.ts', 'src/kube/index.ts']);
  });
});

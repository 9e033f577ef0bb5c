// The import graph of our own TypeScript (src/, webview/), read with the TypeScript parser (no type-check, so it is
// fast enough for the unit tier). It serves the layering rules and the cycle check (test/unit/architecture/).
// What counts as an edge: `import … from`, `export … from` and `import('…')` with a literal path. A `require('./x.js')`
// is not followed: the lazy loads in src/ui/engines.ts name a file of dist/, not of src/ (the bundle seam is checked
// over dist/ instead).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Repository-relative path of the importing file, with forward slashes. */
  readonly from: string;
  /** Repository-relative path of the imported file, or the bare package name ("vscode", "yaml", "node:fs"…). */
  readonly to: string;
  readonly external: boolean;
  /** Erased at compile time (`import type`, `export type`, or only `type` specifiers): no runtime dependency. */
  readonly typeOnly: boolean;
  readonly line: number;
}

export interface ImportGraph {
  readonly files: readonly string[];
  readonly edges: readonly ImportEdge[];
}

const sourceExt = /\.(ts|tsx|mts)$/;

export function readImportGraph(root: string, folders: readonly string[] = ['src', 'webview']): ImportGraph {
  const files = folders.flatMap((f) => listSources(root, f)).sort();
  const known = new Set(files);
  const edges = files.flatMap((file) => importsOf(root, file, known));
  return { files, edges };
}

function listSources(root: string, folder: string): string[] {
  const abs = path.join(root, folder);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true }) as string[])
    .filter((f) => sourceExt.test(f) && !f.endsWith('.d.ts'))
    .map((f) => toPosix(path.join(folder, f)));
}

function importsOf(root: string, file: string, known: ReadonlySet<string>): ImportEdge[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportEdge[] = [];
  const add = (spec: ts.Expression, typeOnly: boolean, at: ts.Node) => {
    if (!ts.isStringLiteralLike(spec)) return;
    const line = sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1;
    const target = resolve(file, spec.text, known);
    out.push({ from: file, to: target ?? spec.text, external: target === undefined, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, importIsTypeOnly(node), node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const typeOnly = node.isTypeOnly
        || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause)
          && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier, typeOnly, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], false, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import 'x'`: a side effect, so a runtime dependency
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  // `import { type A, type B } from 'x'`: TypeScript and esbuild both drop the whole statement (verbatimModuleSyntax off).
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** Bundler-style resolution of a relative path to one of our files: `x`, `x.ts`, `x/index.ts`, and `.js` → `.ts`. */
function resolve(from: string, spec: string, known: ReadonlySet<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.join(path.posix.dirname(from), spec);
  const stem = base.replace(/\.(js|mjs|ts)$/, '');
  for (const c of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`]) if (known.has(c)) return c;
  // A relative path to a file we do not parse (a .css, a .json): keep it as a path, outside the graph.
  return base;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Strongly connected components of more than one file (or a file importing itself): each is an import cycle.
 * Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
 */
export function importCycles(graph: ImportGraph, edgeFilter: (e: ImportEdge) => boolean = () => true): string[][] {
  const next = new Map<string, string[]>();
  for (const f of graph.files) next.set(f, []);
  const selfLoops = new Set<string>();
  for (const e of graph.edges) {
    if (e.external || !next.has(e.to) || !edgeFilter(e)) continue;
    next.get(e.from)!.push(e.to);
    if (e.from === e.to) selfLoops.add(e.from);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const start of graph.files) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter); low.set(start, counter); counter++;
    stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = next.get(top.node)!;
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter); counter++;
          stack.push(w); onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.node);
        if (comp.length > 1 || selfLoops.has(top.node)) components.push(comp.sort());
      }
    }
  }
  return components;
}

/** One concrete loop through a component, for the failure message: a → b → … → a. */
export function cyclePath(graph: ImportGraph, component: readonly string[], edgeFilter: (e: ImportEdge) => boolean = () => true): string[] {
  const inside = new Set(component);
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!e.external && inside.has(e.from) && inside.has(e.to) && edgeFilter(e)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const start = component[0];
  // Breadth-first from start back to start: the shortest loop through it.
  const prev = new Map<string, string>();
  const queue = [...(next.get(start) ?? [])];
  for (const q of queue) prev.set(q, start);
  while (queue.length) {
    const n = queue.shift()!;
    if (n === start) break;
    for (const m of next.get(n) ?? []) if (!prev.has(m)) { prev.set(m, n); queue.push(m); }
  }
  const loop = [start];
  for (let n = prev.get(start); n !== undefined && n !== start; n = prev.get(n)) loop.unshift(n);
  return [start, ...loop];
}

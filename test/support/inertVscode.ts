// Loads a src/ui module in plain Node for a test that reads its tables (never runs its handlers): `vscode` only
// exists inside VS Code, so its import resolves to an inert module whose every member is a do-nothing function.
// Not a stand-in for VS Code's behaviour: anything that calls into it gets `undefined`-like proxies.
import Module from 'node:module';
import path from 'node:path';

const inert: object = new Proxy(function inert() {}, {
  get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === '__esModule' ? false : key === 'then' ? undefined : inert),
  apply: () => inert,
  construct: () => inert as object,
});

const INERT_ID = path.join(__dirname, '__inert_vscode__.js');

/** `require(fromTestSupport)` with `vscode` resolved to the inert module; path relative to test/support. */
export function loadWithoutVscode<T>(fromTestSupport: string): T {
  const m = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = m._resolveFilename;
  const cache = require.cache as Record<string, NodeJS.Module | undefined>;
  cache[INERT_ID] ??= { id: INERT_ID, filename: INERT_ID, loaded: true, exports: inert } as unknown as NodeJS.Module;
  m._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? INERT_ID : original.call(this, request, ...rest);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the hook above must be in place first
    return require(path.resolve(__dirname, fromTestSupport)) as T;
  } finally {
    m._resolveFilename = original;
  }
}

// Run with `node bundleLoads.cjs <bundle.js>`: requires the bundle the way VS Code does before activate(), with a
// stand-in `vscode` module (any property, call or `new` gives the stand-in back), and prints as JSON every module
// the bundle's top level required. Only what loads at require time counts: a require inside a function runs later.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const target = path.resolve(process.argv[2]);

// The bundles copy the API's own names once (esbuild.mjs, vscodeOnce): the stand-in has the names @types/vscode
// declares, each the stand-in again, so a top-level `new vscode.EventEmitter()` works as in the real host.
const apiNames = [...new Set(
  [...require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8').matchAll(/^\s{1,4}export (?:declare )?(?:class|enum|namespace|const|function|let|var) (\w+)/gm)].map((m) => m[1]),
)];
const stub = new Proxy(function vscodeStandIn() {}, {
  get: (_t, p) => (p === Symbol.toPrimitive ? () => '' : p === 'then' ? undefined : stub),
  apply: () => stub,
  construct: () => stub,
  ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...apiNames])],
  getOwnPropertyDescriptor: (t, p) => Reflect.getOwnPropertyDescriptor(t, p) ?? (apiNames.includes(p) ? { value: stub, writable: true, enumerable: true, configurable: true } : undefined),
});
const loads = [];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (parent && parent.filename === target) loads.push(request);
  if (request === 'vscode') return stub;
  return load.call(this, request, parent, isMain);
};
require(target);
process.stdout.write(JSON.stringify([...new Set(loads)]));

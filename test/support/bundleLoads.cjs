// Run with `node bundleLoads.cjs <bundle.js>`: requires the bundle the way VS Code does before activate(), with a
// stand-in `vscode` module (any property, call or `new` gives the stand-in back), and prints as JSON every module
// the bundle's top level required. Only what loads at require time counts: a require inside a function runs later.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const target = path.resolve(process.argv[2]);

const stub = new Proxy(function vscodeStandIn() {}, {
  get: (_t, p) => (p === Symbol.toPrimitive ? () => '' : p === 'then' ? undefined : stub),
  apply: () => stub,
  construct: () => stub,
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

// Entry point that the extension host loads as extensionTestsPath: runs every *.test.js bundled next to it.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    forbidOnly: true,
    forbidPending: true,
    reporter: path.resolve(__dirname, '../../tools/test/countingReporter.cjs'),
  });
  // `npm run test:host -- --grep <text>` reaches here through the environment of code-server.
  if (process.env.AKS_HOST_GREP) mocha.grep(process.env.AKS_HOST_GREP);
  // *.cold.test files first: they check what a fresh host has (not yet) loaded. The artifacts tier runs only the
  // smoke files against the installed .vsix: AKS_HOST_FILES=a.test.js,b.test.js.
  const files = fs.readdirSync(__dirname, { recursive: true }).map(String).filter((f) => f.endsWith('.test.js')).sort();
  const only = process.env.AKS_HOST_FILES?.split(',');
  const missing = only?.filter((f) => !files.includes(f)) ?? [];
  if (missing.length) return Promise.reject(new Error(`AKS_HOST_FILES names test files that do not exist: ${missing.join(', ')}`));
  const chosen = files.filter((f) => !only || only.includes(f));
  for (const file of [...chosen.filter((f) => f.endsWith('.cold.test.js')), ...chosen.filter((f) => !f.endsWith('.cold.test.js'))]) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} host test(s) failed`)) : resolve()));
  });
}

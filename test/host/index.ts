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
  // *.cold.test files first: they check what a fresh host has (not yet) loaded.
  const files = fs.readdirSync(__dirname, { recursive: true }).map(String).filter((f) => f.endsWith('.test.js')).sort();
  for (const file of [...files.filter((f) => f.endsWith('.cold.test.js')), ...files.filter((f) => !f.endsWith('.cold.test.js'))]) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} host test(s) failed`)) : resolve()));
  });
}

// The editor title's "Edit … Config…" buttons: their when-clauses must use only operators VS Code's context keys
// support (`=~`, never `!~`, which VS Code does not parse and so shows the button in every editor) and must agree
// with the file-name rule the config adapter uses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { kindFromFileName } from '../../../src/core/config/configKind';

interface MenuItem { command: string; when?: string }
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]> };
};

/** Evaluates the subset of the when-clause grammar these buttons use: `resourceFilename =~ /re/flags` joined by
 * `&&`. Anything else throws, so a clause VS Code would misread fails here too. */
function evaluate(when: string, resourceFilename: string): boolean {
  return when.split('&&').every((term) => {
    const m = /^\s*resourceFilename\s+=~\s+\/(.*)\/([a-z]*)\s*$/.exec(term);
    if (!m) throw new Error(`unsupported when-clause term: ${term.trim()}`);
    return new RegExp(m[1], m[2]).test(resourceFilename);
  });
}

describe('editor/title when-clauses', () => {
  const items = manifest.contributes.menus['editor/title'];
  const whenOf = (command: string) => items.find((i) => i.command === command)?.when ?? '';

  it('no when-clause anywhere in package.json uses the unsupported !~ operator', () => {
    const offenders = Object.values(manifest.contributes.menus).flat().filter((i) => i.when?.includes('!~'));
    assert.deepEqual(offenders.map((i) => i.command), []);
  });

  const names = [
    'deploymentconfig.json', 'deployment_config.yml', 'aks_deploy.yaml', 'dc.json', 'inferenceconfig.json',
    'inference_config.yml', 'deploy_inference.yml', 'score.py', 'settings.json', 'Untitled-1', 'package.json',
  ];
  for (const name of names) {
    it(`${name}: buttons follow the config kind of its name`, () => {
      const kind = kindFromFileName(name);
      assert.equal(evaluate(whenOf('aksModel.editInferenceConfig'), name), kind === 'inference', 'Edit Inference Config…');
      assert.equal(evaluate(whenOf('aksModel.editDeploymentConfig'), name), kind === 'deployment' || /^dc\./.test(name), 'Edit Deployment Config…');
    });
  }
});

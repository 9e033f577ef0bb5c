// Issue 15: "Did you mean maxReplicas?" had no Quick Fix, nor had a value out of range. The core's problems carry
// the replacement; applying it must leave a file without that problem.
import assert from 'node:assert/strict';
import { parseConfigFile, type Problem } from '../../../src/core/config';

function apply(text: string, p: Problem): string {
  assert.ok(p.fix, `a fix for: ${p.message}`);
  const lines = text.split('\n');
  const offset = (pos: { line: number; column: number }) => lines.slice(0, pos.line).reduce((n, l) => n + l.length + 1, 0) + pos.column;
  return text.slice(0, offset(p.fix.range.start)) + p.fix.newText + text.slice(offset(p.fix.range.end));
}

const cases: [name: string, fileName: string, text: string, path: string, title: string, after: RegExp][] = [
  ['a misspelled key in JSON', 'deploymentconfig.json', '{"computeType": "aks", "autoScaler": {"autoscaleEnabled": true, "maxReplica": 5}}', 'autoScaler.maxReplica', 'Rename to "maxReplicas"', /"maxReplicas": 5/],
  ['a misspelled key in YAML', 'dc.yml', 'computeType: aks\nautoScaler:\n  autoscaleEnabled: true\n  maxReplica: 5\n', 'autoScaler.maxReplica', 'Rename to "maxReplicas"', /^ {2}maxReplicas: 5$/m],
  ['a quoted misspelled key in YAML', 'dc.yml', "computeType: aks\n'numReplica': 2\n", 'numReplica', 'Rename to "numReplicas"', /^'numReplicas': 2$/m],
  ['a value below an inclusive minimum', 'deploymentconfig.json', '{"computeType": "aks", "autoScaler": {"autoscaleEnabled": true, "minReplicas": 0}}', 'autoScaler.minReplicas', 'Set minReplicas to 1', /"minReplicas": 1/],
  ['a whole number at an exclusive minimum', 'deploymentconfig.json', '{"computeType": "aks", "numReplicas": 0}', 'numReplicas', 'Set numReplicas to 1', /"numReplicas": 1/],
];

describe('config Quick Fixes (from the core problems)', () => {
  for (const [name, fileName, text, path, title, after] of cases) {
    it(`${name}: "${title}" fixes it`, () => {
      const before = parseConfigFile(text, { fileName });
      const p = before.problems.find((x) => x.path === path);
      assert.ok(p, JSON.stringify(before.problems));
      assert.equal(p.fix?.title, title);
      const fixed = apply(text, p);
      assert.match(fixed, after);
      const again = parseConfigFile(fixed, { fileName });
      assert.deepEqual(again.problems.filter((x) => x.path === path), [], fixed);
    });
  }

  it('offers no fix where none is sure (an unknown key with no near name, an exclusive bound on a fraction)', () => {
    const r = parseConfigFile('{"computeType": "aks", "zzzqqq": 1, "containerResourceRequirements": {"cpu": 0}}', { fileName: 'deploymentconfig.json' });
    for (const path of ['zzzqqq', 'containerResourceRequirements.cpu']) {
      const p = r.problems.find((x) => x.path === path);
      assert.ok(p, `${path}: ${JSON.stringify(r.problems)}`);
      assert.equal(p.fix, undefined);
    }
  });
});

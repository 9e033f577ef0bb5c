// Issue 15: the wizard hid an unknown key such as `maxReplica`, and saving left both `maxReplica` and `maxReplicas`.
import assert from 'node:assert/strict';
import { formFields, formValuesFromDocument, keysToDrop, parseConfigFile, plainDocument, unknownKeys, writeFormToText } from '../../../src/core/config';

const fields = formFields('deployment');

function wizardSave(fileName: string, text: string, edit: Record<string, string>, chosen: string[] = []): string {
  const values = { ...formValuesFromDocument(plainDocument(text), fields), ...edit };
  const unknown = unknownKeys(parseConfigFile(text, { fileName, kind: 'deployment' }).problems, text, fields);
  return writeFormToText(text, fileName, values, fields, keysToDrop(unknown, chosen, values));
}

describe('the wizard and unknown keys', () => {
  const json = '{\n  "computeType": "aks",\n  "autoScaler": {\n    "autoscaleEnabled": true,\n    "maxReplica": 5\n  },\n  "myNote": "keep me"\n}\n';

  it('lists unknown keys with the field each may mean and its value', () => {
    const u = unknownKeys(parseConfigFile(json, { fileName: 'deploymentconfig.json' }).problems, json, fields);
    assert.deepEqual(u, [
      { path: 'autoScaler.maxReplica', value: '5', suggestion: 'autoScaler.maxReplicas' },
      { path: 'myNote', value: 'keep me' },
    ]);
  });

  for (const [fileName, text] of [['deploymentconfig.json', json], ['dc.yml', 'computeType: aks\nautoScaler:\n  autoscaleEnabled: true\n  maxReplica: 5\nmyNote: keep me\n']] as const) {
    it(`${fileName}: saving with the field set never leaves both keys, even without a choice`, () => {
      const out = wizardSave(fileName, text, { 'autoScaler.maxReplicas': '6' });
      const doc = plainDocument(out) as { autoScaler: Record<string, unknown>; myNote?: string };
      assert.equal(doc.autoScaler.maxReplicas, 6);
      assert.ok(!('maxReplica' in doc.autoScaler), out);
      assert.equal(doc.myNote, 'keep me', 'an unknown key with no field stays unless dropped');
    });

    it(`${fileName}: rename moves the value into the field; drop removes a key`, () => {
      const out = wizardSave(fileName, text, { 'autoScaler.maxReplicas': '5' }, ['autoScaler.maxReplica', 'myNote']);
      const doc = plainDocument(out) as { autoScaler: Record<string, unknown>; myNote?: string };
      assert.deepEqual(Object.keys(doc.autoScaler).sort(), ['autoscaleEnabled', 'maxReplicas']);
      assert.equal(doc.autoScaler.maxReplicas, 5);
      assert.equal(doc.myNote, undefined);
      assert.deepEqual(parseConfigFile(out, { fileName, kind: 'deployment' }).problems.filter((p) => p.unknownField), []);
    });
  }
});

// `call --data`: a file (`@path`, relative to the working directory) or the JSON text itself, refused before
// anything is sent when it cannot be read or is not JSON; and `uri`'s text output.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CallUsageError, describeAccess, readData } from '../../../src/cli/callCommands';

describe('CLI call --data', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-call-data-'));
  fs.writeFileSync(path.join(dir, 'req.json'), '{"data": [[1, 2, 3, 4]]}');
  fs.writeFileSync(path.join(dir, 'bad.json'), '{"data": ');

  it('reads @file relative to the working directory, or takes the text', () => {
    assert.equal(readData('@req.json', dir), '{"data": [[1, 2, 3, 4]]}');
    assert.equal(readData('{"a": 1}', dir), '{"a": 1}');
  });
  it('refuses a missing flag, an unreadable file and text that is not JSON, naming the file', () => {
    assert.throws(() => readData(undefined, dir), (e: Error) => e instanceof CallUsageError && /--data @request\.json/.test(e.message));
    assert.throws(() => readData('@nope.json', dir), (e: Error) => e instanceof CallUsageError && e.message.includes(`cannot read ${path.join(dir, 'nope.json')} (ENOENT)`));
    assert.throws(() => readData('@bad.json', dir), (e: Error) => e instanceof CallUsageError && /^--data is not JSON \(bad\.json\)/.test(e.message));
    assert.throws(() => readData('{x', dir), /--data is not JSON: /);
  });
  it('uri text: scoring and swagger URIs, auth, every address with its state', () => {
    const text = describeAccess({
      namespace: 'ml', service: 'iris', isEndpoint: false, authMode: 'key', backends: [],
      scoringUri: 'http://20.1.2.3/score', swaggerUri: 'http://20.1.2.3/swagger.json',
      addresses: [{ exposure: 'load-balancer', scoringUri: 'http://20.1.2.3/score' }, { exposure: 'gateway', waiting: 'waiting for the Gateway to get an address' }, { exposure: 'cluster', scoringUri: 'https://iris.ml.svc.cluster.local/score' }],
    });
    assert.equal(text, [
      'scoring_uri http://20.1.2.3/score',
      'swagger_uri http://20.1.2.3/swagger.json',
      'auth        key',
      '  load-balancer              http://20.1.2.3/score',
      '  gateway                    waiting for the Gateway to get an address',
      '  cluster                    https://iris.ml.svc.cluster.local/score',
    ].join('\n'));
  });
});

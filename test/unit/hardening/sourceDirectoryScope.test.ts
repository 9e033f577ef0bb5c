// Hardening (issue 19, low): an absolute or `../..` sourceDirectory copied a whole tree into the image without a
// word. Decision: a filesystem root is refused; any other folder outside the config's own is a warning naming it
// (a config kept in deploy/ with sourceDirectory ".." is a real layout, so it is not refused).
import assert from 'node:assert/strict';
import { parseInferenceConfig } from '../../../src/core/config';

const problems = (sourceDirectory: string) =>
  parseInferenceConfig(JSON.stringify({ entryScript: 'score.py', sourceDirectory }), { fileName: '/home/me/proj/deploy/inferenceconfig.json' })
    .problems.filter((p) => p.path === 'sourceDirectory');

describe('hardening: sourceDirectory outside the config folder', () => {
  it('refuses a filesystem root, written or reached by ..', () => {
    for (const dir of ['/', '../../../../..']) {
      const [p] = problems(dir);
      // v1 accepted it (so validate warns); the engine refuses to build from it.
      assert.equal(p?.severity, 'warning', dir);
      assert.equal(p.engineRefuses, true, dir);
      assert.match(p.message, /is a filesystem root \(\/\); it would copy the whole disk/);
    }
  });

  it('warns, naming the folder that goes into the image, for an absolute path or one that climbs out', () => {
    const [up] = problems('../..');
    assert.equal(up?.severity, 'warning');
    assert.match(up.message, /everything in \/home\/me .*goes into the image/);
    const [abs] = problems('/srv/models/iris');
    assert.equal(abs?.severity, 'warning');
    assert.match(abs.message, /everything in \/srv\/models\/iris/);
  });

  it('says nothing for a folder inside the config folder', () => {
    assert.deepEqual(problems('src'), []);
    assert.deepEqual(problems('./src/../lib'), []);
  });
});

// Hardening (issue 19, low): the download folder was built from unchecked model and version names, so a name such
// as "../../.ssh" or "a/b" (both come from the service) chose where files landed.
import assert from 'node:assert/strict';
import path from 'node:path';
import { downloadFolderName } from '../../../src/azure/modelDownload';

describe('hardening: the model download folder name is made safe', () => {
  it('keeps an ordinary name and version as <name>-<version>', () => {
    assert.equal(downloadFolderName('sklearn-iris', '3'), 'sklearn-iris-3');
    assert.equal(downloadFolderName('My_model.v2', '10'), 'My_model.v2-10');
  });

  it('never climbs out of, or hides in, the chosen folder', () => {
    for (const [name, version] of [['../../.ssh', '1'], ['..', '..'], ['a/b\\c', '1'], ['x', '../../etc'], ['.', ''], ['/', '/']]) {
      const folder = downloadFolderName(name, version);
      assert.equal(path.basename(folder), folder, folder);
      assert.ok(!folder.startsWith('.'), folder);
      assert.equal(path.resolve('/chosen', folder).startsWith('/chosen/'), true, folder);
    }
  });

  it('replaces control characters and spaces, and caps the length', () => {
    assert.equal(downloadFolderName('evil\nname \u001b[31m', '1'), 'evil_name_31m-1');
    assert.equal(downloadFolderName('m'.repeat(500), '1').length, 100);
  });
});

// Hardening (issue 19, high): the ignore rules of the build context — v1's .amlignore-else-.gitignore choice with
// gitignore syntax, and a deny list for secrets that no ignore file can re-include.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContextRules } from '../../../src/local/contextRules';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aks-rules-'));
  for (const [n, c] of Object.entries(files)) writeFileSync(path.join(dir, n), c);
  return dir;
};

describe('hardening: build-context ignore rules', () => {
  it('reads .amlignore and then ignores .gitignore entirely (v1)', () => {
    const r = loadContextRules(folder({ '.amlignore': 'a.txt\n', '.gitignore': 'b.txt\n' }));
    assert.equal(path.basename(r.ignoreFile ?? ''), '.amlignore');
    assert.equal(r.excludes('a.txt', false), true);
    assert.equal(r.excludes('b.txt', false), false);
  });

  it('follows gitignore syntax: anchors, dir-only, **, negation, comments, escapes', () => {
    const r = loadContextRules(folder({ '.gitignore': '# c\n/top.txt\nbuild/\ndocs/**/*.md\n*.log\n!keep.log\n\\#hash\nsp\\ ace \n' }));
    assert.equal(r.excludes('top.txt', false), true);
    assert.equal(r.excludes('sub/top.txt', false), false);
    assert.equal(r.excludes('sub/build', true), true);
    assert.equal(r.excludes('sub/build', false), false);
    assert.equal(r.excludes('docs/a/b/x.md', false), true);
    assert.equal(r.excludes('docs/x.md', false), true);
    assert.equal(r.excludes('deep/x.log', false), true);
    assert.equal(r.excludes('deep/keep.log', false), false);
    assert.equal(r.excludes('#hash', false), true);
    assert.equal(r.excludes('sp ace', false), true);
    assert.equal(r.excludes('# c', false), false);
  });

  it('denies env files, keys and VCS folders even when the ignore file re-includes them', () => {
    const r = loadContextRules(folder({ '.amlignore': '!.env\n!*.pem\n' }));
    for (const [p, dir] of [['.env', false], ['cfg/.env.local', false], ['id_rsa', false], ['m/server.pem', false], ['.git', true], ['x/.ssh', true], ['.pypirc', false]] as const) {
      assert.equal(r.excludes(p, dir), true, p);
      assert.equal(r.denied(p, dir), true, p);
    }
    assert.equal(r.excludes('id_rsa.pub', false), false);
    assert.equal(r.excludes('environment.yml', false), false);
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kubeconfigFiles, loadKubeconfig } from '../../../src/kube/kubeconfig';

function kubeconfig(clusters: [string, string][], contexts: [string, string][], current?: string): string {
  return [
    'apiVersion: v1', 'kind: Config',
    'clusters:', ...clusters.map(([n, s]) => `- name: ${n}\n  cluster:\n    server: ${s}`),
    'users:', '- name: u\n  user:\n    token: not-a-real-token',
    'contexts:', ...contexts.map(([n, c]) => `- name: ${n}\n  context:\n    cluster: ${c}\n    user: u`),
    ...(current ? [`current-context: ${current}`] : []),
  ].join('\n');
}

describe('kubeconfig loading (kubectl rules)', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes KUBECONFIG as a list of files, else ~/.kube/config', () => {
    assert.deepEqual(kubeconfigFiles({ KUBECONFIG: `/a${path.delimiter}${path.delimiter}/b` }, '/home/x'), ['/a', '/b']);
    assert.deepEqual(kubeconfigFiles({}, '/home/x'), ['/home/x/.kube/config']);
  });

  it('merges several files: the first file that names a context wins, missing files are ignored', () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.writeFileSync(a, kubeconfig([['prod', 'https://prod.example:443']], [['prod', 'prod']]));
    fs.writeFileSync(b, kubeconfig([['prod', 'https://other:443'], ['dev', 'https://dev.example:443']], [['prod', 'prod'], ['dev', 'dev']], 'dev'));
    const loaded = loadKubeconfig([a, path.join(dir, 'missing'), b]);
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.contexts.map((c) => [c.name, c.server, c.current]), [
      ['prod', 'https://prod.example:443', false],
      ['dev', 'https://dev.example:443', true],
    ]);
    assert.equal(loaded.kubeConfig.getCurrentContext(), 'dev');
  });

  it('reports a broken file by name and still lists the others', () => {
    const good = path.join(dir, 'good');
    const bad = path.join(dir, 'bad');
    fs.writeFileSync(good, kubeconfig([['c', 'https://c:443']], [['c', 'c']], 'c'));
    fs.writeFileSync(bad, 'clusters: [unclosed');
    const loaded = loadKubeconfig([bad, good]);
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].file, bad);
    assert.deepEqual(loaded.contexts.map((c) => c.name), ['c']);
  });

  it('never puts credentials into what it reports', () => {
    const f = path.join(dir, 'k');
    fs.writeFileSync(f, kubeconfig([['c', 'https://c:443']], [['c', 'c']], 'c'));
    assert.ok(!JSON.stringify(loadKubeconfig([f]).contexts).includes('not-a-real-token'));
  });
});

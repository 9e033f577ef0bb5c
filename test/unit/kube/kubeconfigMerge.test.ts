import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { mergeIntoKubeconfigFile, mergeKubeconfigYaml } from '../../../src/kube/kubeconfigMerge';

const existing = `# my clusters
apiVersion: v1
kind: Config
clusters:
- name: kind
  cluster: { server: 'https://127.0.0.1:6443' }
- name: aks1
  cluster: { server: 'https://old' }
users:
- name: kind-admin
  user: { token: a }
contexts:
- name: kind
  context: { cluster: kind, user: kind-admin }
current-context: kind
`;
const incoming = `apiVersion: v1
kind: Config
clusters:
- name: aks1
  cluster: { server: 'https://new' }
users:
- name: clusterUser_aks1
  user: { token: b }
contexts:
- name: aks1
  context: { cluster: aks1, user: clusterUser_aks1 }
current-context: aks1
`;

describe('merge an AKS credential into a kubeconfig', () => {
  it('replaces same-named entries, keeps the others and comments, switches current-context', () => {
    const out = mergeKubeconfigYaml(existing, incoming);
    const kc = parse(out) as { clusters: { name: string; cluster: { server: string } }[]; users: { name: string }[]; contexts: { name: string }[]; 'current-context': string };
    assert.deepEqual(kc.clusters.map((c) => `${c.name} ${c.cluster.server}`), ['kind https://127.0.0.1:6443', 'aks1 https://new']);
    assert.deepEqual(kc.users.map((u) => u.name), ['kind-admin', 'clusterUser_aks1']);
    assert.deepEqual(kc.contexts.map((c) => c.name), ['kind', 'aks1']);
    assert.equal(kc['current-context'], 'aks1');
    assert.match(out, /^# my clusters/);
  });

  it('creates the file owner-only when there is none, and refuses broken YAML', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcmerge-'));
    try {
      const file = path.join(dir, '.kube', 'config');
      await mergeIntoKubeconfigFile(file, incoming);
      assert.equal((parse(fs.readFileSync(file, 'utf8')) as { 'current-context': string })['current-context'], 'aks1');
      if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.throws(() => mergeKubeconfigYaml('a: [', incoming), /existing kubeconfig is not valid YAML/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

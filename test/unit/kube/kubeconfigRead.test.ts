// The contexts reader of the Targets tree (yaml only) against @kubernetes/client-node's own loadFromFile as the
// oracle: per file (what client-node parses) and merged (kubectl's rules, as loadKubeconfig applies them).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { loadKubeconfig } from '../../../src/kube/kubeconfig';
import { readKubeContexts } from '../../../src/kube/kubeconfigRead';

const fixtures: Record<string, string> = {
  // A typical single-cluster file with a CA, a namespace and a trailing slash on the server.
  aks: `apiVersion: v1
kind: Config
clusters:
- name: aks-prod
  cluster:
    server: https://aks-prod-dns.hcp.westeurope.azmk8s.io:443/
    certificate-authority-data: LS0tLS1CRUdJTg==
users:
- name: clusterUser_rg_aks-prod
  user:
    token: not-a-real-token
contexts:
- name: aks-prod
  context:
    cluster: aks-prod
    user: clusterUser_rg_aks-prod
    namespace: models
current-context: aks-prod
`,
  // Flow style, quoted names, a context without user, two contexts on one cluster, no current-context.
  flow: `{"apiVersion": "v1", "kind": "Config",
 "clusters": [{"name": "kind-dev", "cluster": {"server": "https://127.0.0.1:6443"}}, {"name": "aks-prod", "cluster": {"server": "https://shadowed:443"}}],
 "users": [{"name": "kind-dev", "user": {"client-certificate-data": "eA==", "client-key-data": "eA=="}}],
 "contexts": [{"name": "kind-dev", "context": {"cluster": "kind-dev", "user": "kind-dev"}},
              {"name": "kind-dev-ro", "context": {"cluster": "kind-dev"}},
              {"name": "aks-prod", "context": {"cluster": "aks-prod", "user": "kind-dev", "namespace": "other"}}]}
`,
  // Anchors and aliases, comments, an exec user, and a context whose cluster no file defines.
  anchors: `# written by hand
apiVersion: v1
kind: Config
preferences: {}
clusters:
- name: &c staging
  cluster:
    server: "https://staging.example:6443"
    insecure-skip-tls-verify: true
users:
- name: exec-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: kubelogin
      args: [get-token]
contexts:
- name: staging
  context: {cluster: *c, user: exec-user}
- name: dangling
  context:
    cluster: nowhere
    user: exec-user
current-context: staging
`,
  // Merge keys: a context that takes its cluster and user from a shared base.
  mergeKeys: `apiVersion: v1
kind: Config
clusters:
- name: shared
  cluster: {server: "https://shared.example:443"}
contexts:
- name: base
  context: &base
    cluster: shared
    user: someone
- name: team-a
  context:
    <<: *base
    namespace: team-a
`,
  // Only a current-context: kubectl takes it when it comes first.
  currentOnly: 'apiVersion: v1\nkind: Config\ncurrent-context: kind-dev\n',
  // No sections at all.
  bare: 'apiVersion: v1\nkind: Config\n',
};

const broken: Record<string, string> = {
  syntax: 'clusters: [unclosed',
  clusterWithoutServer: 'clusters:\n- name: x\n  cluster: {}\n',
  contextWithoutCluster: 'contexts:\n- name: x\n  context:\n    user: u\n',
  userWithoutName: 'users:\n- user:\n    token: t\n',
  contextWithoutName: 'contexts:\n- context:\n    cluster: c\n',
};

/** What client-node's loadFromFile reads from one file, reduced to what the tree shows. */
function oracleOne(file: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  const servers = new Map(kc.clusters.map((c) => [c.name, c.server]));
  return {
    contexts: kc.contexts.map((c) => ({ name: c.name, cluster: c.cluster, server: servers.get(c.cluster), user: c.user, namespace: c.namespace })),
    current: kc.currentContext,
  };
}

describe('kubeconfig contexts without a Kubernetes client (client-node as the oracle)', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-read-'));
    for (const [name, text] of Object.entries({ ...fixtures, ...broken })) fs.writeFileSync(file(name), text);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const name of Object.keys(fixtures)) {
    it(`reads ${name} as client-node's loadFromFile does`, () => {
      const expected = oracleOne(file(name));
      const got = readKubeContexts([file(name)]);
      assert.deepEqual(got.problems, []);
      assert.deepEqual(got.contexts.map(({ current: _, ...c }) => c), expected.contexts);
      assert.equal(got.currentContext, expected.current ?? '');
      assert.deepEqual(got.contexts.filter((c) => c.current).map((c) => c.name), expected.contexts.filter((c) => c.name === expected.current).map((c) => c.name));
    });
  }

  const merges: string[][] = [
    ['aks', 'flow'],
    ['flow', 'aks'],
    ['currentOnly', 'aks', 'flow'],
    ['flow', 'missing', 'anchors', 'aks'],
    ['bare', 'anchors', 'flow', 'currentOnly'],
    ['mergeKeys', 'aks', 'anchors'],
  ];
  for (const order of merges) {
    it(`merges ${order.join(' + ')} as loadKubeconfig does over client-node (first file wins, first current-context)`, () => {
      const files = order.map(file);
      const expected = loadKubeconfig(files);
      const got = readKubeContexts(files);
      assert.deepEqual(got.problems, []);
      assert.deepEqual(got.contexts, expected.contexts);
      assert.equal(got.currentContext, expected.kubeConfig.getCurrentContext());
    });
  }

  for (const name of Object.keys(broken)) {
    it(`refuses ${name} as client-node does, naming the file, and still lists the other files`, () => {
      assert.throws(() => new KubeConfig().loadFromFile(file(name)));
      const expected = loadKubeconfig([file(name), file('aks')]);
      const got = readKubeContexts([file(name), file('aks')]);
      assert.deepEqual(got.problems.map((p) => p.file), [file(name)]);
      assert.deepEqual(got.contexts, expected.contexts);
      // The same words as client-node where it validates (the syntax error differs: another YAML parser).
      if (name !== 'syntax') assert.equal(got.problems[0].message, expected.problems[0].message);
      else assert.match(got.problems[0].message, /line 1/);
    });
  }

  it('reads an empty file as an empty config, as kubectl does (client-node cannot load it)', () => {
    fs.writeFileSync(file('empty'), '');
    assert.throws(() => new KubeConfig().loadFromFile(file('empty')));
    const got = readKubeContexts([file('empty'), file('aks')]);
    assert.deepEqual(got.problems, []);
    assert.deepEqual(got.contexts.map((c) => c.name), ['aks-prod']);
  });

  it('never puts credentials into what it reports', () => {
    const got = JSON.stringify(readKubeContexts([file('aks'), file('flow')]));
    assert.ok(!got.includes('not-a-real-token'));
    assert.ok(!got.includes('eA=='));
  });
});

import assert from 'node:assert/strict';
import type { V1Service } from '@kubernetes/client-node';
import { loadBalancersOf } from '../../../src/kube/services/watchClusterServices';

const service = (name: string, labels: Record<string, string>, type: string, ingress?: { ip?: string; hostname?: string }[]): V1Service => ({
  metadata: { name, namespace: 'models', labels: { 'app.kubernetes.io/managed-by': 'aks-model-deploy', ...labels } },
  spec: { type, ports: [{ name: 'http', port: 80 }] },
  ...(ingress ? { status: { loadBalancer: { ingress } } } : {}),
});

describe('loadBalancersOf: the Targets rows\' load-balancer states from the watched Services', () => {
  it('keeps single services of type LoadBalancer, by namespace/service label: waiting, then the scoring URI', () => {
    const states = loadBalancersOf([
      service('scorer', { 'aksmodel.io/service': 'scorer' }, 'LoadBalancer'),
      service('named-otherwise', { 'aksmodel.io/service': 'iris' }, 'LoadBalancer', [{ hostname: 'iris.example.net' }]),
      service('inside', { 'aksmodel.io/service': 'inside' }, 'ClusterIP'),
      service('ep-blue', { 'aksmodel.io/service': 'ep', 'aksmodel.io/version': 'blue' }, 'LoadBalancer'),
      service('unlabelled', {}, 'LoadBalancer'),
    ]);
    assert.deepEqual([...states.keys()], ['models/scorer', 'models/iris']);
    assert.equal(states.get('models/scorer')?.text, 'load balancer: waiting for an address');
    assert.equal(states.get('models/iris')?.text, 'load balancer: http://iris.example.net/score');
  });
});

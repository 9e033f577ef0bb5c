// A Node that kwok (started by kube-testenv's control plane) plays kubelet for: pods scheduled on it become Running
// and Ready without pulling any image.
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';

export async function addKwokNode(kubeConfig: KubeConfig, name = 'kwok-node-0', cpu = '16'): Promise<void> {
  await kubeConfig.makeApiClient(CoreV1Api).createNode({
    body: {
      metadata: { name, labels: { type: 'kwok' }, annotations: { 'kwok.x-k8s.io/node': 'fake' } },
      status: { capacity: { cpu, memory: '64Gi', pods: '110' }, allocatable: { cpu, memory: '64Gi', pods: '110' } },
    },
  });
}

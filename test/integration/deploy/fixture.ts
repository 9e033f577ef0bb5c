// Shared by the deploy integration tests: a plan from the real parsers and a deploy target for it.
import type { DeployTarget } from '../../../src/kube/deploy';
import { planFor } from '../../unit/manifests/planFixture';

export function target(namespace: string, dc: object = {}, serviceName = 'scorer', image = 'registry.example:5000/scorer:1'): DeployTarget {
  return { plan: planFor(dc, serviceName), serviceName, namespace, image, authProxyImage: 'quay.io/brancz/kube-rbac-proxy:v0.22.0' };
}

// Image references for a deploy: the tag is the plan's content hash, so the same environment is the same image
// (and a registry that already has the tag needs no push).
import type { DeploymentPlan } from '../../core/plan';

/** Docker tags allow 128 characters; 32 hex digits of sha256 are plenty to identify an environment. */
const TAG_LENGTH = 32;

export function imageTag(plan: DeploymentPlan): string {
  return plan.image.contentHash.slice(0, TAG_LENGTH);
}

/** `<registry>/<repository>:<hash>`; the repository defaults to the service name. */
export function imageRefFor(plan: DeploymentPlan, registry: string, repository: string = plan.serviceName): string {
  const host = registry.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, '');
  return `${host}/${repository}:${imageTag(plan)}`;
}

/** The registry host an image is pulled from, as the container runtime reads the reference. */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  const isHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'docker.io';
}

// Image references for a deploy. The tag is the content hash of the built image's inputs (Dockerfile, source tree,
// models: see src/local/imageContent.ts), so a change to score.py or the model is a new tag, the same project is
// the same tag, and a registry that already has the tag needs neither a build nor a push.

/** Docker tags allow 128 characters; 32 hex digits of sha256 are plenty to identify an image's content. */
export const DEPLOY_TAG_LENGTH = 32;

/** The deploy tag for an image content hash (hex sha256). */
export function deployTag(contentHash: string): string {
  if (!/^[0-9a-f]{32,}$/.test(contentHash)) throw new Error(`not a content hash: ${contentHash}`);
  return contentHash.slice(0, DEPLOY_TAG_LENGTH);
}

/** `https://myacr.azurecr.io/` → `myacr.azurecr.io`: the host (and port) Docker names a registry by. */
export function registryHost(registry: string): string {
  return registry.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
}

/**
 * A repository name the registry accepts (lower case, `[a-z0-9]` runs joined by `.`, `_`, `__`, `-`, path
 * components by `/`), made from a service name; `model` when nothing usable is left.
 */
export function repositoryFor(name: string): string {
  const parts = name.toLowerCase().split('/').map((c) => c.replace(/[^a-z0-9._-]+/g, '-').replace(/[._-]{2,}/g, '-').replace(/^[._-]+|[._-]+$/g, '')).filter(Boolean);
  return parts.length ? parts.join('/') : 'model';
}

/** `<registry host>/<repository>:<tag>`. */
export function imageRefFor(registry: string, repository: string, tag: string): string {
  return `${registryHost(registry)}/${repository}:${tag}`;
}

/** The registry host an image is pulled from, as the container runtime reads the reference. */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  const isHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'docker.io';
}

/** Loopback registries speak plain HTTP (Docker treats 127.0.0.0/8 as insecure by default); others HTTPS. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registryHost(registry);
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0];
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

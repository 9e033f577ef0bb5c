// Build and push for a deploy: the image Docker mode builds (same Dockerfile, source, models; same content hash),
// tagged `<registry>/<repository>:<content hash>` and pushed. When the registry already has that tag, nothing is
// built or pushed. The push goes through the docker CLI, so the user's `docker login` / `az acr login` applies.
import { deployTag, imageRefFor, isLoopbackRegistry, registryHost, repositoryFor } from '../core/imageRef';
import type { Logger } from '../core/logger';
import { docker, type DockerOptions } from './dockerCli';
import { buildLocalImage } from './dockerRunner';
import { imageContent } from './imageContent';
import { LocalServiceError } from './localServiceError';
import type { LocalServiceSpec } from './localServiceSpec';
import { explainPushFailure, unreachableError } from './pushErrors';
import { lookupTag, lookupTagWithDocker, type TagLookup } from './registryTags';

export interface PublishProgress {
  readonly step: 'build' | 'push';
  readonly message: string;
}

export interface PublishOptions {
  /** Registry host (and port), e.g. `127.0.0.1:5000` or `myacr.azurecr.io`; a scheme or trailing slash is ignored. */
  readonly registry: string;
  /** Repository in the registry; default: the service name. Made lower case and registry-safe. */
  readonly repository?: string;
  /** Per-project build folder, the one Docker mode uses (`localStorageDir(root, folder, 'docker')`). */
  readonly storageDir: string;
  readonly dockerHost?: string;
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PublishProgress) => void;
}

export interface PublishedImage {
  /** `<registry>/<repository>:<tag>`: what the Deployment pulls. */
  readonly imageRef: string;
  readonly repository: string;
  /** The first 32 hex digits of the content hash. */
  readonly tag: string;
  readonly contentHash: string;
  /** False when the registry already had the tag, or the local image was up to date. */
  readonly built: boolean;
  /** False when the registry already had the tag. */
  readonly pushed: boolean;
  /** The manifest digest, when the registry or the push reported it. */
  readonly digest?: string;
}

export async function publishImage(spec: LocalServiceSpec, opts: PublishOptions): Promise<PublishedImage> {
  const progress = (step: PublishProgress['step'], message: string) => {
    opts.logger.info(`${step}: ${message}`);
    opts.onProgress?.({ step, message });
  };
  const o: DockerOptions = { dockerHost: opts.dockerHost, logger: opts.logger, signal: opts.signal };
  opts.signal?.throwIfAborted();
  const host = registryHost(opts.registry);
  if (!host || /\s/.test(host)) throw new LocalServiceError('pushFailed', `"${opts.registry}" is not a registry address (e.g. myacr.azurecr.io or 127.0.0.1:5000)`);
  const repository = repositoryFor(opts.repository ?? spec.name);
  const content = await imageContent(spec);
  const wanted = imageRefFor(host, repository, deployTag(content.contentHash));

  const found = await findTag(host, repository, wanted, o);
  if (found.state === 'present') {
    progress('push', `${wanted} is already in the registry; nothing to build or push`);
    return { imageRef: wanted, repository, tag: deployTag(content.contentHash), contentHash: content.contentHash, built: false, pushed: false, digest: found.digest };
  }

  progress('build', `building the image for ${spec.name}`);
  const image = await buildLocalImage(spec, {
    storageDir: opts.storageDir, dockerHost: opts.dockerHost, signal: opts.signal, logger: buildLogger(opts.logger, (m) => opts.onProgress?.({ step: 'build', message: m })),
  });
  progress('build', image.built ? `built ${image.tag}` : `${image.tag} is up to date`);
  // The hash buildLocalImage used wins: a file saved between the lookup and the build is in the image.
  const tag = deployTag(image.contentHash);
  const imageRef = imageRefFor(host, repository, tag);

  const tagged = await docker(['tag', image.tag, imageRef], o);
  if (tagged.code !== 0) throw new LocalServiceError('pushFailed', `docker tag ${image.tag} ${imageRef} failed: ${tagged.out.trim().split('\n').at(-1)}`);
  progress('push', `pushing ${imageRef}`);
  const layers = new Map<string, string>();
  let digest: string | undefined;
  const pushed = await docker(['push', imageRef], o, (line) => {
    const l = /^([0-9a-f]{12}): (.+)$/.exec(line.trim());
    if (l) {
      layers.set(l[1], l[2]);
      if (/^(Pushed|Layer already exists|Mounted from)/.test(l[2])) {
        const done = [...layers.values()].filter((s) => /^(Pushed|Layer already exists|Mounted from)/.test(s)).length;
        progress('push', `layer ${l[1]}: ${l[2].replace(/^Layer /, '').replace(/^\w/, (c) => c.toLowerCase())} (${done}/${layers.size})`);
      }
      return;
    }
    const d = /digest: (sha256:[0-9a-f]{64})/.exec(line);
    if (d) digest = d[1];
  });
  opts.signal?.throwIfAborted();
  if (pushed.code !== 0) throw explainPushFailure(host, pushed.out);
  progress('push', `pushed ${imageRef}${digest ? ` (${digest})` : ''}`);
  return { imageRef, repository, tag, contentHash: image.contentHash, built: image.built, pushed: true, digest };
}

/** Asks the registry's API; when it cannot say (credentials, e.g. ACR), asks the docker CLI; else builds and pushes. */
async function findTag(host: string, repository: string, imageRef: string, o: DockerOptions): Promise<TagLookup> {
  const tag = imageRef.slice(imageRef.lastIndexOf(':') + 1);
  const api = await lookupTag(host, repository, tag, { signal: o.signal });
  if (api.state === 'present' || api.state === 'absent') return api;
  // A loopback registry that does not answer is not there (no proxy, no credentials in between): fail before a build.
  if (api.state === 'unreachable' && isLoopbackRegistry(host)) throw unreachableError(host, api.reason);
  o.logger.info(`push: could not ask ${host} for ${imageRef} over its API (${api.reason}); asking docker manifest inspect`);
  const cli = await lookupTagWithDocker(imageRef, o);
  o.signal?.throwIfAborted();
  // Neither Node nor the docker CLI got through, and the CLI did not hear a refusal: the registry is not there.
  if (api.state === 'unreachable' && cli.state === 'unknown' && !/unauthori|denied|authentication|credentials/i.test(cli.reason)) throw unreachableError(host, api.reason);
  if (cli.state === 'unknown') o.logger.info(`push: docker manifest inspect could not tell either (${cli.reason}); building and pushing`);
  return cli;
}

/** docker build's output goes to the log; its "Step n/m" lines are the progress. */
function buildLogger(base: Logger, onStep: (message: string) => void): Logger {
  return {
    ...base,
    info: (m) => {
      base.info(m);
      if (/^Step \d+\/\d+ :/.test(m)) onStep(m.length > 160 ? `${m.slice(0, 157)}...` : m);
    },
  };
}

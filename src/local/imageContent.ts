// What an image for a model folder is made of, computed without building it: the generated Dockerfile and the
// content hash over the Dockerfile, the server hooks, the source tree and the models. The local tag and the deploy
// tag both come from this hash, so the image debugged locally is the image deployed, and "the registry already has
// this tag" can skip the build as well as the push.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { environmentImageTag, renderDockerfile, renderEnvironmentDockerfile } from './dockerfile';
import { imageInputsHash, sha256, type LocalServiceSpec } from './localServiceSpec';
import { gunicornHooksPy } from './serverHooks';
import { treeHash } from './sourceTree';

export interface ImageContent {
  readonly dockerfile: string;
  /** The Python environment's own Dockerfile and tag: built first, once, and kept (a tagged image survives prune). */
  readonly environmentDockerfile: string;
  readonly environmentImage: string;
  /** Hex sha256 over the Dockerfile, the server hooks, the source tree (models excluded) and the models. */
  readonly contentHash: string;
  /** `aksmodel-local/<name>:<16 hex>`: the tag Docker mode builds and runs. */
  readonly localTag: string;
  /** Models inside the source folder: left out of the source copy (they get their own layer). */
  readonly modelsInSource: readonly string[];
}

export const localImageName = (name: string): string =>
  `aksmodel-local/${name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'model'}`;

export async function imageContent(spec: LocalServiceSpec): Promise<ImageContent> {
  const inputsHash = await imageInputsHash(spec);
  const extraSteps = spec.extraDockerfileSteps ? await readFile(spec.extraDockerfileSteps, 'utf8') : undefined;
  const environmentDockerfile = renderEnvironmentDockerfile(spec);
  const environmentImage = environmentImageTag(environmentDockerfile);
  const dockerfile = renderDockerfile({ spec, extraSteps, inputsHash, environmentImage });
  // A model that is the source folder itself (an untrained sample has no model/ yet) is not excluded from it.
  const modelsInSource = spec.modelDirs.map((m) => m.path).filter((p) => {
    const rel = path.relative(spec.sourceDirectory, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
  const tree = await treeHash(spec.sourceDirectory, modelsInSource, spec.modelDirs.map((m) => m.path));
  const contentHash = sha256(inputsHash, dockerfile, gunicornHooksPy, tree);
  return { dockerfile, environmentDockerfile, environmentImage, contentHash, localTag: `${localImageName(spec.name)}:${contentHash.slice(0, 16)}`, modelsInSource };
}

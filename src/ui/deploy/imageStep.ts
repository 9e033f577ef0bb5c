// The image step of a deploy: the image debugged locally (same Dockerfile, same content hash) pushed to the
// target's registry; nothing is built or pushed when the registry already has that tag.
import type { Logger } from '../../core/logger';
import type { LocalServiceSpec } from '../../local';
import { localEngine } from '../engines';

export interface ImageStepOptions {
  registry: string;
  storageDir: string;
  dockerHost: string | undefined;
  logger: Logger;
  signal: AbortSignal;
  /** Shows a step in the progress notification (publishImage logs each step itself). */
  show: (message: string) => void;
}

/** Resolves to the image reference the cluster pulls. */
export async function publishModelImage(spec: LocalServiceSpec, o: ImageStepOptions): Promise<string> {
  const result = await localEngine().publishImage(spec, {
    registry: o.registry,
    storageDir: o.storageDir,
    dockerHost: o.dockerHost,
    logger: o.logger,
    signal: o.signal,
    onProgress: (p) => o.show(`${p.step}: ${p.message}`),
  });
  const done = result.pushed ? `pushed ${result.imageRef}` : `${result.imageRef} is already in the registry: nothing built or pushed`;
  o.logger.info(done);
  o.show(done);
  return result.imageRef;
}

// Which model folders can train their own model (a train.py next to the configs, as the sample has) and whether they
// have yet. Kept apart from training.ts so both runners can explain a missing model without importing the trainer.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LocalServiceError } from './localServiceError';
import type { LocalServiceSpec } from './localServiceSpec';

/** The training script a model folder may carry, next to its configs (the sample's layout). */
export const TRAIN_SCRIPT = 'train.py';
/** The folder the training script writes the model into (modelReferenceFor serves it when it exists). */
export const MODEL_SUBDIR = 'model';

export interface Training {
  readonly folder: string;
  readonly script: string;
  readonly modelDir: string;
}

/** The folder's training script and the model folder it writes, when the folder has a training script. */
export function trainingFor(folder: string): Training | undefined {
  const script = path.join(folder, TRAIN_SCRIPT);
  return existsSync(script) ? { folder, script, modelDir: path.join(folder, MODEL_SUBDIR) } : undefined;
}

export const hasFiles = (dir: string): boolean => {
  try {
    return readdirSync(dir, { withFileTypes: true }).some((e) => e.isFile() || (e.isDirectory() && hasFiles(path.join(dir, e.name))));
  } catch {
    return false;
  }
};

/** True when the folder can train its model and has not yet: a training script and no model files. */
export function modelMissing(folder: string): boolean {
  const t = trainingFor(folder);
  return !!t && !hasFiles(t.modelDir);
}

/**
 * A start that failed in init() of a folder whose model was never trained is reported as `modelMissing`, so the
 * caller can offer Train Model instead of a traceback. Any other error passes through unchanged.
 */
export function explainMissingModel(err: unknown, spec: LocalServiceSpec): unknown {
  if (!(err instanceof LocalServiceError) || (err.kind !== 'initFailed' && err.kind !== 'exited')) return err;
  if (!modelMissing(spec.sourceDirectory)) return err;
  return new LocalServiceError(
    'modelMissing',
    // The exception stays in the details and the log; the message says what to do.
    `${spec.name} has no trained model yet (${MODEL_SUBDIR}/ is missing, so init() failed). Train Model runs ${TRAIN_SCRIPT} with this project's environment.`,
    { ...err.details, trainScript: path.join(spec.sourceDirectory, TRAIN_SCRIPT) },
  );
}

// What makes a folder a "model folder": it holds an entry script or an inference config.
import path from 'node:path';

export const ENTRY_SCRIPT_NAMES = ['score.py'] as const;

/** True for inferenceconfig.json and the variants people write (my_inferenceconfig.json, inference_config.yml...). */
export function isInferenceConfigName(fileName: string): boolean {
  const base = path.basename(fileName).toLowerCase();
  return /^(.*[-_.])?inference[-_]?config([-_.].*)?\.(json|ya?ml)$/.test(base);
}

export function isModelFolderMarker(fileName: string): boolean {
  const base = path.basename(fileName).toLowerCase();
  return (ENTRY_SCRIPT_NAMES as readonly string[]).includes(base) || isInferenceConfigName(base);
}

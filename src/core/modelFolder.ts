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

/** deploymentconfig.json and the names people give it (dc.yml, aks_deploy.json, aksDeploymentConfig.yml...). */
export function isDeploymentConfigName(fileName: string): boolean {
  const base = path.basename(fileName).toLowerCase();
  return /\.(json|ya?ml)$/.test(base) && (/deploy/.test(base) || /^dc\.(json|ya?ml)$/.test(base));
}

export interface ModelFolder {
  /** Absolute path of the folder. */
  readonly folder: string;
  /** Absolute paths of the files in it that matter: entry script and configs, sorted. */
  readonly files: readonly string[];
}

/** Groups marker files into model folders; deployment configs are attached to folders that have a marker. */
export function groupModelFolders(filePaths: readonly string[]): ModelFolder[] {
  const byFolder = new Map<string, Set<string>>();
  for (const file of filePaths) {
    if (!isModelFolderMarker(file)) continue;
    const folder = path.dirname(file);
    if (!byFolder.has(folder)) byFolder.set(folder, new Set());
    byFolder.get(folder)!.add(file);
  }
  for (const file of filePaths) {
    const set = byFolder.get(path.dirname(file));
    if (set && isDeploymentConfigName(file)) set.add(file);
  }
  return [...byFolder.entries()]
    .map(([folder, files]) => ({ folder, files: [...files].sort() }))
    .sort((a, b) => a.folder.localeCompare(b.folder));
}

// The engine's own input: plain data the UI/CLI fills from the DeploymentPlan (kept separate so src/local does not
// depend on the config core while that is being written). Paths are absolute unless said otherwise.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export interface LocalModelDir {
  readonly name: string;
  readonly version: string;
  /** Folder (or file) holding the model on disk. */
  readonly path: string;
}

export interface LocalServiceSpec {
  readonly name: string;
  readonly sourceDirectory: string;
  /** Relative to sourceDirectory, e.g. `score.py`. */
  readonly entryScript: string;
  readonly modelDirs: readonly LocalModelDir[];
  readonly condaFile?: string;
  /** The pip packages of the conda file's pip section (see `condaPipPackages`), installed in process mode. */
  readonly pipPackages?: readonly string[];
  /** `python=3.11` of the conda file, when it has one; process mode checks the interpreter against it. */
  readonly pythonVersion?: string;
  readonly baseImage?: string;
  readonly extraDockerfileSteps?: string;
  readonly environmentVariables: Readonly<Record<string, string>>;
  readonly scoringTimeoutMs: number;
  readonly workerCount: number;
}

/** Public image users can pull; a setting / `baseImage` overrides it (tests use a locally built one). */
export const DEFAULT_BASE_IMAGE = 'python:3.11-slim';

/** The server and debugger packages every local environment gets on top of the user's own. */
export const SERVER_PACKAGES: readonly string[] = ['azureml-inference-server-http', 'debugpy'];

export const sha256 = (...parts: readonly string[]): string => {
  const h = createHash('sha256');
  // Length-prefixed so ("ab","c") and ("a","bc") differ.
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest('hex');
};

const readOrEmpty = async (file: string | undefined): Promise<string> => (file ? readFile(file, 'utf8') : '');

/**
 * The image's inputs in the Azure ML v1 sense (base image + conda content + extra Docker steps): the same hash means
 * the same environment layer, so an unchanged project is not rebuilt. Source and models are not part of it.
 */
export async function imageInputsHash(spec: LocalServiceSpec): Promise<string> {
  return sha256(spec.baseImage ?? DEFAULT_BASE_IMAGE, await readOrEmpty(spec.condaFile), await readOrEmpty(spec.extraDockerfileSteps));
}

/** The venv's inputs: interpreter version + pip packages (order-insensitive) + the server packages. */
export function venvInputsHash(pythonVersion: string, pipPackages: readonly string[]): string {
  const pkgs = [...new Set([...pipPackages, ...SERVER_PACKAGES].map((p) => p.trim()).filter(Boolean))].sort();
  return sha256(pythonVersion, ...pkgs);
}

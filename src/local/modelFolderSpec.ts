// A model folder as a local service: its two configs read and validated by the core parser, the DeploymentPlan
// built from them, and the LocalServiceSpec the runners take. Used by the UI and the CLI alike.
import fs from 'node:fs';
import path from 'node:path';
import { parseDeploymentConfig, parseInferenceConfig, type InferenceConfig, type Problem } from '../core/config';
import { joinPath } from '../core/config/paths';
import { isDeploymentConfigName, isInferenceConfigName } from '../core/modelFolder';
import { buildDeploymentPlan, type DeploymentPlan, type ModelReference } from '../core/plan';
import { condaPipPackages } from './condaPipPackages';
import { hasControlCharacters, shown } from './dockerfileText';
import { DEFAULT_BASE_IMAGE, type LocalServiceSpec } from './localServiceSpec';

export interface FolderSpecOptions {
  /** Base image when the config sets none (a setting); defaults to a public Python image. */
  readonly defaultBaseImage?: string;
}

export type FolderSpecResult =
  | { ok: true; spec: LocalServiceSpec; plan: DeploymentPlan; notes: string[] }
  | { ok: false; problems: string[] };

const readText = (p: string): string | undefined => {
  try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; }
};

function findConfig(folder: string, match: (name: string) => boolean, canonical: string): string | undefined {
  const names = fs.readdirSync(folder).filter(match).sort((a, b) => Number(b === canonical) - Number(a === canonical) || a.localeCompare(b));
  return names.length ? path.join(folder, names[0]) : undefined;
}

const describe = (file: string, problems: readonly Problem[]) =>
  problems.filter((p) => p.severity === 'error' || p.engineRefuses).map((p) => `${file}:${p.range.start.line + 1}:${p.range.start.column + 1}: ${p.message}${p.path ? ` (${p.path})` : ''}`);

/** Service names follow v1's rule (lowercase, digits, dashes, a letter first); a folder name is made to fit. */
export function serviceNameFor(folder: string): string {
  const name = path.basename(folder).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 32);
  return name.length >= 3 ? name : `model-${name}`.slice(0, 32);
}

/** The folder's model files: a `model/` sub-folder when there is one (the sample's layout), else the folder. */
export function modelReferenceFor(folder: string): ModelReference {
  const sub = path.join(folder, 'model');
  return { name: serviceNameFor(folder), version: 1, localPath: fs.existsSync(sub) ? sub : folder };
}

export function localSpecForFolder(folder: string, options: FolderSpecOptions = {}): FolderSpecResult {
  // The folder's name becomes a path in the image and a Dockerfile word: a line break there is refused up front.
  if (hasControlCharacters(path.basename(folder))) {
    return { ok: false, problems: [`The folder name ${shown(path.basename(folder))} holds a line break or control character; rename the folder (an image path cannot carry it).`] };
  }
  const notes: string[] = [];
  const access = { fileExists: (p: string) => fs.existsSync(p), readFile: readText };
  const inferenceFile = findConfig(folder, isInferenceConfigName, 'inferenceconfig.json');
  let inferenceText = inferenceFile ? readText(inferenceFile) : undefined;
  const inferenceName = inferenceFile ?? path.join(folder, 'inferenceconfig.json');
  if (inferenceText === undefined) {
    // v1 needed an inference config; a folder with only score.py (and maybe conda.yml) still runs locally.
    if (!fs.existsSync(path.join(folder, 'score.py'))) return { ok: false, problems: [`${folder} has neither an inferenceconfig.json nor a score.py.`] };
    inferenceText = JSON.stringify({ entryScript: 'score.py', ...(fs.existsSync(path.join(folder, 'conda.yml')) ? { condaFile: 'conda.yml' } : {}) });
    notes.push('No inferenceconfig.json: serving score.py' + (fs.existsSync(path.join(folder, 'conda.yml')) ? ' with conda.yml.' : '.'));
  }
  const inference = parseInferenceConfig(inferenceText, { ...access, fileName: inferenceName });
  const deploymentFile = findConfig(folder, (n) => isDeploymentConfigName(n) && !isInferenceConfigName(n), 'deploymentconfig.json');
  const deploymentText = (deploymentFile && readText(deploymentFile)) ?? '{"computeType": "aks"}';
  const deployment = parseDeploymentConfig(deploymentText, { fileName: deploymentFile ?? path.join(folder, 'deploymentconfig.json') });
  const problems = [...describe(inferenceName, inference.problems), ...(deploymentFile ? describe(deploymentFile, deployment.problems) : [])];
  if (!inference.config || !deployment.config || problems.length) return { ok: false, problems: problems.length ? problems : ['The configs could not be read.'] };

  const planned = buildDeploymentPlan({ inference: inference.config, deployment: deployment.config, models: [modelReferenceFor(folder)], serviceName: serviceNameFor(folder), readFile: readText, deploymentDir: path.dirname(deploymentFile ?? path.join(folder, 'deploymentconfig.json')) });
  if (!planned.ok) return { ok: false, problems: planned.problems };
  const plan = planned.plan;
  const ic = inference.config;
  const condaRel = ic.environment?.python.condaDependenciesFile ?? ic.condaFile;
  const conda = plan.image.condaSpecification ? condaPipPackages(plan.image.condaSpecification) : undefined;
  if (conda?.condaOnly.length) notes.push(`Conda-only packages are not installed in process mode: ${conda.condaOnly.join(', ')}.`);
  const spec: LocalServiceSpec = {
    name: plan.serviceName,
    sourceDirectory: plan.image.sourceDirectory,
    entryScript: plan.image.entryScript,
    modelDirs: plan.models.map((m) => ({ name: m.name, version: String(m.version), path: m.localPath })),
    condaFile: condaRel ? joinPath(plan.image.sourceDirectory, condaRel) : undefined,
    pipPackages: conda?.pipPackages,
    pythonVersion: conda?.pythonVersion,
    // Locally the default is a public Python image anyone can pull, not v1's Azure ML base image.
    baseImage: configuredBaseImage(ic) ?? options.defaultBaseImage ?? DEFAULT_BASE_IMAGE,
    extraDockerfileSteps: ic.extraDockerfileSteps ? joinPath(plan.image.sourceDirectory, ic.extraDockerfileSteps) : undefined,
    environmentVariables: { ...(ic.environment?.environmentVariables ?? {}) },
    scoringTimeoutMs: plan.timeouts.scoringTimeoutMs,
    workerCount: plan.concurrency.workerCount,
  };
  return { ok: true, spec, plan, notes };
}

function configuredBaseImage(ic: InferenceConfig): string | undefined {
  return ic.environment?.docker.baseImage ?? ic.baseImage;
}

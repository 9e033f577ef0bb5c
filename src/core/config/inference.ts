// inferenceconfig.json: the typed, defaulted config and the rules that span several fields.
import { INFERENCE_FIELDS } from './inferenceFields';
import { dirName, isAbsolutePath, joinPath } from './paths';
import type { SrcObject } from './source';
import type { LineIndex } from './text';
import { type Values, walkObject, WalkContext } from './walk';
import { condaFileProblem, condaMentionsServer, readCondaDependencies } from './conda';

export interface RegistryConfig {
  address?: string;
  username?: string;
  password?: string;
}

export interface EnvironmentConfig {
  name?: string;
  version?: string;
  environmentVariables?: Record<string, string>;
  python: {
    condaDependencies?: unknown;
    condaDependenciesFile?: string;
    userManagedDependencies: boolean;
    interpreterPath: string;
    baseCondaEnvironment?: string;
  };
  docker: {
    baseImage?: string;
    baseDockerfile?: string;
    baseImageRegistry?: RegistryConfig;
    enabled: boolean;
    shmSize?: string;
    arguments?: string[];
  };
  inferencingStackVersion?: string;
}

export interface InferenceConfig {
  entryScript: string;
  /** As written, or "." (the config file's folder) when unset. */
  sourceDirectory: string;
  /** sourceDirectory joined onto the config file's folder; every other path is relative to this. */
  resolvedSourceDirectory: string;
  environment?: EnvironmentConfig;
  runtime?: 'python' | 'spark-py' | 'python-slim';
  condaFile?: string;
  extraDockerfileSteps?: string;
  enableGpu: boolean;
  cudaVersion?: string;
  baseImage?: string;
  baseImageRegistry?: RegistryConfig;
  description?: string;
  schemaFile?: string;
  dependencies?: string[];
}

export interface FileAccess {
  /** The folder relative paths start from, as v1's CLI had it (the working directory). Absent: the config's folder. */
  cwd?: string;
  /** Whether the Python file parses (ast.parse through the project's Python): an error message, undefined when it
   * parses, null when there is no Python to ask. Absent: not checked. */
  pythonSyntaxError?: (path: string) => string | undefined | null;
  /** Whether a path (file or folder) exists. Absent: existence is not checked (pure validation, e.g. a webview). */
  fileExists?: (path: string) => boolean;
  /** Text of a file, or undefined when it cannot be read. Absent: file contents are not inspected. */
  readFile?: (path: string) => string | undefined;
}

const LEGACY_WITH_ENVIRONMENT = ['runtime', 'condaFile', 'extraDockerfileSteps', 'enableGpu', 'cudaVersion', 'baseImage'] as const;

export function validateInference(root: SrcObject, lines: LineIndex, fileName: string, files: FileAccess, baseDir?: string): { config?: InferenceConfig; values: InferenceConfig; ctx: WalkContext } {
  const ctx = new WalkContext(lines, root);
  const v = walkObject(ctx, root, INFERENCE_FIELDS, '') as Values;
  const env = v.environment as (Values & { python: Values; docker: Values }) | undefined;

  const entry = v.entryScript as string | undefined;
  if (entry !== undefined && !/\.py$/i.test(entry)) {
    ctx.report('error', `entryScript must be a Python file (.py); found "${entry}".`, 'entryScript', ctx.rangeOf('entryScript'));
  }
  if (env) {
    for (const f of LEGACY_WITH_ENVIRONMENT) {
      if (ctx.isWritten(f)) {
        ctx.report('error', `${f} cannot be used together with environment; move it into the environment block (or drop environment).`, f, ctx.rangeOf(f, 'key'));
      }
    }
    if (ctx.isWritten('baseImageRegistry')) {
      ctx.report('warning', 'baseImageRegistry is ignored when environment is set; use environment.docker.baseImageRegistry.', 'baseImageRegistry', ctx.rangeOf('baseImageRegistry', 'key'));
    }
    if (env.docker.baseImage !== undefined && env.docker.baseDockerfile !== undefined) {
      ctx.report('error', 'environment.docker.baseImage and baseDockerfile exclude each other; keep one.', 'environment.docker.baseDockerfile', ctx.rangeOf('environment.docker.baseDockerfile', 'key'));
    }
  } else if (v.runtime === undefined && ctx.problems.every((p) => p.severity !== 'error')) {
    ctx.report('warning', 'Neither environment nor runtime is set; a plain Python image with the Azure ML inference server will be used.', '', ctx.rangeOf(''));
  }
  if (!v.enableGpu && ctx.isWritten('cudaVersion') && !env) {
    ctx.report('warning', 'cudaVersion is ignored unless enableGpu is true.', 'cudaVersion', ctx.rangeOf('cudaVersion'));
  }
  if (v.enableGpu && v.cudaVersion === undefined && !env) v.cudaVersion = '9.1';
  for (const key of ['baseImageRegistry'] as const) {
    if (typeof v[key] === 'string') v[key] = { address: v[key] };
  }
  if (env && typeof env.docker.baseImageRegistry === 'string') env.docker.baseImageRegistry = { address: env.docker.baseImageRegistry };

  if (env) checkEnvironmentVariables(ctx, 'environment.environmentVariables');

  const configDir = baseDir ?? dirName(fileName);
  v.sourceDirectory ??= '.';
  v.resolvedSourceDirectory = joinPath(configDir, v.sourceDirectory as string);
  checkSourceScope(ctx, v.sourceDirectory as string, v.resolvedSourceDirectory as string);
  checkPaths(ctx, v, env, files);
  if (env && !env.python.userManagedDependencies) checkServerPackage(ctx, v, env, files);

  const hasError = ctx.problems.some((p) => p.severity === 'error');
  return { config: hasError ? undefined : (v as unknown as InferenceConfig), values: v as unknown as InferenceConfig, ctx };
}

/**
 * Everything under sourceDirectory goes into the image. An absolute path or one that climbs out of the config's
 * folder is legitimate (a config kept in deploy/ with sourceDirectory "..") but was copied without a word: warn and
 * name the folder. A filesystem root would copy the whole machine: refused.
 */
function checkSourceScope(ctx: WalkContext, written: string, resolved: string): void {
  if (!ctx.isWritten('sourceDirectory')) return;
  if (/^([A-Za-z]:)?[\\/]*$/.test(resolved)) {
    ctx.refuse(`sourceDirectory "${written}" is a filesystem root (${resolved}); it would copy the whole disk into the image. Point it at the project folder.`, 'sourceDirectory', ctx.rangeOf('sourceDirectory'));
    return;
  }
  const rel = joinPath('', written);
  const climbs = rel === '..' || /^\.\.[\\/]/.test(rel);
  if (isAbsolutePath(written) || climbs) {
    ctx.report('warning', `sourceDirectory "${written}" is outside this config's folder: everything in ${resolved} (except what its .amlignore/.gitignore and the secret deny list leave out) goes into the image.`, 'sourceDirectory', ctx.rangeOf('sourceDirectory'));
  }
}

function checkPaths(ctx: WalkContext, v: Values, env: (Values & { python: Values }) | undefined, files: FileAccess): void {
  const exists = files.fileExists;
  if (!exists) return;
  const src = v.resolvedSourceDirectory as string;
  if (ctx.isWritten('sourceDirectory') && !exists(src)) {
    ctx.report('error', `sourceDirectory "${String(v.sourceDirectory)}" does not exist (looked for ${src}).`, 'sourceDirectory', ctx.rangeOf('sourceDirectory'));
    return; // every other path would fail for the same reason
  }
  const check = (path: string, rel: unknown) => {
    if (typeof rel !== 'string') return;
    const full = joinPath(src, rel);
    if (!exists(full)) {
      ctx.report('error', `${path} "${rel}" does not exist under sourceDirectory (looked for ${full}).`, path, ctx.rangeOf(path));
    }
  };
  // A conda file that does not parse failed only at serve/deploy time, with a stack trace; say so here instead.
  const checkConda = (path: string, rel: unknown) => {
    if (typeof rel !== 'string' || !exists(joinPath(src, rel))) return;
    const text = files.readFile?.(joinPath(src, rel));
    const why = text === undefined ? undefined : condaFileProblem(text, rel);
    if (why) ctx.refuse(`${path}: the conda file cannot be read: ${why}`, path, ctx.rangeOf(path));
  };
  check('entryScript', v.entryScript);
  check('condaFile', v.condaFile);
  checkConda('condaFile', v.condaFile);
  check('extraDockerfileSteps', v.extraDockerfileSteps);
  check('schemaFile', v.schemaFile);
  (v.dependencies as string[] | undefined)?.forEach((d, i) => check(`dependencies[${i}]`, d));
  if (env) check('environment.python.condaDependenciesFile', env.python.condaDependenciesFile);
  if (env) checkConda('environment.python.condaDependenciesFile', env.python.condaDependenciesFile);
}

/**
 * Variable names Kubernetes accepts, values without line breaks: both end up in the image's Dockerfile and in the
 * Deployment, where a line break would start a new Dockerfile instruction (and Kubernetes refuses such a name).
 */
function checkEnvironmentVariables(ctx: WalkContext, path: string): void {
  const node = ctx.written.get(path)?.value;
  if (node?.kind !== 'object') return;
  const shown = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
  for (const e of node.entries) {
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(e.key)) {
      ctx.refuse(`${path}: ${shown(e.key)} is not a valid variable name; use letters, digits, "_", "-" and ".", not starting with a digit.`, path, ctx.lines.range(e.keySpan.start, e.keySpan.end));
    } else if (e.value.kind === 'scalar' && typeof e.value.value === 'string' && /[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/.test(e.value.value)) {
      ctx.refuse(`${path}.${e.key} holds a line break or control character, which an image's ENV cannot carry.`, `${path}.${e.key}`, ctx.lines.range(e.value.start, e.value.end));
    }
  }
}

/** v1 images served requests through azureml-defaults; without it (or the server itself) nothing answers /score. */
function checkServerPackage(ctx: WalkContext, v: Values, env: Values & { python: Values }, files: FileAccess): void {
  let deps: unknown = env.python.condaDependencies;
  let where = 'environment.python.condaDependencies';
  const file = env.python.condaDependenciesFile as string | undefined;
  if (deps === undefined && file !== undefined) {
    const text = files.readFile?.(joinPath(v.resolvedSourceDirectory as string, file));
    if (text === undefined) return;
    deps = readCondaDependencies(text);
    where = 'environment.python.condaDependenciesFile';
  }
  if (deps === undefined || condaMentionsServer(deps)) return;
  ctx.report(
    'warning',
    'The conda dependencies do not list azureml-defaults or azureml-inference-server-http; the scoring server will be missing from the image. Add "azureml-defaults" under pip.',
    where,
    ctx.rangeOf(where),
  );
}

// The entry points: read a config file (text or bytes, JSON or YAML), tell which kind it is, validate it.
// Nothing here throws; every failure is a Problem with a range inside the file.
import { type DeploymentConfig, validateDeployment } from './deployment';
import { type FileAccess, type InferenceConfig, validateInference } from './inference';
import type { Problem } from './problem';
import { readSource, type SourceDocument, type SrcNode } from './source';
import type { WalkContext } from './walk';
import { DEPLOYMENT_MARKERS, INFERENCE_MARKERS, kindFromFileName, type ConfigKind } from './configKind';
import { dirName, joinPath } from './paths';
import { v1DeploymentVerdict, v1InferenceVerdict, type V1Files, type V1Verdict } from './v1Verdict';

export { kindFromFileName, type ConfigKind };

export interface ParseOptions extends FileAccess {
  /** The file's name or path: picks the format (.json/.yml), the kind, and the folder paths are relative to. */
  fileName?: string;
  /** Skip detection when the caller already knows. */
  kind?: ConfigKind;
}

export interface ConfigResult<T> {
  /** Present exactly when there is no error (warnings may remain). */
  config?: T;
  problems: Problem[];
}

export type AnyConfigResult =
  | ({ kind: 'inference' } & ConfigResult<InferenceConfig>)
  | ({ kind: 'deployment' } & ConfigResult<DeploymentConfig>)
  | ({ kind: undefined } & ConfigResult<never>);



/** The fields that alone make a file a config; other tools' YAML (app.yaml has `runtime`) never has them. */
const STRONG_INFERENCE_MARKERS = ['entryScript', 'environment'];
const STRONG_DEPLOYMENT_MARKERS = ['computeType'];

/**
 * The kind the content says, from fields only one of the two files has. `strong` keeps to the fields that
 * identify a config on their own: what the editor uses to decide whether an arbitrary JSON/YAML file is one.
 */
export function kindFromContent(root: SrcNode | undefined, strong = false): ConfigKind | undefined {
  if (root?.kind !== 'object') return undefined;
  const keys = new Set(root.entries.map((e) => e.key));
  const inference = (strong ? STRONG_INFERENCE_MARKERS : INFERENCE_MARKERS).some((k) => keys.has(k));
  const deployment = (strong ? STRONG_DEPLOYMENT_MARKERS : DEPLOYMENT_MARKERS).some((k) => keys.has(k));
  if (inference === deployment) return undefined;
  return inference ? 'inference' : 'deployment';
}

export function parseInferenceConfig(input: string | Uint8Array, options: ParseOptions = {}): ConfigResult<InferenceConfig> {
  const r = parseConfigFile(input, { ...options, kind: 'inference' });
  return { config: r.config as InferenceConfig | undefined, problems: r.problems };
}

export function parseDeploymentConfig(input: string | Uint8Array, options: ParseOptions = {}): ConfigResult<DeploymentConfig> {
  const r = parseConfigFile(input, { ...options, kind: 'deployment' });
  return { config: r.config as DeploymentConfig | undefined, problems: r.problems };
}

export function parseConfigFile(input: string | Uint8Array, options: ParseOptions = {}): AnyConfigResult {
  const fileName = options.fileName ?? '';
  let doc: SourceDocument | undefined;
  try {
    doc = readSource(input, fileName);
    const result = validateDocument(doc, options);
    // File order reads best in the Problems panel and the CLI; the sort is stable, so ties keep rule order.
    result.problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
    return result;
  } catch (e) {
    // A last guard: a bug here must show up as a problem in the editor, never as an exception in the host.
    const message = `Internal error while reading this file (please report it): ${e instanceof Error ? e.message : String(e)}`;
    const range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
    return { kind: options.kind, problems: [{ severity: 'error', message, path: '', range }] } as AnyConfigResult;
  }
}

function validateDocument(doc: SourceDocument, options: ParseOptions): AnyConfigResult {
  const fileName = options.fileName ?? '';
  const byName = kindFromFileName(fileName);
  const byContent = kindFromContent(doc.root);
  const kind = options.kind ?? byName ?? byContent;
  const problems = [...doc.problems];
  const root = doc.root;
  if (!root) return { kind, problems } as AnyConfigResult;
  const rootRange = doc.lines.range(root.start, Math.min(root.end, root.start + 1));
  if (root.kind !== 'object') {
    const found = root.kind === 'array' ? 'a list' : 'a single value';
    problems.push({ severity: 'error', message: `A config file holds one object ({...}); this one holds ${found}.`, path: '', range: rootRange });
    return { kind, problems } as AnyConfigResult;
  }
  if (!kind) {
    problems.push({
      severity: 'error',
      message: 'Cannot tell whether this is an inference config (has entryScript/environment) or a deployment config (has computeType); add that field, or name the file *inferenceconfig*/*deploymentconfig*.',
      path: '',
      range: rootRange,
    });
    return { kind: undefined, problems };
  }
  if (!options.kind && byName && byContent && byName !== byContent) {
    problems.push({ severity: 'warning', message: `The file name says ${article(byName)} config but the content looks like ${article(byContent)} config; it is read as ${article(byName)} config.`, path: '', range: rootRange });
  }
  const { verdict, baseDir, note } = v1Judgement(kind, root, options);
  let result: { config?: InferenceConfig | DeploymentConfig; values: InferenceConfig | DeploymentConfig; ctx: WalkContext };
  if (kind === 'inference') result = validateInference(root, doc.lines, options.fileName ?? '', options, baseDir);
  else result = validateDeployment(root, doc.lines);
  problems.push(...result.ctx.problems);
  if (note) problems.push({ severity: 'warning', message: note, path: '', range: rootRange });
  reconcileWithV1(problems, verdict, result.ctx, rootRange);
  const config = problems.some((p) => p.severity === 'error') ? undefined : (result.config ?? result.values);
  return { kind, config, problems } as AnyConfigResult;
}

/**
 * The contract: an error exactly when Azure ML v1 refused the file. What v1 accepted but we judge wrong stays a
 * warning (the message says what v1 did with it); what v1 refused and we missed gets v1's reason as the error.
 */
function reconcileWithV1(problems: Problem[], verdict: V1Verdict, ctx: WalkContext, rootRange: Problem['range']): void {
  if (verdict.accept) {
    for (const p of problems) {
      if (p.severity !== 'error') continue;
      p.severity = 'warning';
      p.message = p.engineRefuses
        ? `${p.message} (Azure ML v1 accepted this file, so this is a warning; Run Locally and deploy refuse it.)`
        : `${p.message} (Azure ML v1 accepted this file, so this is a warning.)`;
    }
    return;
  }
  // v1's own reason goes in too unless an error of ours already points at the same field.
  if (problems.some((p) => p.severity === 'error' && p.path === verdict.path)) return;
  const range = verdict.path && ctx.rangeOf ? ctx.rangeOf(verdict.path) : rootRange;
  problems.push({ severity: 'error', message: verdict.reason ?? 'Azure ML v1 refused this file.', path: verdict.path, range });
}

/**
 * v1's verdict, with relative paths from the working directory as v1's CLI had them; when that fails, from the
 * config's folder and its parents up to the repository root (the first folder where v1's checks pass is used).
 */
function v1Judgement(kind: ConfigKind, root: SrcNode, options: ParseOptions): { verdict: V1Verdict; baseDir?: string; note?: string } {
  const files: V1Files = { fileExists: options.fileExists, pythonSyntaxError: options.pythonSyntaxError };
  if (kind === 'deployment') return { verdict: v1DeploymentVerdict(root, { ...files, cwd: options.cwd ?? dirName(options.fileName ?? '') }) };
  const configDir = dirName(options.fileName ?? '');
  const candidates = [options.cwd, ...folderAndParents(configDir, options.fileExists)].filter((d): d is string => d !== undefined && d !== '');
  const unique = [...new Set(candidates)];
  if (unique.length === 0 || !options.fileExists) return { verdict: v1InferenceVerdict(root, files), baseDir: options.cwd };
  // The first folder that holds the source directory and entry script (v1 may still refuse the file there).
  const pathsFound = (v: V1Verdict) => v.accept || !/^(source directory|entry_script) .*doesn't exist/.test(v.reason ?? '');
  const first = v1InferenceVerdict(root, { ...files, cwd: unique[0] });
  let chosen = { verdict: first, baseDir: unique[0] };
  if (!pathsFound(first)) {
    for (const dir of unique.slice(1)) {
      const v = v1InferenceVerdict(root, { ...files, cwd: dir });
      if (pathsFound(v)) {
        chosen = { verdict: v, baseDir: dir };
        break;
      }
    }
  }
  const notes: string[] = [];
  if (chosen.baseDir !== unique[0] && options.cwd !== undefined) {
    notes.push(`Relative paths were resolved from ${chosen.baseDir}: from the working directory ${options.cwd}, where Azure ML v1's CLI looked, they do not exist.`);
  }
  if (chosen.verdict.accept && chosen.verdict.syntaxNotChecked) notes.push('The entry script\'s syntax was not checked (no Python found to run ast.parse, which Azure ML v1 did).');
  return { ...chosen, note: notes.length ? notes.join(' ') : undefined };
}

/** The folder and its parents, stopping at the repository root (a folder with .git) or the file system root. */
function folderAndParents(dir: string, exists?: (p: string) => boolean): string[] {
  const out: string[] = [];
  let d = dir;
  for (let i = 0; d && i < 32; i++) {
    out.push(d);
    if (exists?.(joinPath(d, '.git'))) break;
    const up = dirName(d);
    if (!up || up === d) break;
    d = up;
  }
  return out;
}

function article(kind: ConfigKind): string {
  return kind === 'inference' ? 'an inference' : 'a deployment';
}

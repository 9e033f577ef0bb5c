// Just enough conda-file reading to tell whether the Azure ML scoring server will be installed.
import { readSource } from './source';
import { toPlain } from './walk';

const SERVER_PACKAGES = /^(azureml-defaults|azureml-inference-server-http)\b/i;

/** The parsed conda specification, or undefined when the text is not YAML (that is reported elsewhere, at build). */
export function readCondaDependencies(text: string): unknown {
  // readSource, not yaml.parse: it refuses pathological nesting that would abort the process.
  const doc = readSource(text, 'conda.yml');
  return doc.root ? toPlain(doc.root) : undefined;
}

/** Why a conda file cannot be used, in one line with its 1-based line, or undefined when it reads as a mapping. */
export function condaFileProblem(text: string, fileName: string): string | undefined {
  const doc = readSource(text, fileName.endsWith('.json') ? fileName : 'conda.yml');
  const p = doc.problems.find((x) => x.severity === 'error');
  if (p) return `${fileName} line ${p.range.start.line + 1}: ${p.message.split('\n')[0]}`;
  if (doc.root?.kind !== 'object') return `${fileName}: a conda file is a YAML mapping (name:, channels:, dependencies:).`;
  return undefined;
}

/** True when `dependencies` (or a nested `pip:` list) names the scoring server package. */
export function condaMentionsServer(spec: unknown): boolean {
  const deps = (spec as { dependencies?: unknown } | null)?.dependencies;
  if (!Array.isArray(deps)) return false;
  return deps.some((d) => {
    if (typeof d === 'string') return SERVER_PACKAGES.test(d.trim());
    const pip = (d as { pip?: unknown } | null)?.pip;
    return Array.isArray(pip) && pip.some((p) => typeof p === 'string' && SERVER_PACKAGES.test(p.trim()));
  });
}

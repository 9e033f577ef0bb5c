// Reads the two things process mode needs from a conda file: the pip section and the python pin. Conda-only
// packages cannot be installed by pip; they are returned so the caller can warn about them.
import { readCondaDependencies } from '../core/config/conda';

export interface CondaPipInfo {
  readonly pipPackages: readonly string[];
  readonly pythonVersion?: string;
  /** Conda dependencies other than python/pip, which a pip-only venv will not have. */
  readonly condaOnly: readonly string[];
}

export function condaPipPackages(condaYaml: string): CondaPipInfo {
  // The parser `validate` uses, so a file it accepts reads the same here and a broken one never throws a stack trace.
  const parsed = readCondaDependencies(condaYaml) as { dependencies?: unknown } | undefined;
  const doc = { dependencies: Array.isArray(parsed?.dependencies) ? (parsed.dependencies as unknown[]) : [] };
  const pipPackages: string[] = [];
  const condaOnly: string[] = [];
  let pythonVersion: string | undefined;
  for (const dep of doc.dependencies ?? []) {
    if (typeof dep === 'string') {
      const m = /^python\s*[=<>!~]*\s*([\d.]+)?/.exec(dep);
      if (m && /^python(\s|=|<|>|!|~|$)/.test(dep)) pythonVersion = m[1];
      else if (!/^pip(\s|=|$)/.test(dep)) condaOnly.push(dep);
    } else if (dep && typeof dep === 'object' && Array.isArray((dep as { pip?: unknown }).pip)) {
      pipPackages.push(...((dep as { pip: unknown[] }).pip.map(String)));
    }
  }
  return { pipPackages, pythonVersion, condaOnly };
}

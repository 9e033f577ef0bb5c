// Which open documents are config files, and their problems: the decision the editor adapter makes on every
// edit, kept here so it is tested in plain Node and shared by any other front end.
import { kindFromFileName, type ParseOptions, parseConfigFile } from './parse';
import type { Problem } from './problem';

const CONFIG_EXTENSIONS = /\.(json|jsonc|ya?ml)$/i;

/**
 * Problems for a document, or undefined when it is not an Azure ML config (so the editor stays quiet on
 * package.json and friends). A name that says the kind always counts, even when its content is broken; any
 * other JSON/YAML file counts only when its content has fields only a config has.
 */
export function configProblemsForDocument(fileName: string, text: string, access: Omit<ParseOptions, 'fileName' | 'kind'> = {}): Problem[] | undefined {
  if (!CONFIG_EXTENSIONS.test(fileName)) return undefined;
  const byName = kindFromFileName(fileName);
  const r = parseConfigFile(text, { ...access, fileName });
  if (!byName && r.kind === undefined) return undefined;
  return r.problems;
}

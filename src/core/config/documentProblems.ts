// Which open documents are config files, and their problems: the decision the editor adapter makes on every
// edit, kept here so it is tested in plain Node and shared by any other front end.
import { kindFromContent, type ParseOptions, parseConfigFile } from './parse';
import { readSource } from './source';
import type { Problem } from './problem';

const CONFIG_EXTENSIONS = /\.(json|jsonc|ya?ml)$/i;
/** Names that announce a config even while its content is broken. Plainer names (deploy.yml is often a CI
 * workflow) must show a config field first. */
const CONFIG_NAME = /(inference|deploy(ment)?)[-_ ]?config[^\\/]*$/i;

/**
 * Problems for a document, or undefined when it is not an Azure ML config (so the editor stays quiet on
 * package.json and friends). A name like *inferenceconfig* or *deployment_config* always counts, even when its
 * content is broken; any other JSON/YAML file counts only when it has a field that marks a config on its own (entryScript,
 * environment, computeType), so app.yaml (`runtime:`) or a conda file stays quiet.
 */
export function configProblemsForDocument(fileName: string, text: string, access: Omit<ParseOptions, 'fileName' | 'kind'> = {}): Problem[] | undefined {
  if (!CONFIG_EXTENSIONS.test(fileName)) return undefined;
  if (!CONFIG_NAME.test(fileName) && !kindFromContent(readSource(text, fileName).root, true)) return undefined;
  return parseConfigFile(text, { ...access, fileName }).problems;
}

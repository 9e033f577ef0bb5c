// Which kind of config a file is, from its name or its top-level fields. Dependency-free on purpose: the editor
// adapter asks this on every opened document before it loads the parser (a bundle of its own).
export type ConfigKind = 'inference' | 'deployment';

export const INFERENCE_MARKERS = ['entryScript', 'environment', 'runtime', 'sourceDirectory', 'condaFile'];
export const DEPLOYMENT_MARKERS = ['computeType', 'autoScaler', 'numReplicas', 'containerResourceRequirements', 'authEnabled'];

const CONFIG_EXTENSIONS = /\.(json|jsonc|ya?ml)$/i;
const MARKER_KEY = new RegExp(`["']?\\b(${[...INFERENCE_MARKERS, ...DEPLOYMENT_MARKERS].join('|')})\\b["']?\\s*:`);

/** The kind a file name says, if it says one: "inference" wins over "deploy" ("deploy_inference.yml"). */
export function kindFromFileName(fileName: string): ConfigKind | undefined {
  const base = fileName.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (!/\.(json|ya?ml)$/.test(base)) return undefined;
  if (base.includes('inference')) return 'inference';
  if (base.includes('deploy')) return 'deployment';
  return undefined;
}

/** A cheap test that lets most documents (package.json, tsconfig.json...) skip the parser entirely. */
export function mayBeConfigDocument(fileName: string, text: string): boolean {
  return CONFIG_EXTENSIONS.test(fileName) && (kindFromFileName(fileName) !== undefined || MARKER_KEY.test(text));
}

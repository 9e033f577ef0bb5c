// Lazy access to the engines bundled apart from the extension (see esbuild.mjs): required on first use only.
import type * as KubeEngine from '../kube';

let kube: typeof KubeEngine | undefined;

export function kubeEngine(): typeof KubeEngine {
  // A literal path that esbuild leaves external: dist/kube.js sits next to dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load is the point
  return (kube ??= require('./kube.js') as typeof KubeEngine);
}

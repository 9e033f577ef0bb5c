// Lazy access to the engines bundled apart from the extension (see esbuild.mjs): required on first use only.
import type * as ConfigEngine from '../core/config';
import type * as AzureEngine from '../azure';
import type * as KubeEngine from '../kube';
import type * as KubeContexts from '../kube/kubeconfigRead';
import type * as LocalEngine from '../local';

let kube: typeof KubeEngine | undefined;
let kubeContexts: typeof KubeContexts | undefined;
let config: typeof ConfigEngine | undefined;
let azure: typeof AzureEngine | undefined;
let local: typeof LocalEngine | undefined;

export function kubeEngine(): typeof KubeEngine {
  // A literal path that esbuild leaves external: dist/kube.js sits next to dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load is the point
  return (kube ??= require('./kube.js') as typeof KubeEngine);
}

/** The kubeconfig contexts reader (dist/kubeContexts.js, ~115 KB): no Kubernetes client, unlike kubeEngine(). */
export function kubeContextsReader(): typeof KubeContexts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see kubeEngine()
  return (kubeContexts ??= require('./kubeContexts.js') as typeof KubeContexts);
}

export function configEngine(): typeof ConfigEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see kubeEngine()
  return (config ??= require('./config.js') as typeof ConfigEngine);
}

export function azureEngineModule(): typeof AzureEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see kubeEngine()
  return (azure ??= require('./azure.js') as typeof AzureEngine);
}

export function localEngine(): typeof LocalEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see kubeEngine()
  return (local ??= require('./local.js') as typeof LocalEngine);
}

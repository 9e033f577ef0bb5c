// The one place the Azure UI loads the engine (and with it the Azure SDK): on first use, not at activation.
// When esbuild.mjs gains an `azure: 'src/azure/index.ts'` lazy engine, this becomes `require('./azure.js')`
// like kubeEngine() in src/ui/engines.ts.
import type * as AzureEngineModule from '../../azure';

export type AzureEngine = typeof AzureEngineModule;

let engine: AzureEngine | undefined;

export async function azureEngine(): Promise<AzureEngine> {
  return (engine ??= await import('../../azure'));
}

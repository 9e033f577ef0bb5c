// The one place the Azure UI loads the engine (and with it the Azure SDK): on first use, from its own bundle
// (dist/azure.js, see esbuild.mjs), never at activation.
import type * as AzureEngineModule from '../../azure';
import { azureEngineModule } from '../engines';

export type AzureEngine = typeof AzureEngineModule;

export async function azureEngine(): Promise<AzureEngine> {
  return azureEngineModule();
}

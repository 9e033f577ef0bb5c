// Loaded as extensionTestsPath by bench/activation.bench.ts: times activate() (module load + activate call) in a
// fresh extension host and appends the figure to the file the bench names.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('aks-model-deploy.aks-model-deploy');
  if (!ext) throw new Error('extension not loaded');
  if (ext.isActive) throw new Error('the extension was already active: the measurement would be empty');
  // The host starts its built-in extensions at the same moment; measured amid that, the figure is mostly theirs.
  await new Promise((r) => setTimeout(r, 3000));
  const t0 = performance.now();
  const ui = (await ext.activate()) as { activationMs?: number };
  const ms = performance.now() - t0;
  fs.appendFileSync(process.env.AKS_BENCH_RESULT_FILE!, `${ms} ${ui.activationMs ?? NaN}\n`);
}

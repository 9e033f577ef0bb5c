// Loaded as extensionTestsPath by bench/activation.bench.ts: in a fresh extension host, times the activation
// (module load + activate call, as the host does it) of one extension and appends "which ms activate()-share" to the
// file the bench names. Hosts take turns: ours, then the minimal tree baseline (bench/fixtures), then ours… Each
// host activates one only: a second activation in the same host pays for work the first one left running.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const file = process.env.AKS_BENCH_RESULT_FILE!;
  const baselineId = process.env.AKS_BENCH_BASELINE_ID;
  const ours = !baselineId || fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length % 2 === 0;
  const id = ours ? 'aks-model-deploy.aks-model-deploy' : baselineId;
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`extension ${id} not loaded`);
  if (ext.isActive) throw new Error(`${id} was already active: the measurement would be empty`);
  // The host starts its built-in extensions at the same moment; measured amid that, the figure is mostly theirs.
  await new Promise((r) => setTimeout(r, 3000));
  const t0 = performance.now();
  const exports = (await ext.activate()) as { activationMs?: number } | undefined;
  const ms = performance.now() - t0;
  fs.appendFileSync(file, `${ours ? 'ours' : 'baseline'} ${ms} ${exports?.activationMs ?? NaN}\n`);
}

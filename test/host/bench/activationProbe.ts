// Loaded as extensionTestsPath by bench/activation.bench.ts: in one fresh extension host, times the activation
// (module load + activate call, as the host does it) of ours and of the minimal tree baseline (bench/fixtures), and
// appends "ours activate()-share baseline first" to the file the bench names. Which one goes first alternates from
// one host to the next, so neither always pays what the first activation in a host pays.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

async function timeActivation(id: string): Promise<{ ms: number; exports: unknown }> {
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`extension ${id} not loaded`);
  if (ext.isActive) throw new Error(`${id} was already active: the measurement would be empty`);
  const t0 = performance.now();
  const exports = await ext.activate();
  return { ms: performance.now() - t0, exports };
}

export async function run(): Promise<void> {
  const file = process.env.AKS_BENCH_RESULT_FILE!;
  const baselineId = process.env.AKS_BENCH_BASELINE_ID;
  const oursFirst = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length % 2 === 0;
  // The host starts its built-in extensions at the same moment; measured amid that, the figure is mostly theirs.
  await new Promise((r) => setTimeout(r, 3000));
  const order = baselineId ? (oursFirst ? ['ours', 'baseline'] : ['baseline', 'ours']) : ['ours'];
  const times: Record<string, number> = {};
  let own = NaN;
  for (const which of order) {
    const t = await timeActivation(which === 'ours' ? 'aks-model-deploy.aks-model-deploy' : baselineId!);
    times[which] = t.ms;
    if (which === 'ours') own = (t.exports as { activationMs?: number }).activationMs ?? NaN;
  }
  fs.appendFileSync(file, `${times.ours} ${own} ${times.baseline ?? NaN} ${order[0]}\n`);
}

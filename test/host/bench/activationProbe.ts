// Loaded as extensionTestsPath by bench/activation.bench.ts: in a fresh extension host, times the activation
// (module load + activate call, as the host does it) of one extension and appends "which ms activate()-share" to the
// file the bench names. Hosts take turns: ours, then the minimal tree baseline (bench/fixtures), then ours… Each
// host activates one only: a second activation in the same host pays for work the first one left running.
// With AKS_BENCH_PROFILE_DIR set, our activations are also CPU-profiled in this host (node:inspector), one
// .cpuprofile each, to open in Chrome DevTools or VS Code: the figures of those runs include the profiler's cost.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const file = process.env.AKS_BENCH_RESULT_FILE!;
  const baselineId = process.env.AKS_BENCH_BASELINE_ID;
  const profileDir = process.env.AKS_BENCH_PROFILE_DIR;
  const ours = !baselineId || fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length % 2 === 0;
  const id = ours ? 'aks-model-deploy.aks-model-deploy' : baselineId;
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`extension ${id} not loaded`);
  if (ext.isActive) throw new Error(`${id} was already active: the measurement would be empty`);
  // The host starts its built-in extensions at the same moment; measured amid that, the figure is mostly theirs.
  await new Promise((r) => setTimeout(r, 3000));
  const profiler = profileDir ? await startProfile() : undefined;
  const t0 = performance.now();
  const exports = (await ext.activate()) as { activationMs?: number } | undefined;
  const ms = performance.now() - t0;
  if (profiler && profileDir) await profiler(path.join(profileDir, `${ours ? 'ours' : 'baseline'}-${Date.now()}.cpuprofile`));
  fs.appendFileSync(file, `${ours ? 'ours' : 'baseline'} ${ms} ${exports?.activationMs ?? NaN}\n`);
}

/** Starts the V8 profiler in this process; the function returned stops it and writes the profile. */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return async (file) => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
  };
}

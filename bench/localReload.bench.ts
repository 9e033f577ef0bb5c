// Edit-to-served time after a code-only change (process mode, Docker mode with the source mounted) next to a full
// image rebuild, medians of several runs, on the sample project with debugging on (as "Debug Locally" runs it).
// Standalone: node --import tsx bench/localReload.bench.ts. Prints figures; never fails on time.
import path from 'node:path';
import { buildLocalImage, startDockerService } from '../src/local/dockerRunner';
import type { LocalService } from '../src/local/localService';
import { startProcessService } from '../src/local/processRunner';
import { cacheRoot, editRun, prepareSample, processStorage, testLogger } from '../test/integration/local/sampleModel';
import { startDockerEngine } from '../test/support/dockerEngine';

const RELOAD_RUNS = 5;
const REBUILD_RUNS = 3;
// `node --import tsx bench/localReload.bench.ts process docker` runs only those parts (rebuild is the slow one).
const parts = process.argv.slice(2);
const want = (p: string) => parts.length === 0 || parts.includes(p);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Saves an edit, then asks /score until the answer carries it: what a user waits for after Ctrl+S. */
async function editToServed(service: LocalService, dir: string, request: string, marker: string): Promise<number> {
  const started = performance.now();
  editRun(dir, marker);
  for (;;) {
    try {
      const res = await fetch(`${service.url}/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request, signal: AbortSignal.timeout(5000) });
      if ((await res.text()).includes(marker)) return performance.now() - started;
    } catch {
      // restarting
    }
    if (performance.now() - started > 120_000) throw new Error('edit not served within 120 s');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function reloads(service: LocalService, dir: string, request: string, label: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RELOAD_RUNS; i++) {
    times.push(await editToServed(service, dir, request, `${label}-${i}-${Date.now()}`));
    // Let the reload settle (old worker gone) before the next edit.
    await new Promise((r) => setTimeout(r, 1000));
  }
  return times;
}

async function main() {
  const sample = await prepareSample();
  const engine = startDockerEngine();
  const spec = { ...sample.spec, baseImage: engine.baseImage };
  const storageDir = path.join(cacheRoot, 'docker', 'bench');
  const rows: [string, number[]][] = [];
  try {
    if (want('process')) {
      const proc = await startProcessService(sample.spec, { storageDir: processStorage, logger: testLogger, debug: true, hotReload: true });
      try {
        rows.push(['process: edit → served', await reloads(proc, sample.dir, sample.request, 'p')]);
      } finally {
        await proc.stop();
      }
    }
    if (want('docker')) {
      const dock = await startDockerService(spec, { storageDir, dockerHost: engine.host, logger: testLogger, debug: true, hotReload: true });
      try {
        rows.push(['docker (mounted source): edit → served', await reloads(dock, sample.dir, sample.request, 'd')]);
      } finally {
        await dock.stop();
      }
    }
    const rebuilds: number[] = [];
    for (let i = 0; want('rebuild') && i < REBUILD_RUNS; i++) {
      const started = performance.now();
      await buildLocalImage(spec, { storageDir, dockerHost: engine.host, logger: testLogger, noCache: true });
      rebuilds.push(performance.now() - started);
    }
    if (rebuilds.length) rows.push(['docker: full image rebuild (--no-cache)', rebuilds]);
  } finally {
    engine.stop();
  }
  console.log('\nlocal reload (sample project, debugpy on)       median     runs');
  for (const [name, xs] of rows) console.log(`${name.padEnd(44)} ${fmt(median(xs)).padStart(9)}   ${xs.map(fmt).join(', ')}`);
  console.log('targets: process ≤ 2 s, docker with mounted source ≤ 5 s');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

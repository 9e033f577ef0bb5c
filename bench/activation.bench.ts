// Activation time in the real extension host (code-server), median over several fresh hosts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, repoRoot, startCodeServer } from '../test/support/codeServer';

const RUNS = 7;

async function main() {
  if (spawnSync(process.execPath, ['esbuild.mjs', '--production', '--tests'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-bench-')), 'activation.txt');
  fs.writeFileSync(resultFile, '');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-bench-ws-'));
  const server = await startCodeServer({ env: { AKS_BENCH_RESULT_FILE: resultFile } });
  const browser = await launchChromium();
  try {
    for (let i = 0; i < RUNS; i++) {
      // A new page is a new workbench and a new extension host process: a cold require every time.
      const page = await browser.newPage();
      const done = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', resolve));
      await page.goto(server.workbenchUrl(folder, path.join(repoRoot, 'dist-test/host/bench/activationProbe.js')));
      const code = await done;
      await page.close();
      if (code !== 0) throw new Error(`activation probe exited with ${code}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const times = fs.readFileSync(resultFile, 'utf8').trim().split('\n').map(Number).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`activation time (median of ${times.length} fresh hosts): ${median.toFixed(1)} ms (target ≤ 30 ms); all: ${times.map((t) => t.toFixed(1)).join(', ')}`);
  spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}

main().catch((err) => { console.error(err); process.exit(1); });

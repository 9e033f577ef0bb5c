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
  const rows = fs.readFileSync(resultFile, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const total = rows.map((r) => r[0]);
  const own = rows.map((r) => r[1]);
  console.log(`activation time (median of ${rows.length} fresh hosts, host idle): ${median(total).toFixed(1)} ms (target ≤ 30 ms); all: ${total.map((t) => t.toFixed(1)).join(', ')}`);
  console.log(`  of which activate() itself (our code after the module loaded): median ${median(own).toFixed(1)} ms`);
  spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}

main().catch((err) => { console.error(err); process.exit(1); });

// Closing or reloading the window ends the extension host; the local services it started (a process group of its
// own: azmlinfsrv, gunicorn's workers) must end with it. Real code-server host: Run Locally from the palette, then
// "Developer: Restart Extension Host", which sends the host the same terminate message a closing window does
// (VS Code then awaits deactivate() for at most 5 s). Before deactivate() waited, the server kept serving.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { cacheRoot, prepareSample } from '../integration/local/sampleModel';
import { openWorkbench, runPaletteCommand, until, type Workbench } from '../support/workbench';

/** Processes whose working directory is `dir` (azmlinfsrv and its workers run in the model folder). */
function processesIn(dir: string): number[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
    try {
      return fs.readlinkSync(`/proc/${p}/cwd`) === dir ? [Number(p)] : [];
    } catch {
      return []; // gone, or a zombie
    }
  });
}

function parentOf(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}/cwd`) && (() => { try { fs.readlinkSync(`/proc/${pid}/cwd`); return true; } catch { return false; } })();

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

describe('workbench: local services end with the extension host', function () {
  this.timeout(900_000);
  let wb: Workbench | undefined;
  let folder: string;
  let modelFolder: string;

  before(async () => {
    // A fixed folder and storage: the venv Run Locally builds for it (keyed by folder) is built once per machine.
    folder = path.join(cacheRoot, 'e2e-lifecycle');
    modelFolder = path.join(folder, 'sklearn-iris');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    const sample = await prepareSample(); // written and trained
    fs.cpSync(sample.dir, modelFolder, { recursive: true });
    fs.rmSync(sample.dir, { recursive: true, force: true });
    wb = await openWorkbench(folder, { settings: { 'aksModel.local.storageDir': path.join(cacheRoot, 'e2e-storage') } });
  });
  after(async () => {
    // Only on failure is anything left: end exactly the processes this test started.
    for (const pid of modelFolder ? processesIn(modelFolder) : []) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    await wb?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('Run Locally (process), then the extension host restarts: no server process is left and its port is closed', async () => {
    const { page } = wb!;
    await runPaletteCommand(page, 'AKS Model Deploy: Run Locally');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Process' }).first().click();
    const serving = page.locator('.notifications-toasts .notification-toast', { hasText: /sklearn-iris is serving on http:\/\/127\.0\.0\.1:\d+ \(process\)/ });
    await serving.waitFor({ timeout: 600_000 });
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(await serving.innerText())![1]);
    const servers = processesIn(modelFolder);
    assert.ok(servers.length > 0, `no process runs in ${modelFolder}`);
    assert.ok(await accepts(port), `nothing listens on ${port}`);
    // The group leader's parent is the extension host that started it.
    const leader = servers.find((p) => !servers.includes(parentOf(p)))!;
    const host = parentOf(leader);
    assert.match(fs.readFileSync(`/proc/${host}/cmdline`, 'utf8'), /extensionHost|bootstrap-fork|node/, `parent ${host} of ${leader}`);

    await runPaletteCommand(page, 'Developer: Restart Extension Host');
    await until(`the extension host ${host} to exit`, async () => !alive(host), 60_000);
    // deactivate() finished before the host exited: nothing may remain, at once.
    assert.deepEqual(processesIn(modelFolder), [], `processes still running in ${modelFolder} after the extension host ${host} exited`);
    assert.equal(await accepts(port), false, `port ${port} still accepts connections`);
  });
});

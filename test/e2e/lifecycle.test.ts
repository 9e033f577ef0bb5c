// Closing or reloading the window ends the extension host; the local services it started (a process group of its
// own: azmlinfsrv, gunicorn's workers; or a `docker run -d` container) must end with it. Real code-server host:
// Run Locally from the palette, then "Developer: Reload Window", which stops the extension host the way a closing
// window does (VS Code awaits deactivate() for at most 5 s). Before deactivate() waited, the server kept serving.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { cacheRoot, prepareSample } from '../integration/local/sampleModel';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { openWorkbench, runPaletteCommand, screenshot, until, type Workbench } from '../support/workbench';

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

/** The pids whose command line is exactly `args` (NUL-separated in /proc). */
function processesRunning(args: readonly string[]): number[] {
  const want = `${args.join('\0')}\0`;
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8') === want ? [Number(p)] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Developer: Reload Window: the workbench stops its extension host (the terminate message a closing window sends;
 * VS Code then awaits deactivate() for at most 5 s) and starts a new one. Waits for the old host to exit and for the
 * new workbench to show this extension again.
 */
async function restartHost(page: Page, host: number): Promise<void> {
  await runPaletteCommand(page, 'Developer: Reload Window');
  await until(`the extension host ${host} to exit`, async () => !alive(host), 60_000);
  // The activity bar is restored from the window's saved state before the new host runs: wait for our command
  // in the palette instead (a palette opened too early never lists it, so it is reopened until it does).
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: /^AKS Model Deploy: Run Locally$/ });
  await until('the reloaded window to list AKS Model Deploy: Run Locally', async () => {
    if (!(await input.isVisible())) await page.keyboard.press('F1');
    if (!(await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) return false;
    await input.fill('>AKS Model Deploy: Run Locally');
    const listed = await row.first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
    await page.keyboard.press('Escape');
    return listed;
  }, 180_000);
}

/** The "serving" toast of Run Locally; an error toast instead fails at once with its text. */
async function servingToast(page: Page, mode: 'process' | 'docker'): Promise<number> {
  const serving = page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`sklearn-iris is serving on http://127\\.0\\.0\\.1:\\d+ \\(${mode}\\)`) });
  const failed = page.locator('.notifications-toasts .notification-toast', { has: page.locator('.codicon-error') });
  await serving.or(failed).first().waitFor({ timeout: 800_000 });
  if (!(await serving.isVisible())) {
    await screenshot(page, `e2e-lifecycle-${mode}-failed`);
    throw new Error(`Run Locally (${mode}) failed: ${await failed.first().innerText()}`);
  }
  return Number(/127\.0\.0\.1:(\d+)/.exec(await serving.innerText())![1]);
}

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
  let docker: DockerEngine;
  const containers = () => {
    const r = spawnSync('docker', ['ps', '-q', '--no-trunc', '--filter', 'label=aksmodel.io/local=sklearn-iris'], { env: { ...process.env, DOCKER_HOST: docker.host }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`docker ps failed: ${r.stderr}`);
    return r.stdout.split('\n').filter(Boolean);
  };

  before(async () => {
    // A fixed folder and storage: the venv Run Locally builds for it (keyed by folder) is built once per machine.
    folder = path.join(cacheRoot, 'e2e-lifecycle');
    modelFolder = path.join(folder, 'sklearn-iris');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    const sample = await prepareSample(); // written and trained
    fs.cpSync(sample.dir, modelFolder, { recursive: true });
    fs.rmSync(sample.dir, { recursive: true, force: true });
    // A worker that ignores SIGTERM (as a debuggee paused at a breakpoint does): gunicorn's master then waits its
    // graceful timeout (30 s) for it, so only the SIGKILL that stop() sends after 3 s ends the group in time, and
    // only a deactivate() that waits lets it happen before the extension host exits.
    const score = path.join(modelFolder, 'score.py');
    fs.writeFileSync(score, `import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n${fs.readFileSync(score, 'utf8')}`);
    docker = startDockerEngine();
    wb = await openWorkbench(folder, {
      settings: { 'aksModel.local.storageDir': path.join(cacheRoot, 'e2e-storage'), 'aksModel.local.dockerHost': docker.host, 'aksModel.local.baseImage': docker.baseImage },
    });
  });
  after(async () => {
    // Only on failure is anything left: end exactly the processes this test started.
    for (const pid of modelFolder ? processesIn(modelFolder) : []) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    try {
      if (docker) for (const id of containers()) spawnSync('docker', ['rm', '-f', id], { env: { ...process.env, DOCKER_HOST: docker.host } });
    } catch {
      // the engine is gone, and its containers with it
    }
    await wb?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('Run Locally (process), then the extension host restarts: no server process is left and its port is closed', async () => {
    const { page } = wb!;
    await runPaletteCommand(page, 'AKS Model Deploy: Run Locally');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Process' }).first().click();
    const port = await servingToast(page, 'process');
    const servers = processesIn(modelFolder);
    assert.ok(servers.length > 0, `no process runs in ${modelFolder}`);
    assert.ok(await accepts(port), `nothing listens on ${port}`);
    // The group leader's parent is the extension host that started it.
    const leader = servers.find((p) => !servers.includes(parentOf(p)))!;
    const host = parentOf(leader);
    assert.match(fs.readFileSync(`/proc/${host}/cmdline`, 'utf8'), /extensionHost|bootstrap-fork|node/, `parent ${host} of ${leader}`);

    await restartHost(page, host);
    // deactivate() finished before the host exited: nothing may remain, at once.
    assert.deepEqual(processesIn(modelFolder), [], `processes still running in ${modelFolder} after the extension host ${host} exited`);
    assert.equal(await accepts(port), false, `port ${port} still accepts connections`);
  });

  it('Run Locally (Docker), then the extension host restarts: its container is removed', async () => {
    const { page } = wb!;
    assert.deepEqual(containers(), [], 'a container of the sample was already running');
    await runPaletteCommand(page, 'AKS Model Deploy: Run Locally');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Docker' }).first().click();
    const port = await servingToast(page, 'docker');
    const [id] = containers();
    assert.ok(id, 'no container of the sample runs');
    assert.ok(await accepts(port), `nothing listens on ${port}`);
    // The extension host follows the container's log with `docker logs -f <id>`: its parent is the host.
    const [follower] = processesRunning(['docker', 'logs', '-f', id]);
    assert.ok(follower, `no "docker logs -f ${id}" process`);
    const host = parentOf(follower);

    await restartHost(page, host);
    assert.deepEqual(containers(), [], `the container ${id} still runs after the extension host ${host} exited`);
    assert.equal(await accepts(port), false, `port ${port} still accepts connections`);
  });
});

// Hardening (issue 19, medium) and its fault-injection part: against an API server that accepts TCP but never
// answers, `status`, `keys` and `deploy --timeout 5` hung with no output and swallowed the first Ctrl-C; a one-shot
// `status` hung forever when connections were refused. Real sockets (a listener that never answers, a closed
// port) and the CLI in its own process, as a user runs it; times are measured from the first connection the CLI
// opened, so the process's start-up on a loaded machine does not count against the deadline.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleProjectFiles } from '../../../src/core/sampleProject';
import { kubeconfigFor, refusedUrl, runCli, startSilentServer } from '../../support/cliProcess';

/** Exit within the deadline plus this (the client's own work and a loaded machine's scheduling). */
const SLACK_MS = 4_000;

function oneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(stderr, /\n\s+at |Error:|undefined/, stderr);
}

describe('hardening faults: a hung or refusing API server (real sockets, the CLI process)', function () {
  const servers: { close(): Promise<void> }[] = [];
  after(async () => {
    for (const s of servers) await s.close();
  });
  const project = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-faults-')), 'sklearn-iris');
  before(() => {
    fs.mkdirSync(project);
    for (const f of sampleProjectFiles()) fs.writeFileSync(path.join(project, f.path), f.content);
  });

  for (const [name, args, deadlineMs] of [
    ['status', ['status', 'sklearn-iris', '--request-timeout', '3'], 3_000],
    ['keys', ['keys', 'sklearn-iris', '--request-timeout', '3'], 3_000],
    ['deploy --timeout 5', ['deploy', project, '--image', 'registry.example/sklearn-iris:1', '--timeout', '5'], 5_000],
  ] as const) {
    it(`${name}: one line and a non-zero exit within its deadline when the API server never answers`, async () => {
      const silent = await startSilentServer();
      servers.push(silent);
      const run = runCli([...args], { KUBECONFIG: kubeconfigFor(silent.url) });
      const first = await Promise.race([silent.connected, run.exited.then(() => assert.fail(`exited before connecting: ${run.stderr()}`))]);
      const end = await run.exited;
      assert.equal(end.code, 1, run.stderr());
      assert.ok(end.at - first <= deadlineMs + SLACK_MS, `took ${end.at - first} ms after connecting (deadline ${deadlineMs} ms)`);
      oneLine(run.stderr(), new RegExp(`did not answer within ${deadlineMs / 1000} s`));
    });
  }

  it('a one-shot status fails at once with one line when connections are refused', async () => {
    // A per-call deadline of 120 s: an answer (start-up on a loaded machine included) well before it is the refusal.
    const run = runCli(['status', 'sklearn-iris', '--request-timeout', '120'], { KUBECONFIG: kubeconfigFor(await refusedUrl()) });
    const end = await Promise.race([run.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after 90 s: ${run.stderr()}`)), 90_000))]);
    assert.equal(end.code, 1, run.stderr());
    oneLine(run.stderr(), /not reachable \(ECONNREFUSED\)/);
  });

  for (const [name, args] of [
    ['status --watch', ['status', 'sklearn-iris', '--watch']],
    ['keys', ['keys', 'sklearn-iris']],
    ['deploy', ['deploy', project, '--image', 'registry.example/sklearn-iris:1']],
  ] as const) {
    it(`${name}: the first Ctrl-C (SIGINT) exits cleanly at once while the API server hangs`, async () => {
      const silent = await startSilentServer();
      servers.push(silent);
      const run = runCli([...args], { KUBECONFIG: kubeconfigFor(silent.url) });
      await Promise.race([silent.connected, run.exited.then(() => assert.fail(`exited before connecting: ${run.stderr()}`))]);
      const sent = Date.now();
      run.child.kill('SIGINT');
      const end = await run.exited;
      assert.equal(end.code, 130, `exit ${end.code}/${end.signal}: ${run.stderr()}`);
      // Far below the 30 s per-call deadline: the cancel ended the calls, not their deadline.
      assert.ok(end.at - sent <= 5_000, `took ${end.at - sent} ms after SIGINT`);
      // Ctrl-C is how a watch ends: it may say nothing; anything else says it was cancelled, in one line.
      if (name !== 'status --watch' || run.stderr() !== '') oneLine(run.stderr(), /cancelled/);
    });
  }
});

// The sample project (src/core/sampleProject.ts) written to a temp folder and trained with the process-mode venv,
// so the integration tests score a real scikit-learn model. Caches live under ~/.cache/aks-model-deploy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger, type Logger } from '../../../src/core/logger';
import { sampleProjectFiles } from '../../../src/core/sampleProject';
import { condaPipPackages } from '../../../src/local/condaPipPackages';
import type { LocalService } from '../../../src/local/localService';
import { LocalServiceError } from '../../../src/local/localServiceError';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';
import type { LocalServiceEvent } from '../../../src/local/serviceEvents';
import { sendTestRequest } from '../../../src/local/testRequest';
import { ensureVenv } from '../../../src/local/venv';

export const cacheRoot = path.join(homedir(), '.cache/aks-model-deploy/test-local');
export const processStorage = path.join(cacheRoot, 'process');

export const testLogger: Logger = process.env.AKS_TEST_VERBOSE ? { ...silentLogger, info: (m) => console.log(`    | ${m}`), warn: (m) => console.log(`    ! ${m}`) } : silentLogger;

export interface SampleModel {
  readonly dir: string;
  readonly spec: LocalServiceSpec;
  readonly request: string;
}

/** Writes and trains the sample project; the venv is the one process mode uses (built once, then reused). */
export async function prepareSample(): Promise<SampleModel> {
  const dir = mkdtempSync(path.join(tmpdir(), 'aks-local-sample-'));
  for (const f of sampleProjectFiles()) writeFileSync(path.join(dir, f.path), f.content);
  const conda = condaPipPackages(readFileSync(path.join(dir, 'conda.yml'), 'utf8'));
  const venv = await ensureVenv({ storageDir: processStorage, pipPackages: conda.pipPackages, pythonVersion: conda.pythonVersion }, testLogger);
  const trained = spawnSync(venv.python, ['train.py'], { cwd: dir, encoding: 'utf8' });
  if (trained.status !== 0) throw new Error(`train.py failed:\n${trained.stderr}`);
  const spec: LocalServiceSpec = {
    name: 'sklearn-iris',
    sourceDirectory: dir,
    entryScript: 'score.py',
    modelDirs: [{ name: 'sklearn-iris', version: '1', path: path.join(dir, 'model') }],
    condaFile: path.join(dir, 'conda.yml'),
    pipPackages: conda.pipPackages,
    pythonVersion: conda.pythonVersion,
    environmentVariables: { AKS_SAMPLE: '1' },
    scoringTimeoutMs: 60_000,
    workerCount: 1,
  };
  return { dir, spec, request: readFileSync(path.join(dir, 'sample-request.json'), 'utf8') };
}

/** A copy of the sample whose init() raises on a known line. */
export function withFailingInit(sample: SampleModel): { spec: LocalServiceSpec; line: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'aks-local-broken-'));
  cpSync(sample.dir, dir, { recursive: true });
  const score = path.join(dir, 'score.py');
  const lines = readFileSync(score, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('global model')) + 1;
  lines.splice(at, 0, '    raise RuntimeError("model store unreachable")');
  writeFileSync(score, lines.join('\n'));
  return { spec: { ...sample.spec, sourceDirectory: dir, modelDirs: [{ name: 'sklearn-iris', version: '1', path: path.join(dir, 'model') }] }, line: at + 1 };
}

/** The 1-based line of score.py's `run` body where the request is parsed (the breakpoint). */
export function runBodyLine(dir: string): number {
  return readFileSync(path.join(dir, 'score.py'), 'utf8').split('\n').findIndex((l) => l.includes('rows = np.array(')) + 1;
}

/** Makes run() add a marker to its answer: a code-only change. */
export function editRun(dir: string, marker: string): void {
  const score = path.join(dir, 'score.py');
  const text = readFileSync(score, 'utf8').replace(/return \{"predictions": predictions, (.*)\}$/m, `return {"predictions": predictions, $1, "edit": "${marker}"}`);
  writeFileSync(score, text);
}

/** Resolves with the first event of the service that matches. */
export async function nextEvent(service: LocalService, match: (e: LocalServiceEvent) => boolean, timeoutMs: number): Promise<LocalServiceEvent> {
  const signal = AbortSignal.timeout(timeoutMs);
  for await (const e of service.events(signal)) if (match(e)) return e;
  throw new Error(`no matching event within ${timeoutMs} ms`);
}

/** What both modes must do: answer / with Healthy on loopback, and score the sample with the real model. */
export async function assertServesSample(service: LocalService, sample: SampleModel): Promise<void> {
  assert.match(service.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await fetch(`${service.url}/`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Healthy/);
  const r = await sendTestRequest(service.url, sample.request, { logTail: service.logTail });
  assert.equal(r.status, 200, `${r.body}\n${(r.logTail ?? []).join('\n')}`);
  assert.deepEqual((r.json as { predictions: number[] }).predictions, [0, 2]);
}

/** A start that must fail in init(): the error names the exception and the local file and line of the raise. */
export async function assertInitFails(starting: Promise<LocalService>, broken: { spec: LocalServiceSpec; line: number }): Promise<LocalServiceError> {
  const err = await starting.then(
    async (s) => { await s.stop(); return undefined; },
    (e: unknown) => e,
  );
  assert.ok(err instanceof LocalServiceError, String(err));
  assert.equal(err.kind, 'initFailed', err.message);
  assert.equal(err.details.scriptError?.exception, 'RuntimeError: model store unreachable');
  assert.equal(err.details.scriptError?.frame?.file, path.join(broken.spec.sourceDirectory, 'score.py'));
  assert.equal(err.details.scriptError?.frame?.line, broken.line);
  return err;
}

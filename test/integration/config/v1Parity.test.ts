// Differential test: `aks-model-deploy validate` must accept and reject exactly the config files Azure ML v1
// accepted and rejected. v1 is azureml-core itself (pinned, from PyPI, in a cached venv) run by
// tools/parity/v1Oracle.py; both tools see the same files from the same working directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { kindFromFileName } from '../../../src/core/config';
import { resolvePlainScalar } from '../../../src/core/config/pyyamlScalar';
import { generateCorpus } from './v1Corpus';

const repoRoot = path.resolve(__dirname, '../../..');
const realWorldDir = path.resolve(repoRoot, process.env.AKS_REALWORLD_CONFIGS ?? '../shared/realworld-configs');

interface ParityCase {
  set: 'corpus' | 'realworld';
  id: string;
  kind: 'inference' | 'deployment';
  /** Absolute working directory, and the config path as given on the command line (relative to it). */
  cwd: string;
  file: string;
}

interface Verdict {
  accept: boolean;
  message: string;
}

function ensureV1Python(): string {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'tools/parity/ensureV1Venv.mjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`tools/parity/ensureV1Venv.mjs failed (exit ${r.status})`);
  return (JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { python: string }).python;
}

function askV1(python: string, cases: ParityCase[]): Map<string, Verdict> {
  const input = cases.map((c) => ({ id: `${c.set}/${c.id}`, cwd: c.cwd, [c.kind]: c.file }));
  const r = spawnSync(python, [path.join(repoRoot, 'tools/parity/v1Oracle.py')], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`v1Oracle.py failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  const out = JSON.parse(r.stdout) as (Verdict & { id: string })[];
  return new Map(out.map((v) => [v.id, { accept: v.accept, message: v.message }]));
}

async function askUs(c: ParityCase): Promise<Verdict> {
  const out: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => undefined }, cwd: c.cwd };
  const code = await main(['validate', '--format', 'json', c.file], io);
  const reports = JSON.parse(out.join('')) as { problems: { severity: string; message: string; path: string }[] }[];
  const errors = reports[0]?.problems.filter((p) => p.severity === 'error') ?? [];
  return { accept: code === 0, message: errors.map((p) => `${p.message}${p.path ? ` (${p.path})` : ''}`).join(' | ') };
}

function writeCorpus(root: string): ParityCase[] {
  return generateCorpus().map((c) => {
    const dir = path.join(root, c.id.slice(0, 4));
    for (const [rel, content] of Object.entries(c.files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    const cwd = path.join(dir, c.cwd);
    return { set: 'corpus', id: c.id, kind: c.kind, cwd, file: path.relative(cwd, path.join(dir, c.config)) };
  });
}

/** Folders real repositories kept configs in, running `az ml model deploy --ic <folder>/x.yml` from the parent. */
const CONFIG_FOLDERS = new Set(['config', 'configuration', 'aml_config']);

/** Every config of ../shared/realworld-configs, read from SOURCES.md's table (the files stay where they are). */
function realWorldCases(): ParityCase[] {
  const sources = fs.readFileSync(path.join(realWorldDir, 'SOURCES.md'), 'utf8');
  const cases: ParityCase[] = [];
  for (const m of sources.matchAll(/^\| (\d\d) \| `(files\/[^`]+)` \|[^|]*\|[^|]*\|[^|]*\| (deployment|inference|other):/gm)) {
    const [, nn, rel, what] = m;
    const full = path.join(realWorldDir, rel);
    const kind = what === 'other' ? kindFromFileName(full) : what;
    assert.ok(kind === 'inference' || kind === 'deployment', `SOURCES.md case ${nn}: cannot tell its kind`);
    // The pipeline's working directory: the parent of a config/ folder (SOURCES.md: paths "relative to the repo
    // root", "meant as the working dir"), the config's own folder otherwise.
    const folder = path.dirname(full);
    const cwd = CONFIG_FOLDERS.has(path.basename(folder)) ? path.dirname(folder) : folder;
    cases.push({ set: 'realworld', id: `${nn}-${path.basename(rel)}`, kind, cwd, file: path.relative(cwd, full) });
  }
  return cases;
}

describe('config parity with Azure ML v1 (azureml-core itself)', function () {
  let tmp: string;
  let python: string;
  before(function () {
    this.timeout(900_000); // a cold venv installs azureml-core from PyPI
    python = ensureV1Python();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-v1-parity-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads plain scalars as PyYAML 6 did (type and value), on a generated set', () => {
    const seeds = ['0', '1', '9', '09', '0_8', '017', '0o17', '0x1F', '0X1F', '0b101', '1_000', '+1', '-1', '1e3', '1E+3', '1.5e3', '1.0e+3', '1.0E-3', '1.', '.5', '._5', '.', '..', '1.2.3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'nan', 'inf', '1:30', '1:30.5', '-1:30', '190:20:30', '1:60', '2020-01-01', '2020-1-1', '2020-01-01 10:00:00', '2020-01-01T10:00:00Z', '20200101', 'true', 'True', 'TRUE', 'tRue', 'yes', 'Yes', 'YES', 'y', 'Y', 'n', 'no', 'on', 'On', 'off', 'OFF', 'null', 'Null', 'NULL', 'nULL', '~', 'abc', '-', '+', '0.1', '-0.0', '1_0.5', '0x', '0b', '0_', '00', '08', '1__2', 'e3', '1e', '12e+3', '3.14159', '1,000', '$1', '1 2'];
    const extra = seeds.flatMap((s) => [`-${s}`, `${s}0`, `0${s}`, `${s}_`]).filter((s) => !/^[-?:,[\]{}#&*!|>'"%@`]|: | #/.test(s.slice(1)));
    const scalars = [...new Set([...seeds, ...extra])].filter((s) => !/^[?:,[\]{}#&*!|>'"%@`]/.test(s));
    const script = 'import sys, json, yaml, datetime, math\nout = []\nfor s in json.load(sys.stdin):\n    try:\n        v = yaml.safe_load("v: " + s)["v"]\n    except Exception:\n        out.append(["error", None])\n        continue\n    t = type(v).__name__\n    if isinstance(v, float) and math.isnan(v): v = "nan"\n    elif isinstance(v, float) and math.isinf(v): v = "inf" if v > 0 else "-inf"\n    elif isinstance(v, (datetime.date, datetime.datetime)): v = s\n    out.append([t, v])\nprint(json.dumps(out))';
    const r = spawnSync(python, ['-c', script], { input: JSON.stringify(scalars), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const theirs = JSON.parse(r.stdout) as [string, unknown][];
    const pyType: Record<string, string> = { bool: 'bool', int: 'int', float: 'float', NoneType: 'null', str: 'str', date: 'timestamp', datetime: 'timestamp' };
    const wrong: string[] = [];
    scalars.forEach((s, i) => {
      const ours = resolvePlainScalar(s);
      const [t, v] = theirs[i];
      if (t === 'error') return; // not a plain scalar in that position (a lone "-" starts a list)
      const value = typeof ours.value === 'number' && Number.isNaN(ours.value) ? 'nan' : ours.value === Infinity ? 'inf' : ours.value === -Infinity ? '-inf' : ours.value;
      if (pyType[t] !== ours.type || (t !== 'date' && t !== 'datetime' && value !== v)) wrong.push(`${s}: PyYAML ${t} ${JSON.stringify(v)}, ours ${ours.type} ${JSON.stringify(ours.value)}`);
    });
    console.log(`    PyYAML scalar agreement: ${scalars.length - wrong.length}/${scalars.length}`);
    assert.deepEqual(wrong, []);
  });

  it('accepts and rejects what v1 did, on the generated corpus and on every real-world config', async function () {
    const corpus = writeCorpus(tmp);
    const real = realWorldCases();
    assert.ok(corpus.length >= 1000, `the corpus has ${corpus.length} cases`);
    assert.ok(real.length >= 60, `SOURCES.md lists ${real.length} configs`);
    const all = [...corpus, ...real];
    const v1 = askV1(python, all);
    const disagreements: string[] = [];
    const detail: string[] = [];
    const agreed = { corpus: 0, realworld: 0 };
    for (const c of all) {
      const key = `${c.set}/${c.id}`;
      const theirs = v1.get(key);
      assert.ok(theirs, `no v1 verdict for ${key}`);
      const ours = await askUs(c);
      if (ours.accept === theirs.accept) agreed[c.set]++;
      else {
        disagreements.push(key);
        detail.push(`${key}\n    v1:  ${theirs.accept ? 'accepted' : `rejected: ${theirs.message}`}\n    us:  ${ours.accept ? 'accepted' : `rejected: ${ours.message}`}`);
      }
    }
    const figure = (set: 'corpus' | 'realworld', n: number) => `${set} ${agreed[set]}/${n} (${((100 * agreed[set]) / n).toFixed(1)} %)`;
    console.log(`    v1 agreement: ${figure('corpus', corpus.length)}, ${figure('realworld', real.length)}`);
    // Every disagreement with both messages, for whoever works on them.
    fs.writeFileSync(path.join(os.tmpdir(), 'aks-v1-parity-report.txt'), `${detail.join('\n')}\n`);
    assert.equal(disagreements.length, 0, `${disagreements.length} config file(s) where validate and Azure ML v1 disagree; the first:\n${detail.slice(0, 25).join('\n')}`);
  });
});

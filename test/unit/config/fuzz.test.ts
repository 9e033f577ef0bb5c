// Property test: whatever bytes arrive, the parser returns (never throws) either a config or at least one
// problem, and every problem's range lies inside the file. Seeded, so a failure reproduces: the seed is in the
// test title and every failure message; set AKS_FUZZ_SEED to replay or explore another seed.
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { parseConfigFile, type ConfigKind, type Problem } from '../../../src/core/config';

const SEED = Number(process.env.AKS_FUZZ_SEED ?? 20261127) >>> 0;
const PER_FAMILY = 1_450; // × 7 families = 10,150 inputs

/** mulberry32: tiny, fast, good enough to spread inputs; deterministic for a seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const NAMES = ['deploymentconfig.json', 'inferenceconfig.json', 'dc.yml', 'aksDeploymentConfig.yml', 'config.yaml', 'aks_deploy.json', 'noext', ''];
const ODD_VALUES: unknown[] = [null, '', 'True', 'x'.repeat(300), -1, 0, 0.5, 1e308, -1e308, 2 ** 60, true, false, [], {}, [1, 'a'], { nested: { deeper: [null] } }, '\u0000', '\uD800', 'ünïcødé ✓'];
const HUGE = ['1e400', '-1e400', '123456789012345678901234567890', '.inf', '-.Inf', '.nan', '0x7fffffff', '1_000_000', '0o777', '017'];

function validDeployment(r: Rng): Record<string, unknown> {
  const o: Record<string, unknown> = { computeType: r.pick(['aks', 'AKS', 'AKSENDPOINT', 'aci', 'local']) };
  if (r.next() < 0.5) o.autoScaler = { autoscaleEnabled: true, minReplicas: 1 + r.int(3), maxReplicas: 4 + r.int(6), targetUtilization: 1 + r.int(100) };
  else if (r.next() < 0.5) o.numReplicas = 1 + r.int(10);
  if (r.next() < 0.5) o.containerResourceRequirements = { cpu: 0.1 + r.int(4), memoryInGB: 0.5 + r.int(4), cpuLimit: 5, memoryInGBLimit: 5 };
  if (r.next() < 0.3) o.tokenAuthEnabled = true;
  if (r.next() < 0.3) o.namespace = r.pick(['default', 'ml-prod', 'a']);
  if (r.next() < 0.3) o.livenessProbeRequirements = { periodSeconds: 1 + r.int(20), failureThreshold: 3 };
  return o;
}

function validInference(r: Rng): Record<string, unknown> {
  const o: Record<string, unknown> = { entryScript: r.pick(['score.py', 'src/score.py', './x.py']) };
  if (r.next() < 0.5) o.environment = { name: 'env', python: { condaDependencies: { dependencies: ['python=3.10', { pip: ['azureml-defaults'] }] } }, docker: { baseImage: 'img' } };
  else o.runtime = 'python';
  if (r.next() < 0.3) o.sourceDirectory = '.';
  if (r.next() < 0.2) o.dependencies = ['a.pkl'];
  return o;
}

function serialize(r: Rng, value: unknown): string {
  let text = r.next() < 0.5 ? JSON.stringify(value, null, r.pick([0, 2, 4])) : stringify(value);
  if (r.next() < 0.3) text = text.replace(/\n/g, '\r\n');
  return text;
}

/** Replaces one random value somewhere in the object with something of another type. */
function wrongType(r: Rng, o: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (let depth = 0; depth < 3; depth++) {
    const keys = Object.keys(target);
    const k = r.pick(keys);
    const v = target[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && r.next() < 0.6) target = v as Record<string, unknown>;
    else {
      target[k] = r.pick(ODD_VALUES);
      break;
    }
  }
  return copy;
}

function mutate(r: Rng, text: string): string {
  const chars = ['{', '}', '[', ']', ',', ':', '"', "'", '\n', '\r', ' ', '#', '&a', '*a', '- ', '!!', '\t', '\\', '%', '@', '`', '|', '>'];
  let t = text;
  for (let n = 1 + r.int(4); n > 0; n--) {
    const at = r.int(t.length + 1);
    const op = r.int(3);
    if (op === 0) t = t.slice(0, at) + r.pick(chars) + t.slice(at);
    else if (op === 1) t = t.slice(0, at) + t.slice(at + 1 + r.int(5));
    else t = t.slice(0, at) + r.pick(chars) + t.slice(at + 1);
  }
  return t;
}

function deepNesting(r: Rng): string {
  const depth = 1 + r.int(130); // past the 64-level refusal, without making the suite slow
  switch (r.int(4)) {
    case 0:
      return `{"computeType": "aks", "x": ${'{"a": '.repeat(depth)}1${'}'.repeat(depth)}}`;
    case 1:
      return `{"computeType": "aks", "x": ${'['.repeat(depth)}${']'.repeat(r.int(depth + 1))}`;
    case 2:
      return `computeType: aks\nx:\n${Array.from({ length: Math.min(depth, 80) }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`;
    default:
      return `entryScript: score.py\nx: ${'['.repeat(depth)}`;
  }
}

function withBadBytes(r: Rng, text: string): Uint8Array {
  const bytes = Array.from(Buffer.from(text, 'utf8'));
  for (let n = 1 + r.int(3); n > 0; n--) bytes.splice(r.int(bytes.length + 1), 0, r.pick([0xff, 0xfe, 0xc3, 0x80, 0xed, 0xa0, 0xf4, 0x90]));
  if (r.next() < 0.2) bytes.unshift(0xef, 0xbb, 0xbf);
  return Uint8Array.from(bytes);
}

function randomBytes(r: Rng): Uint8Array {
  return Uint8Array.from({ length: r.int(200) }, () => r.int(256));
}

/** The text the parser sees (same decoding: replacement characters, BOM dropped). */
function decoded(input: string | Uint8Array): string {
  const t = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
}

function checkInvariant(input: string | Uint8Array, fileName: string, kind: ConfigKind | undefined, label: string): void {
  let result: ReturnType<typeof parseConfigFile>;
  try {
    result = parseConfigFile(input, { fileName, kind });
  } catch (e) {
    assert.fail(`[seed ${SEED}] ${label}: threw ${String(e)} on ${JSON.stringify(decoded(input).slice(0, 200))}`);
  }
  const text = decoded(input);
  const lines = text.split(/\r\n|\n|\r/);
  const where = () => `[seed ${SEED}] ${label} (${fileName}) on ${JSON.stringify(text.slice(0, 200))}`;
  if (!result.config) assert.ok(result.problems.length >= 1, `no config and no problem: ${where()}`);
  else assert.ok(result.problems.every((p) => p.severity !== 'error'), `a config despite an error: ${where()}`);
  for (const p of result.problems) assert.ok(inside(p, lines), `range ${JSON.stringify(p.range)} outside the file for "${p.message}": ${where()}`);
}

function inside(p: Problem, lines: string[]): boolean {
  const { start, end } = p.range;
  const ok = (pos: { line: number; column: number }) =>
    Number.isInteger(pos.line) && Number.isInteger(pos.column) && pos.line >= 0 && pos.column >= 0 && pos.line < lines.length && pos.column <= lines[pos.line].length;
  const ordered = start.line < end.line || (start.line === end.line && start.column <= end.column);
  return ok(start) && ok(end) && ordered && typeof p.message === 'string' && p.message.length > 0 && (p.severity === 'error' || p.severity === 'warning');
}

/** Serialising YAML costs more than parsing it, so each run serialises a pool once and draws from it. */
function pool(r: Rng, size: number): string[] {
  return Array.from({ length: size }, () => serialize(r, r.next() < 0.5 ? validDeployment(r) : validInference(r)));
}

const families: [name: string, make: (r: Rng, texts: string[]) => string | Uint8Array][] = [
  ['valid configs', (r, texts) => r.pick(texts)],
  ['wrong types', (r) => { const o = wrongType(r, r.next() < 0.5 ? validDeployment(r) : validInference(r)); return r.next() < 0.8 ? JSON.stringify(o, null, 2) : serialize(r, o); }],
  ['truncated', (r, texts) => { const t = r.pick(texts); return t.slice(0, r.int(t.length + 1)); }],
  ['mutated', (r, texts) => mutate(r, r.pick(texts))],
  ['huge numbers', (r) => `${r.next() < 0.5 ? '{"computeType": "aks", "numReplicas": ' : 'computeType: aks\nnumReplicas: '}${r.pick(HUGE)}${r.next() < 0.5 ? '}' : '\n'}`],
  ['deep nesting', deepNesting],
  ['non-UTF-8 bytes', (r, texts) => (r.next() < 0.7 ? withBadBytes(r, r.pick(texts)) : randomBytes(r))],
];

describe(`config parser fuzz (seed ${SEED}; AKS_FUZZ_SEED replays another)`, () => {
  let total = 0;
  for (const [name, make] of families) {
    it(`never throws and always explains: ${PER_FAMILY} ${name}`, () => {
      const r = prng(SEED ^ hash(name));
      const texts = pool(r, 150);
      for (let i = 0; i < PER_FAMILY; i++) {
        const input = make(r, texts);
        const kind = r.next() < 0.2 ? r.pick<ConfigKind>(['inference', 'deployment']) : undefined;
        checkInvariant(input, r.pick(NAMES), kind, `${name} #${i}`);
        total++;
      }
    });
  }
  after(() => assert.ok(total >= 10_000, `only ${total} inputs ran`));
});

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

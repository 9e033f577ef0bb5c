// Reads JSON or YAML text into one small tree that keeps source offsets, so validation never cares which format
// a file was written in. v1 read every config with PyYAML (YAML 1.1) and fell back to json; we parse JSON-looking
// files strictly first because JSON errors point at the real mistake, and only then try YAML 1.1 the way v1 did.
import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import type { Problem } from './problem';
import { resolvePlainScalar } from './pyyamlScalar';
import { decodeInput, LineIndex } from './text';

export type ScalarValue = string | number | boolean | null;

interface Span {
  start: number;
  end: number;
}
export interface SrcEntry {
  key: string;
  keySpan: Span;
  value: SrcNode;
}
export interface SrcObject extends Span {
  kind: 'object';
  entries: SrcEntry[];
}
export interface SrcArray extends Span {
  kind: 'array';
  items: SrcNode[];
}
export interface SrcScalar extends Span {
  kind: 'scalar';
  value: ScalarValue;
  /** What Python held after v1's loader, where a JS value cannot say it: a float (`2.0`), a date (`2020-01-01`). */
  py?: 'float' | 'timestamp';
}
export type SrcNode = SrcObject | SrcArray | SrcScalar;

export type SourceFormat = 'json' | 'yaml';

export interface SourceDocument {
  format: SourceFormat;
  lines: LineIndex;
  /** Undefined when the file could not be read; `problems` then holds exactly one error saying why. */
  root?: SrcNode;
  problems: Problem[];
}

/** Real configs nest 4 levels; PyYAML and json stop near 1,000; the yaml package aborts the process far below
 * that on flow collections, so anything deeper than this is refused before any parser sees it. */
export const MAX_NESTING = 64;
/** Aliases expand in place; a cap keeps "billion laughs" files from exhausting memory. */
const MAX_ALIAS_EXPANSIONS = 200;

/** Real configs are a few KB with under a hundred keys. Reading is linear but slow per key (a 1 MB file with 60k keys
 * took seconds, 130k keys overflowed the stack, 48 MB ran the CLI out of memory): past these, the file is refused with
 * a message naming the limit, before any parser sees it. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_CONFIG_ENTRIES = 10_000;

/** The message for a file over MAX_CONFIG_BYTES (the CLI says it before reading such a file at all). */
export function tooLargeMessage(bytes: number): string {
  return `The file is ${megabytes(bytes)}; a config file may be at most ${megabytes(MAX_CONFIG_BYTES)} (the limit), so it was not read. A config file is a few KB.`;
}

const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 2 : 0)} MB`;

export function readSource(input: string | Uint8Array, fileName = ''): SourceDocument {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_CONFIG_BYTES) {
    const lines = new LineIndex('');
    return { format: guessFormat('', fileName), lines, problems: [{ severity: 'error', message: tooLargeMessage(size), path: '', range: lines.range(0, 0) }] };
  }
  const decoded = decodeInput(input);
  const lines = new LineIndex(decoded.text);
  const text = decoded.text;
  const fail = (format: SourceFormat, message: string, start: number, end = start): SourceDocument => ({
    format,
    lines,
    problems: [{ severity: 'error', message, path: '', range: lines.range(start, end) }],
  });
  const format = guessFormat(text, fileName);
  if (decoded.invalidAt !== undefined) {
    return fail(format, 'The file is not UTF-8 text (an invalid byte sequence is here); save it as UTF-8.', decoded.invalidAt);
  }
  const tooDeep = nestingBeyond(text, MAX_NESTING);
  if (tooDeep >= 0) {
    return fail(format, `The file nests more than ${MAX_NESTING} levels deep here; a config file never needs that.`, tooDeep);
  }
  const entries = entriesBeyond(text, MAX_CONFIG_ENTRIES);
  if (entries >= 0) {
    return fail(format, `The file has more than ${MAX_CONFIG_ENTRIES.toLocaleString('en-US')} keys and list items (the limit; reached here), so it was not checked further. A config file has under a hundred.`, entries);
  }
  if (text.trim() === '') return fail(format, 'The file is empty; a config file holds one JSON/YAML object.', 0, text.length);

  if (format === 'json') {
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    if (errors.length === 0 && tree) {
      // v1 read JSON files with PyYAML first: a number token like 1e3 or 09 was text there. Only when PyYAML
      // failed (tabs, for one) did json.loads read it, and then numbers are numbers.
      // Parsing again as YAML costs time, so only when a number token reads differently there.
      let viaYaml: boolean | undefined;
      const pyyaml = () => (viaYaml ??= readYaml(text, lines).problems.every((p) => p.severity !== 'error'));
      return { format, lines, root: fromJson(tree, text, pyyaml), problems: [] };
    }
    // v1 read configs with yaml.safe_load first, so `{"authEnabled": True}` or a trailing comma worked there.
    const asYaml = readYaml(text, lines);
    if (asYaml.root && asYaml.problems.length === 0) {
      const e = errors[0];
      asYaml.problems.push({
        severity: 'warning',
        message: `This is not valid JSON (${describeJsonError(e)}); it was read as YAML 1.1, as Azure ML v1 did. JSON tools will reject it.`,
        path: '',
        range: lines.range(e.offset, e.offset + e.length),
      });
      return asYaml;
    }
    const e = errors[0] ?? { offset: 0, length: 0, error: 0 };
    return fail('json', `Not valid JSON: ${describeJsonError(e)}.`, e.offset, e.offset + e.length);
  }
  return readYaml(text, lines);
}

function describeJsonError(e: ParseError): string {
  return printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** The extension decides; content decides only for names like `dc.conf` that say nothing. */
function guessFormat(text: string, fileName: string): SourceFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/** Offset where bracket nesting first exceeds `limit` (strings skipped), or -1. Linear, so cheap per keystroke. */
function nestingBeyond(text: string, limit: number): number {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92 && quote === 34) i++; // backslash escape in a double-quoted string
      else if (c === quote || c === 10) quote = 0;
      continue;
    }
    if (c === 34) quote = 34;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
  }
  return -1;
}

/** Offset where the count of keys and list items first exceeds `limit`, or -1. Counted from the separators outside
 * double-quoted strings (a key's `:`, a `,` inside `[…]`, a `-` starting a line), so it is linear and needs no parse. */
function entriesBeyond(text: string, limit: number): number {
  let count = 0;
  let quote = false;
  let lineStart = true;
  const brackets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92) i++;
      else if (c === 34 || c === 10) quote = false;
      continue;
    }
    if (c === 34) quote = true;
    else if (c === 123 || c === 91) brackets.push(c);
    else if (c === 125 || c === 93) brackets.pop();
    else if (c === 58 || (c === 44 && brackets[brackets.length - 1] === 91) || (c === 45 && lineStart)) {
      if (++count > limit) return i;
    }
    if (c === 10) lineStart = true;
    else if (c !== 32) lineStart = false;
  }
  return -1;
}

function fromJson(node: JsonNode, text: string, pyyaml: () => boolean): SrcNode {
  const span = { start: node.offset, end: node.offset + node.length };
  if (node.type === 'object') {
    const entries: SrcEntry[] = [];
    for (const prop of node.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v) continue;
      entries.push({ key: String(k.value), keySpan: { start: k.offset, end: k.offset + k.length }, value: fromJson(v, text, pyyaml) });
    }
    return { kind: 'object', entries, ...span };
  }
  if (node.type === 'array') return { kind: 'array', items: (node.children ?? []).map((c) => fromJson(c, text, pyyaml)), ...span };
  if (node.type === 'number') {
    const raw = text.slice(span.start, span.end);
    const asYaml = pyScalar(raw, span);
    if (asYaml.value === node.value || pyyaml()) return asYaml;
    return { kind: 'scalar', value: node.value as number, ...span, ...(/[.eE]/.test(raw) ? { py: 'float' as const } : {}) };
  }
  const value = node.type === 'null' ? null : (node.value as ScalarValue);
  return { kind: 'scalar', value, ...span };
}

function pyScalar(raw: string, span: Span): SrcScalar {
  const r = resolvePlainScalar(raw);
  const py = r.type === 'float' || r.type === 'timestamp' ? { py: r.type } : {};
  return { kind: 'scalar', value: r.value, ...span, ...py };
}

function readYaml(text: string, lines: LineIndex): SourceDocument {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false, strict: false });
  const problems: Problem[] = [];
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const message =
      e.code === 'MULTIPLE_DOCS'
        ? 'the file holds several documents (separated by ---); a config file holds one.'
        : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ severity: 'error', message: `Not valid YAML: ${message}`, path: '', range: lines.range(e.pos[0], e.pos[1]) });
    return { format: 'yaml', lines, problems };
  }
  const unreadable = pyyamlRefuses(doc);
  if (unreadable) {
    problems.push({ severity: 'error', message: `Not readable as Azure ML v1 read YAML (PyYAML safe_load): ${unreadable.why}`, path: '', range: lines.range(unreadable.at[0], unreadable.at[1]) });
    return { format: 'yaml', lines, problems };
  }
  for (const w of doc.warnings) {
    const message = w.message.split('\n')[0];
    problems.push({ severity: 'warning', message: `YAML: ${message}`, path: '', range: lines.range(w.pos[0], w.pos[1]) });
  }
  const budget = { aliases: MAX_ALIAS_EXPANSIONS };
  const root = doc.contents === null ? undefined : fromYaml(doc.contents, doc, text, 0, budget, 0);
  if (!root) {
    problems.push({ severity: 'error', message: 'The file holds no value; a config file holds one object.', path: '', range: lines.range(0, text.length) });
  }
  return { format: 'yaml', lines, root, problems };
}

/** Tags PyYAML's SafeLoader constructs; any other (!!python/..., !custom) made v1's loader fail. */
const SAFE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'binary', 'timestamp', 'omap', 'pairs', 'set', 'seq', 'map', 'merge', 'value'].map((t) => `tag:yaml.org,2002:${t}`));

/** What the yaml package reads but PyYAML's safe_load refused: unknown tags, and list/object keys (unhashable). */
function pyyamlRefuses(doc: Document): { why: string; at: [number, number] } | undefined {
  let found: { why: string; at: [number, number] } | undefined;
  visit(doc, (_key, node) => {
    if (isPair(node) && node.key !== null && typeof node.key === 'object' && (isMap(node.key) || isSeq(node.key))) {
      const r = node.key.range ?? [0, 0];
      found = { why: 'a key is a list or an object.', at: [r[0], r[1]] };
      return visit.BREAK;
    }
    const tag = (node as { tag?: string } | null)?.tag;
    if ((isScalar(node) || isMap(node) || isSeq(node)) && tag && !SAFE_TAGS.has(tag)) {
      const r = node.range ?? [0, 0];
      found = { why: `the tag ${tag} cannot be read.`, at: [r[0], r[1]] };
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

function fromYaml(node: unknown, doc: Document, text: string, depth: number, budget: { aliases: number }, fallback: number): SrcNode {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const span = range ? { start: range[0], end: range[1] } : { start: fallback, end: fallback };
  if (depth > MAX_NESTING || node === null || node === undefined) return { kind: 'scalar', value: null, ...span };
  if (isAlias(node)) {
    if (--budget.aliases < 0) return { kind: 'scalar', value: null, ...span };
    const target = node.resolve(doc);
    const resolved = fromYaml(target, doc, text, depth + 1, budget, span.start);
    return { ...resolved, ...span }; // problems point at the alias the user wrote, not the anchor
  }
  if (isMap(node) && node.tag === 'tag:yaml.org,2002:set') {
    // A Python set: neither an object nor text to v1 (it has no .get), closest to a list here.
    return { kind: 'array', items: node.items.map((p) => fromYaml(p.key, doc, text, depth + 1, budget, span.start)), ...span };
  }
  if (isMap(node)) {
    const entries: SrcEntry[] = [];
    for (const pair of node.items) {
      const key = pair.key as unknown;
      const keyRange = (key as { range?: [number, number, number] } | null)?.range;
      const keySpan = keyRange ? { start: keyRange[0], end: keyRange[1] } : span;
      const keyText = isScalar(key) ? String(key.value) : keyRange ? text.slice(keyRange[0], keyRange[1]) : '';
      entries.push({ key: keyText, keySpan, value: fromYaml(pair.value, doc, text, depth + 1, budget, keySpan.end) });
    }
    return { kind: 'object', entries, ...span };
  }
  if (isSeq(node)) {
    return { kind: 'array', items: node.items.map((i) => fromYaml(i, doc, text, depth + 1, budget, span.start)), ...span };
  }
  if (isScalar(node)) {
    // Untagged plain scalars resolve the PyYAML way; quoted, block and tagged ones keep what the parser made.
    const raw = text.slice(span.start, span.end);
    if (node.type === 'PLAIN' && !node.tag && !/[\r\n]/.test(raw)) return pyScalar(raw.trimEnd(), span);
    return { kind: 'scalar', value: scalarValue(node.value, text, span), ...span };
  }
  return { kind: 'scalar', value: null, ...span };
}

/** YAML 1.1 also yields dates, binary and bigints; configs only need text for those, so keep what was written. */
function scalarValue(v: unknown, text: string, span: Span): ScalarValue {
  // The yaml package's 1.1 schema reads a bare y/n as a boolean; PyYAML, which v1 used, keeps them as text.
  if (typeof v === 'boolean' && span.end - span.start === 1 && /^[yYnN]$/.test(text.slice(span.start, span.end))) return text.slice(span.start, span.end);
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return text.slice(span.start, span.end);
}

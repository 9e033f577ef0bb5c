// Walks a source tree against a field table: type checks, bounds, enums, patterns, unknown and legacy fields,
// defaults. Cross-field rules live with each config kind; they read what this walk records.
import { type FieldSpec, findField, nearestName } from './fields';
import { childPath, quoted, shownPath, type Problem, type ProblemFix, type Range, type Severity } from './problem';
import type { SrcEntry, SrcNode, SrcObject } from './source';
import type { LineIndex } from './text';

export type Values = Record<string, unknown>;

export class WalkContext {
  readonly problems: Problem[] = [];
  /** Fields the file set (after null/empty = unset), by JSON path, with where they were written. */
  readonly written = new Map<string, SrcEntry>();

  constructor(
    readonly lines: LineIndex,
    readonly root: SrcObject,
  ) {}

  report(severity: Severity, message: string, path: string, range: Range, fix?: ProblemFix, extra: Partial<Problem> = {}): void {
    this.problems.push({ severity, message, path: shownPath(path), range, ...(fix ? { fix } : {}), ...extra });
  }

  /** A fix that writes `text` over the source span, keeping the span's own quotes (`"key"`, `'key'`, key). */
  replaceFix(title: string, span: { start: number; end: number }, text: string): ProblemFix {
    const quote = this.lines.text[span.start];
    const newText = quote === '"' ? JSON.stringify(text) : quote === "'" ? `'${text}'` : text;
    return { title, range: this.lines.range(span.start, span.end), newText };
  }

  /** An error the build and deploy refuse even when Azure ML v1 accepted the file (see Problem.engineRefuses). */
  refuse(message: string, path: string, range: Range): void {
    this.problems.push({ severity: 'error', message, path: shownPath(path), range, engineRefuses: true });
  }

  /** Where to point at `path`: its value if written, else the nearest written parent's key, else the file's start. */
  rangeOf(path: string, part: 'value' | 'key' = 'value'): Range {
    const e = this.written.get(path);
    if (e) {
      const s = part === 'key' ? e.keySpan : e.value;
      return this.lines.range(s.start, s.end);
    }
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut > 0) return this.rangeOf(path.slice(0, cut), 'key');
    return this.lines.range(this.root.start, Math.min(this.root.end, this.root.start + 1));
  }

  isWritten(path: string): boolean {
    return this.written.has(path);
  }
}

export function describeFound(node: SrcNode): string {
  if (node.kind === 'object') return 'an object';
  if (node.kind === 'array') return 'a list';
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `the boolean ${v}`;
}

/** Walks one object level; returns the typed values with defaults filled in for unset fields. */
export function walkObject(ctx: WalkContext, node: SrcObject, specs: readonly FieldSpec[], path: string, computeType?: string): Values {
  const out: Values = {};
  const lastIndex = new Map<string, number>();
  node.entries.forEach((e, i) => lastIndex.set(e.key, i));
  node.entries.forEach((entry, i) => {
    const p = childPath(path, entry.key);
    if (lastIndex.get(entry.key) !== i) {
      ctx.report('warning', `${quoted(entry.key)} is written twice; the later value wins (as in Azure ML v1).`, p, ctx.lines.range(entry.keySpan.start, entry.keySpan.end));
      return;
    }
    const spec = findField(specs, entry.key);
    if (!spec) {
      // No typo search for an absurd key: the edit distance would cost key length × field count.
      const suggestion = entry.key.length <= 64 ? nearestName(entry.key, specs.map((s) => s.name)) : undefined;
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      const fix = suggestion ? ctx.replaceFix(`Rename to "${suggestion}"`, entry.keySpan, suggestion) : undefined;
      ctx.report('warning', `Unknown field ${quoted(entry.key)}; Azure ML v1 ignores it.${hint}`, p, ctx.lines.range(entry.keySpan.start, entry.keySpan.end), fix, { unknownField: suggestion ? { suggestion } : {} });
      return;
    }
    if (isUnset(entry.value)) return; // null or "" means "not set", as v1's `if value:` did (required ones are reported below)
    if (spec.deprecated) {
      ctx.report('warning', spec.deprecated, p, ctx.lines.range(entry.keySpan.start, entry.keySpan.end));
    }
    if (spec.onlyFor && computeType !== undefined && !spec.onlyFor.includes(computeType)) {
      ctx.report('warning', `${quoted(entry.key)} is only used with computeType ${spec.onlyFor.join(' or ')}; it is ignored here.`, p, ctx.lines.range(entry.keySpan.start, entry.keySpan.end));
    }
    const target = spec.aliasOf ?? spec.name;
    if (spec.aliasOf && lastIndex.has(spec.aliasOf)) return; // the proper spelling is also there and wins
    const value = checkValue(ctx, entry, spec, childPath(path, target), computeType);
    if (value !== undefined) {
      out[target] = value;
      ctx.written.set(childPath(path, target), entry);
    }
  });
  for (const spec of specs) {
    if (spec.aliasOf || out[spec.name] !== undefined) continue;
    const p = childPath(path, spec.name);
    if (spec.required) {
      const written = node.entries.find((e) => e.key === spec.name);
      if (written && !isUnset(written.value)) continue; // written but invalid: its own error says why
      const range = written ? ctx.lines.range(written.value.start, written.value.end) : ctx.rangeOf(p);
      ctx.report('error', spec.requiredMessage ?? `Missing required field "${spec.name}": ${spec.description}`, p, range);
    } else if (spec.type === 'object' && spec.fields && !spec.absentWhenUnset) {
      out[spec.name] = walkObject(ctx, { kind: 'object', entries: [], start: node.start, end: node.start }, spec.fields, p, computeType);
    } else if (spec.default !== undefined && spec.default !== null && !node.entries.some((e) => e.key === spec.name && !isUnset(e.value))) {
      // A written-but-invalid value already has its error; a default in its place would mislead later rules.
      out[spec.name] = spec.default;
    }
  }
  return out;
}

function isUnset(node: SrcNode): boolean {
  return node.kind === 'scalar' && (node.value === null || node.value === '');
}

function typeError(ctx: WalkContext, node: SrcNode, path: string, expected: string, hint = ''): undefined {
  ctx.report('error', `Expected ${expected}, found ${describeFound(node)}.${hint}`, path, ctx.lines.range(node.start, node.end));
  return undefined;
}

/** The value as the config holds it, or undefined after reporting why it cannot be used. */
function checkValue(ctx: WalkContext, entry: SrcEntry, spec: FieldSpec, path: string, computeType?: string): unknown {
  const node = entry.value;
  const range = ctx.lines.range(node.start, node.end);
  switch (spec.type) {
    case 'object':
      if (node.kind !== 'object') return typeError(ctx, node, path, 'an object');
      return walkObject(ctx, node, spec.fields ?? [], path, computeType);
    case 'objectOrString':
      if (node.kind === 'object') return walkObject(ctx, node, spec.fields ?? [], path, computeType);
      if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
      return typeError(ctx, node, path, 'an object or a text');
    case 'freeObject':
      if (node.kind !== 'object') return typeError(ctx, node, path, 'an object');
      return toPlain(node);
    case 'stringMap': {
      if (node.kind !== 'object') return typeError(ctx, node, path, 'an object of names to values');
      const map: Record<string, string> = {};
      for (const e of node.entries) {
        const v = e.value;
        if (v.kind !== 'scalar' || v.value === null) typeError(ctx, v, childPath(path, e.key), 'a text, number or boolean');
        else map[e.key] = String(v.value);
      }
      return map;
    }
    case 'stringArray': {
      if (node.kind !== 'array') return typeError(ctx, node, path, 'a list of texts');
      const items: string[] = [];
      node.items.forEach((item, i) => {
        if (item.kind === 'scalar' && typeof item.value === 'string') items.push(item.value);
        else typeError(ctx, item, childPath(path, i), 'a text');
      });
      return items;
    }
    case 'boolean': {
      if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
      // v1 tested these with `if value:`, so any other value counted by Python truthiness; the engine does too.
      const asV1 = pythonTruthy(node);
      const quoted = node.kind === 'scalar' && typeof node.value === 'string' && /^(true|false)$/i.test(node.value) ? ' Remove the quotes.' : '';
      typeError(ctx, node, path, 'true or false', `${quoted} Azure ML v1 read it as ${asV1}.`);
      return asV1;
    }
    case 'integer':
    case 'number':
      return checkNumber(ctx, node, spec, path);
    case 'string': {
      let s: string;
      if (node.kind === 'scalar' && typeof node.value === 'string') s = node.value;
      else if (spec.acceptNumber && node.kind === 'scalar' && typeof node.value === 'number' && Number.isFinite(node.value)) {
        s = Number.isInteger(node.value) ? node.value.toFixed(1) : String(node.value);
        if (!spec.enum) s = String(node.value);
      } else return typeError(ctx, node, path, 'a text');
      if (spec.enum) {
        const lower = s.toLowerCase();
        if (!spec.enum.some((v) => v.toLowerCase() === lower)) {
          ctx.report('error', `"${s}" is not allowed for ${spec.name}; use one of: ${spec.enum.join(', ')}.`, path, range);
          return undefined;
        }
        return lower;
      }
      if (spec.pattern && !spec.pattern.regex.test(s)) {
        ctx.report('error', `"${s}" is not a valid ${spec.name}: ${spec.pattern.hint}`, path, range);
        return undefined;
      }
      return s;
    }
  }
}

function checkNumber(ctx: WalkContext, node: SrcNode, spec: FieldSpec, path: string): number | undefined {
  const whole = spec.type === 'integer';
  const expected = whole ? 'a whole number' : 'a number';
  if (node.kind === 'scalar' && typeof node.value === 'boolean') {
    // Python's bool is an int: v1 took true as 1 and false as 0, and so does the engine.
    typeError(ctx, node, path, expected, ` Azure ML v1 read it as ${Number(node.value)}.`);
    return Number(node.value);
  }
  if (node.kind !== 'scalar' || typeof node.value !== 'number') {
    const hint = node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '' && Number.isFinite(Number(node.value)) ? ' Remove the quotes.' : '';
    return typeError(ctx, node, path, expected, hint);
  }
  const n = node.value;
  const range = ctx.lines.range(node.start, node.end);
  if (Number.isNaN(n)) {
    ctx.report('error', `${spec.name} must be ${expected}; found NaN (not a number).`, path, range);
    return undefined;
  }
  if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) {
    ctx.report('error', `${spec.name} is too ${n < 0 ? 'far below zero' : 'large'} to be meaningful (${n}).`, path, range);
    return undefined;
  }
  if (whole && !Number.isInteger(n)) {
    // v1 passed fractions on unchecked; kept as written when v1 accepted the file (the error turns into a warning).
    typeError(ctx, node, path, expected);
    return n;
  }
  if (spec.min && (spec.min.exclusive ? n <= spec.min.value : n < spec.min.value)) {
    const bound = spec.min.exclusive ? `greater than ${spec.min.value}` : `at least ${spec.min.value}`;
    // The smallest allowed value; for an exclusive bound only whole numbers have one.
    const least = !spec.min.exclusive ? spec.min.value : whole ? spec.min.value + 1 : undefined;
    const fix = least !== undefined ? { title: `Set ${spec.name} to ${least}`, range, newText: String(least) } : undefined;
    ctx.report('error', `${spec.name} must be ${bound}; found ${n}.`, path, range, fix);
    return undefined;
  }
  if (spec.max !== undefined && n > spec.max) {
    ctx.report('error', `${spec.name} must be at most ${spec.max}; found ${n}.`, path, range, { title: `Set ${spec.name} to ${spec.max}`, range, newText: String(spec.max) });
    return undefined;
  }
  return n;
}

/** `bool(value)` in Python, as v1 read its switches: empty text, 0, null, [] and {} are false, the rest true. */
export function pythonTruthy(node: SrcNode): boolean {
  if (node.kind === 'array') return node.items.length > 0;
  if (node.kind === 'object') return node.entries.length > 0;
  const v = node.value;
  return !(v === null || v === false || v === 0 || v === '');
}

/** A plain JS value for pass-through parts of the file (an inline conda specification). */
export function toPlain(node: SrcNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'array') return node.items.map(toPlain);
  const o: Record<string, unknown> = {};
  for (const e of node.entries) o[e.key] = toPlain(e.value);
  return o;
}

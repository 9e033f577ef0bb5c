// Helpers for the config tests: find problems by path and read back the text a range points at.
import assert from 'node:assert/strict';
import { parseConfigFile, type AnyConfigResult, type ParseOptions, type Problem } from '../../../src/core/config';

export function parse(text: string, fileName: string, options: Omit<ParseOptions, 'fileName'> = {}): AnyConfigResult {
  return parseConfigFile(text, { fileName, ...options });
}

/** The source text a problem's range covers (ranges are 0-based; lines split like the parser splits them). */
export function textAt(text: string, p: Problem): string {
  const lines = text.split(/\r\n|\n|\r/);
  const { start, end } = p.range;
  if (start.line === end.line) return lines[start.line].slice(start.column, end.column);
  return [lines[start.line].slice(start.column), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.column)].join('\n');
}

export function problemAt(r: AnyConfigResult, path: string, severity: 'error' | 'warning'): Problem {
  const p = r.problems.find((x) => x.path === path && x.severity === severity);
  assert.ok(p, `expected a ${severity} at "${path}", got: ${JSON.stringify(r.problems.map((x) => `${x.severity} ${x.path}: ${x.message}`))}`);
  return p;
}

export function noProblemAt(r: AnyConfigResult, path: string): void {
  const p = r.problems.filter((x) => x.path === path);
  assert.deepEqual(p.map((x) => x.message), [], `expected no problem at "${path}"`);
}

export function clean(r: AnyConfigResult): void {
  assert.deepEqual(r.problems.map((x) => `${x.severity} ${x.path}: ${x.message}`), []);
  assert.ok(r.config, 'a config is returned');
}

/** One rule of shared/reference/azureml-v1.md: a file that keeps it, one that breaks it, and where the problem is. */
export interface Rule {
  rule: string;
  pass: Record<string, unknown>;
  fail: Record<string, unknown>;
  path: string;
  severity?: 'error' | 'warning';
  /** Text of the file the problem must point at. */
  at?: string;
  says?: RegExp;
}

// The one shape every config problem has, so the editor, the CLI and the deploy all report alike.

/** 0-based line and column (UTF-16 code units, like VS Code). The CLI adds 1 when printing. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** A sentence a person understands, saying what is wrong and, where we know it, how to fix it. */
  message: string;
  /** JSON path of the field ("autoScaler.minReplicas", "dependencies[0]"); "" for the whole file. */
  path: string;
  range: Range;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Joins a parent path and a key the way people write them: "a.b", "a[0]". */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

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
  /** The image build and deploy cannot act on this value safely (it would inject Dockerfile text or copy the whole
   * disk), so they refuse it even where Azure ML v1 accepted the file and `validate` says only "warning". */
  engineRefuses?: true;
  /** A replacement that fixes it (the editor offers it as a Quick Fix): a misspelled key, a value out of range. */
  fix?: ProblemFix;
  /** Set on "Unknown field" problems (the wizard lists those keys), with the field name it most likely meant. */
  unknownField?: { suggestion?: string };
}

export interface ProblemFix {
  /** What the Quick Fix says, e.g. `Rename to "maxReplicas"`. */
  title: string;
  range: Range;
  newText: string;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Joins a parent path and a key the way people write them: "a.b", "a[0]". */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** A user's text quoted for a message, cut to `max` characters: a 10 MB key must not become 20 MB of output. */
export function quoted(text: string, max = 80): string {
  return text.length > max ? `${JSON.stringify(text.slice(0, max)).slice(0, -1)}…" (${text.length} characters)` : JSON.stringify(text);
}

/** A problem's path as shown: long keys cut, so a message stays a line whatever the file holds. */
export function shownPath(path: string, max = 200): string {
  return path.length > max ? `${path.slice(0, max)}… (${path.length} characters)` : path;
}

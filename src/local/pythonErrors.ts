// Turns pip and server output into the few facts a user needs: which package failed, which line of score.py raised.
import path from 'node:path';

export interface TracebackFrame {
  readonly file: string;
  readonly line: number;
  readonly function: string;
}

export interface Traceback {
  readonly frames: readonly TracebackFrame[];
  /** The last line, e.g. `ValueError: boom`. */
  readonly exception: string;
  /** The traceback as printed (without log prefixes on the first line). */
  readonly text: string;
}

const FRAME = /^\s+File "(.+)", line (\d+), in (.+)$/;

/** Every Python traceback in a log, in order. The first line may carry a log prefix (azmlinfsrv writes one). */
export function parseTracebacks(log: string): Traceback[] {
  const lines = log.split(/\r?\n/);
  const found: Traceback[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes('Traceback (most recent call last):')) continue;
    const frames: TracebackFrame[] = [];
    const text = ['Traceback (most recent call last):'];
    let j = i + 1;
    // Frames and their source/caret lines are indented; the exception line is the first one that is not.
    for (; j < lines.length && /^\s/.test(lines[j]); j++) {
      text.push(lines[j]);
      const m = FRAME.exec(lines[j]);
      if (m) frames.push({ file: m[1], line: Number(m[2]), function: m[3] });
    }
    const exception = (lines[j] ?? '').trim();
    text.push(exception);
    if (frames.length) found.push({ frames, exception, text: text.join('\n') });
    i = j;
  }
  return found;
}

export interface ScriptError {
  readonly exception: string;
  /** The deepest frame inside the source directory: the line to link to. */
  readonly frame?: TracebackFrame;
  readonly traceback: string;
}

/**
 * The user's own failure in a server log: the last traceback that passes through the source directory (the server
 * wraps the user's exception in its own, so the first of a chained pair is the one that names score.py).
 */
export function scriptErrorFromLog(log: string, sourceDirectory: string, containerSourceDir?: string): ScriptError | undefined {
  const roots = [sourceDirectory, containerSourceDir].filter((r): r is string => !!r).map((r) => r.replace(/\/+$/, '') + '/');
  const inSource = (f: TracebackFrame) => roots.some((r) => f.file.startsWith(r));
  const tracebacks = parseTracebacks(log).filter((t) => t.frames.some(inSource));
  const last = tracebacks.at(-1);
  if (!last) return undefined;
  const frame = [...last.frames].reverse().find(inSource);
  const local = frame && containerSourceDir && frame.file.startsWith(containerSourceDir)
    ? { ...frame, file: path.join(sourceDirectory, path.relative(containerSourceDir, frame.file)) }
    : frame;
  return { exception: last.exception, frame: local, traceback: last.text };
}

/** The package pip could not install, from pip's own error lines (newest pip wording first). */
export function failingPipPackage(output: string): string | undefined {
  const patterns = [
    /No matching distribution found for ([^\s;]+)/,
    /Could not find a version that satisfies the requirement ([^\s;]+)/,
    /Failed to build installable wheels for some pyproject\.toml based projects \(([^)]+)\)/,
    /Failed building wheel for ([^\s;]+)/,
    /Cannot install ([^\s]+)/,
    /Invalid requirement: '([^']+)'/,
  ];
  for (const p of patterns) {
    const m = p.exec(output);
    if (m) return m[1];
  }
  // A build error without a summary line: the package being collected/built when it happened.
  if (/subprocess-exited-with-error|error: metadata-generation-failed/.test(output)) {
    const collected = [...output.matchAll(/^(?:Collecting|Building wheel for|Preparing metadata .*? for) ([^\s(]+)/gm)];
    return collected.at(-1)?.[1];
  }
  return undefined;
}

#!/usr/bin/env node
// The aks-model-deploy command line: the same config parser as the editor, for CI pipelines and pre-commit
// hooks. Bundled to dist/cli.js (no vscode import). Later issues add subcommands to the table below.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_CONFIG_BYTES, parseConfigFile, tooLargeMessage, type Problem } from '../core/config';
import type { CliIo } from './cliIo';
import { CLUSTER_USAGE, runClusterCommand } from './clusterCommands';
import { serve } from './serve';
import { safeWriter, stripTerminalControls } from './terminalText';

export type { CliIo, CliWriter } from './cliIo';

const USAGE = `Usage: aks-model-deploy validate [--format text|json] <file>...
       aks-model-deploy serve <model folder> [--mode process|docker] [--port N]
${CLUSTER_USAGE}
Validates Azure ML v1 inferenceconfig/deploymentconfig files (JSON or YAML).
Text output: file:line:col: error|warning: message (path), line and column 1-based.
JSON output: one entry per file with its problems (ranges 1-based, like the text output).
Exit code: 1 when any file has an error, 0 otherwise, 2 for a usage mistake.
`;

interface FileReport {
  file: string;
  kind: string | null;
  valid: boolean;
  problems: Problem[];
}

/** Runs the CLI and returns the exit code; never calls process.exit, so tests can drive it. */
export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  // One place for all output: cluster events, log lines and config text cannot drive the user's terminal.
  const io: CliIo = { ...rawIo, stdout: safeWriter(rawIo.stdout), stderr: safeWriter(rawIo.stderr) };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'validate') return validate(rest, io);
  if (command === 'serve') return serve(rest, io, io.stop ?? new AbortController().signal);
  if (['deploy', 'keys', 'token', 'delete', 'status', 'logs', 'endpoint', 'uri', 'call'].includes(command)) return runClusterCommand(command, rest, io, io.stop ?? new AbortController().signal);
  io.stderr.write(`aks-model-deploy: unknown command "${command}".\n${USAGE}`);
  return 2;
}

async function validate(args: string[], io: CliIo): Promise<number> {
  let format = 'text';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else if (a === '--help' || a === '-h') {
      io.stdout.write(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      io.stderr.write(`aks-model-deploy validate: unknown option "${a}".\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (format !== 'text' && format !== 'json') {
    io.stderr.write(`aks-model-deploy validate: --format is "text" or "json", not "${format}".\n`);
    return 2;
  }
  if (files.length === 0) {
    io.stderr.write(`aks-model-deploy validate: name at least one file.\n${USAGE}`);
    return 2;
  }
  const reports = files.map((f) => validateFile(f, io.cwd));
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(reports.map(oneBased), null, 2)}\n`);
  } else {
    for (const r of reports) {
      for (const p of r.problems) {
        io.stdout.write(`${r.file}:${p.range.start.line + 1}:${p.range.start.column + 1}: ${p.severity}: ${p.message}${p.path ? ` (${p.path})` : ''}\n`);
      }
    }
    const errors = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
    const warnings = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'warning').length, 0);
    io.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).\n`);
  }
  return reports.some((r) => !r.valid) ? 1 : 0;
}

function validateFile(file: string, cwd: string): FileReport {
  const full = path.resolve(cwd, file);
  let bytes: Buffer;
  const range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
  try {
    // A 48 MB file ran the CLI out of memory: one over the limit is refused before it is read.
    const size = fs.statSync(full).size;
    if (size > MAX_CONFIG_BYTES) return { file, kind: null, valid: false, problems: [{ severity: 'error', message: tooLargeMessage(size), path: '', range }] };
    bytes = fs.readFileSync(full);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    return { file, kind: null, valid: false, problems: [{ severity: 'error', message: `Cannot read the file (${why}).`, path: '', range }] };
  }
  const r = parseConfigFile(bytes, {
    fileName: full,
    cwd,
    pythonSyntaxError,
    fileExists: (p) => fs.existsSync(p),
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return { file, kind: r.kind ?? null, valid: !r.problems.some((p) => p.severity === 'error'), problems: r.problems };
}

/** The entry script's syntax as v1 checked it (ast.parse), through the project's Python (AKS_PYTHON, else python3). */
function pythonSyntaxError(file: string): string | undefined | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // v1's existence check reports it
  }
  const key = text; // the answer (message and line) does not depend on where the file is
  if (!syntaxCache.has(key)) syntaxCache.set(key, askPython(file));
  return syntaxCache.get(key);
}

/** One Python start per distinct script (a CI run validates many configs that share one). */
const syntaxCache = new Map<string, string | undefined | null>();

function askPython(file: string): string | undefined | null {
  const python = process.env.AKS_PYTHON ?? 'python3';
  const code = 'import ast, sys\ntry:\n    ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])\nexcept SyntaxError as e:\n    print("%s (line %s)" % (e.msg, e.lineno)); sys.exit(3)\nexcept Exception as e:\n    print(e); sys.exit(3)';
  const r = spawnSync(python, ['-c', code, file], { encoding: 'utf8', timeout: 30_000 });
  if (r.error || (r.status !== 0 && r.status !== 3)) return null;
  return r.status === 3 ? r.stdout.trim() : undefined;
}

function oneBased(r: FileReport): FileReport {
  const pos = (p: { line: number; column: number }) => ({ line: p.line + 1, column: p.column + 1 });
  const range = (x: { start: { line: number; column: number }; end: { line: number; column: number } }) => ({ start: pos(x.start), end: pos(x.end) });
  return { ...r, problems: r.problems.map((p) => ({ ...p, range: range(p.range), ...(p.fix ? { fix: { ...p.fix, range: range(p.fix.range) } } : {}) })) };
}

// Run when executed directly (node dist/cli.js, or node --import tsx src/cli/main.ts), not when imported.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  const stop = new AbortController();
  // The first Ctrl-C cancels: every pending API call ends at once (apiDeadline.ts) and the command reports it in
  // one line. Anything still pending after a short grace (a watch whose first response never came) does not keep
  // the user waiting: exit 130 anyway. A second Ctrl-C exits at once. `serve` takes the time it needs to stop the
  // model's process or container.
  const cancel = (code: number) => {
    if (stop.signal.aborted) process.exit(code);
    stop.abort();
    if (process.argv[2] === 'serve') return;
    setTimeout(() => {
      process.stderr.write('aks-model-deploy: cancelled\n');
      process.exit(code);
    }, 3000).unref();
  };
  process.on('SIGINT', () => cancel(130));
  process.on('SIGTERM', () => cancel(143));
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), stop: stop.signal }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(stripTerminalControls(`aks-model-deploy: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
      process.exitCode = 2;
    },
  );
}

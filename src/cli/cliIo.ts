// What a CLI command writes to and reads from: its own file, so the subcommand modules need not import main.ts
// (which imports them: an import cycle).
export interface CliWriter {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM: long-running commands (serve) stop cleanly. */
  stop?: AbortSignal;
}

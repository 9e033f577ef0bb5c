// Config validation off the extension host's thread: jobs run in one worker, one at a time, newest per document.
// A newer version of a document whose validation is running ends that run (the worker is terminated and started
// again), so typing in a large file never waits for a stale answer. No vscode here: it is tested in plain Node.
import type { Worker } from 'node:worker_threads';
import type { Problem } from '../../core/config/problem';

export interface ValidationJob {
  readonly id: number;
  readonly fileName: string;
  readonly text: string;
  /** Existence and content checks against the disk (false for untitled and virtual documents). */
  readonly onDisk: boolean;
}
export type ValidationAnswer = { readonly id: number; readonly problems?: Problem[]; readonly error?: string };
/** The problems, undefined for a document that is no config, or 'superseded' when a newer version replaced it. */
export type ValidationResult = Problem[] | undefined | 'superseded';

interface Pending {
  readonly key: string;
  readonly job: ValidationJob;
  readonly resolve: (r: ValidationResult) => void;
  readonly reject: (e: Error) => void;
}

export class ValidationQueue {
  private worker: Worker | undefined;
  private running: Pending | undefined;
  /** Waiting jobs, the newest per document. */
  private readonly waiting = new Map<string, Pending>();
  private nextId = 1;
  /** Workers ended because their job went stale (for tests and the log). */
  cancelled = 0;

  constructor(private readonly startWorker: () => Worker) {}

  /** Validates `text` as document `key`; an older job for the same document resolves 'superseded'. */
  validate(key: string, fileName: string, text: string, onDisk: boolean): Promise<ValidationResult> {
    return new Promise((resolve, reject) => {
      this.waiting.get(key)?.resolve('superseded');
      this.waiting.set(key, { key, job: { id: this.nextId++, fileName, text, onDisk }, resolve, reject });
      if (this.running?.key === key) this.cancelRunning();
      this.pump();
    });
  }

  /** Drops the document's jobs (it was closed). */
  forget(key: string): void {
    this.waiting.get(key)?.resolve('superseded');
    this.waiting.delete(key);
    if (this.running?.key === key) this.cancelRunning();
    this.pump();
  }

  dispose(): void {
    for (const p of this.waiting.values()) p.resolve('superseded');
    this.waiting.clear();
    this.running?.resolve('superseded');
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private cancelRunning(): void {
    this.running?.resolve('superseded');
    this.running = undefined;
    this.cancelled += 1;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.values().next();
    if (next.done) return;
    const p = next.value;
    this.waiting.delete(p.key);
    this.running = p;
    this.ensureWorker().postMessage(p.job);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.startWorker();
    worker.on('message', (a: ValidationAnswer) => {
      if (worker !== this.worker || !this.running || a.id !== this.running.job.id) return;
      const p = this.running;
      this.running = undefined;
      if (a.error !== undefined) p.reject(new Error(a.error));
      else p.resolve(a.problems);
      this.pump();
    });
    const fail = (e: Error) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      const p = this.running;
      this.running = undefined;
      p?.reject(e);
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the validation worker exited (code ${code})`)));
    // The worker must not keep the host (or a test) alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

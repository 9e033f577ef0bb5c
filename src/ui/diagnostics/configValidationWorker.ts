// The worker thread that validates config documents (dist/configWorker.js), so a large file never blocks the
// extension host: it answers one job at a time; the queue (validationQueue.ts) cancels a stale job by ending it.
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { configProblemsForDocument } from '../../core/config/documentProblems';
import type { ValidationJob, ValidationAnswer } from './validationQueue';

const diskAccess = {
  fileExists: (p: string) => fs.existsSync(p),
  readFile: (p: string) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

parentPort?.on('message', (job: ValidationJob) => {
  let answer: ValidationAnswer;
  try {
    answer = { id: job.id, problems: configProblemsForDocument(job.fileName, job.text, job.onDisk ? diskAccess : {}) };
  } catch (e) {
    answer = { id: job.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(answer);
});

// Where a model folder's local environments live under a storage root: one folder per model folder and mode, so
// the UI and the CLI share a venv (or build context) for the same project.
import crypto from 'node:crypto';
import path from 'node:path';
import type { LocalMode } from './localService';

export function localStorageDir(root: string, folder: string, mode: LocalMode): string {
  const key = crypto.createHash('sha256').update(path.resolve(folder)).digest('hex').slice(0, 16);
  const name = path.basename(folder).replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  return path.join(root, `${name}-${key}`, mode);
}

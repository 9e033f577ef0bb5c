// Where the sandbox keeps the sample's local environments: its code-server's `aksModel.local.storageDir`, so the
// venv the sandbox trains with is the one Run Locally reuses (shared with the sandbox benchmark).
import os from 'node:os';
import path from 'node:path';

export const SANDBOX_LOCAL_STORAGE = path.join(os.homedir(), '.cache/aks-model-deploy/sandbox-local');

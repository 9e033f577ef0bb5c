// The keys, tokens and passwords a test used, registered for the whole-run secret grep (tools/test/secretGrep.mjs,
// the last step of `npm test`): none of them may appear in any log, output channel, state file or test-results/
// artifact the run produced. `npm test` sets AKS_TEST_RUN_DIR; a test run on its own registers nothing.
import fs from 'node:fs';
import path from 'node:path';

export function registerTestSecret(...values: (string | undefined)[]): void {
  const dir = process.env.AKS_TEST_RUN_DIR;
  if (!dir) return;
  const lines = values.filter((v): v is string => typeof v === 'string' && v.length >= 8);
  // One per line; a secret holding a line break is registered by its lines.
  if (lines.length > 0) fs.appendFileSync(path.join(dir, 'secrets.txt'), `${lines.flatMap((v) => v.split('\n')).join('\n')}\n`, { mode: 0o600 });
}

// Tier results travel as small JSON files; a tier that wrote none counts as one failure.
import fs from 'node:fs';

export function readResults(file, tier) {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    return { passed: r.passed | 0, failed: (r.failed | 0) + (r.pending | 0), failures: r.failures ?? [] };
  } catch {
    return { passed: 0, failed: 1, failures: [{ title: `${tier} tier`, message: 'the tier did not report results (it could not start or crashed)' }] };
  }
}

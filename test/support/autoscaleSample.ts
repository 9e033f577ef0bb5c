// The sample project set up for autoscaling tests on the real node (integration and e2e).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { localSpecForFolder } from '../../src/local/modelFolderSpec';
import type { PlannedSample } from './realNodeHelpers';

/** The sample folder with v1 autoscale fields for a test: 1–3 replicas at a low target on a small CPU request. */
export function planAutoscaledSample(dir: string, baseImage: string): PlannedSample {
  const file = path.join(dir, 'deploymentconfig.json');
  const dc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    file,
    JSON.stringify(
      {
        ...dc,
        authEnabled: false,
        autoScaler: { autoscaleEnabled: true, minReplicas: 1, maxReplicas: 3, targetUtilization: 30, refreshPeriodInSeconds: 1 },
        // 0.1 CPU: an idle azmlinfsrv uses a few millicores (well under 30 %), a stream of /score calls far more.
        containerResourceRequirements: { cpu: 0.1, memoryInGB: 0.5 },
      },
      null,
      2,
    ),
  );
  const r = localSpecForFolder(dir, { defaultBaseImage: baseImage });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return { plan: r.plan, spec: { ...r.spec, baseImage } };
}

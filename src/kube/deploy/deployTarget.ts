// What one deploy applies: the plan and where it goes. Apart from apply.ts so the steps it calls (exposure.ts) can
// name it without an import cycle.
import type { RenderInput } from '../../core/manifests';
import type { DeploymentPlan } from '../../core/plan';

export interface DeployTarget extends RenderInput {
  plan: DeploymentPlan;
  /** Create the namespace too (server-side apply of a bare Namespace; never labelled, so delete leaves it). */
  createNamespace?: boolean;
}

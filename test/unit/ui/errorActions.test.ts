// Each error toast offers the action that fixes it, chosen by the error's class and kind as the engines throw
// them (the real classes here), never by its message. "Show Log" is added last by runCommand.
import assert from 'node:assert/strict';
import { AzureCredentialError } from '../../../src/azure/errors';
import { KubeDeployError } from '../../../src/kube/deploy/errors';
import { EndpointRefusal } from '../../../src/kube/endpoint/writeRoute';
import { LocalServiceError } from '../../../src/local/localServiceError';
import type * as ErrorActions from '../../../src/ui/errorActions';
import { UiError } from '../../../src/ui/uiError';
import { loadWithoutVscode } from '../../support/inertVscode';

describe('error toasts: the action that fixes each error', () => {
  const { fixActionsFor } = loadWithoutVscode<typeof ErrorActions>('../../src/ui/errorActions');
  const titles = (err: unknown, args: unknown[] = []) => fixActionsFor(err, args).map((a) => a.title);

  const cases: [string, unknown, string[]][] = [
    ['a folder that is not running', new UiError('notRunning', 'x is not running locally', { folder: '/w/x' }), ['Run Locally']],
    ['no cluster to pick', new UiError('noCluster', 'No cluster to pick'), ['Add a Cluster…']],
    ['an Azure command while signed out', new UiError('notSignedIn', 'Sign in first'), ['Sign in to Azure']],
    ['a config with errors', new UiError('configInvalid', 'not deployed'), ['Show Problems']],
    ['Python missing', new LocalServiceError('pythonMissing', 'no python3'), ['Open Settings']],
    ['Docker missing', new LocalServiceError('dockerMissing', 'no docker'), ['Open Settings']],
    ['a registry refusing the push', new LocalServiceError('registryAuth', 'denied'), ['Open Settings']],
    ['a port in use (nothing to offer)', new LocalServiceError('portInUse', 'port taken'), []],
    ['the cluster refusing the credentials', new KubeDeployError('The cluster did not accept your credentials', 'unauthorized', 401), ['Add a Cluster…']],
    ['an unreachable API server', new KubeDeployError('not reachable', 'unreachable'), ['Add a Cluster…']],
    ['a rollout timeout', new KubeDeployError('timed out', 'timeout'), ['Open Settings']],
    ['an endpoint refusal (nothing to offer)', new EndpointRefusal('uses key auth'), []],
    ['an expired Azure session', new AzureCredentialError('List workspaces', 'expired'), ['Sign in to Azure']],
    ['a plain error', new Error('Sign in to Azure first, no cluster, not running'), []],
  ];
  for (const [what, err, expected] of cases) {
    it(`${what}: ${expected.join(', ') || 'no action but Show Log'}`, () => assert.deepEqual(titles(err), expected));
  }

  it('a missing model offers Train Model on the folder the command ran on', () => {
    assert.deepEqual(titles(new LocalServiceError('modelMissing', 'no model.pkl'), ['/w/x']), ['Train Model']);
  });
});

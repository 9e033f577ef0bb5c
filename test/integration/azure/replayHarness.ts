// Shared set-up for the Azure integration tests: one replay server and one engine client pointed at it.
import { AzureClient } from '../../../src/azure/azureClient';
import { ArmReplayServer } from '../../support/armReplay/replayServer';
import { FakeCredential, memoryLogger } from '../../support/armReplay/testCredential';

export interface Harness {
  replay: ArmReplayServer;
  credential: FakeCredential;
  client: AzureClient;
  logLines: string[];
}

export async function startHarness(): Promise<Harness> {
  const replay = await ArmReplayServer.start();
  const credential = new FakeCredential();
  const { logger, lines } = memoryLogger();
  const client = new AzureClient({ credential, logger, armBaseUrl: replay.url, agent: replay.agent, retryDelayInMs: 50 });
  return { replay, credential, client, logLines: lines };
}

export const workspace = { subscriptionId: '00000000-1111-2222-3333-444444444444', resourceGroup: 'test-rg', name: 'my-aml-workspace' };

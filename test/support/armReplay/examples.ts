// Response bodies from the official x-ms-examples files, plus the one stand-in the specs folder needs.
import fs from 'node:fs';
import { specFile } from '../specsDir';
import type { SpecOperation } from './specIndex';

export interface ExampleResponse {
  status: number;
  body: unknown;
  /** Where the body came from, for messages. */
  source: string;
}

/**
 * STAND-IN: the 2026-01-01 ListClusterUserCredentials example is not in the specs folder (SOURCES.md); its
 * 2022-01-01 counterpart has the same response shape (kubeconfigs[].name/value) and is used instead.
 */
const standIns: Record<string, string> = {
  ManagedClusters_ListClusterUserCredentials:
    'azure/containerservice/resource-manager/Microsoft.ContainerService/stable/2022-01-01/examples/ManagedClustersListClusterCredentialResult.json',
};

export function exampleResponse(op: SpecOperation): ExampleResponse {
  const file = op.exampleFiles[0] ?? (standIns[op.operationId] ? specFile(standIns[op.operationId] as string) : undefined);
  if (!file) throw new Error(`No example file in the specs folder for ${op.operationId}`);
  const example = JSON.parse(fs.readFileSync(file, 'utf8')) as { responses: Record<string, { body?: unknown }> };
  const code = Object.keys(example.responses).find((c) => /^2\d\d$/.test(c));
  if (!code) throw new Error(`Example ${file} has no success response`);
  return { status: Number(code), body: structuredClone(example.responses[code]?.body ?? null), source: file };
}

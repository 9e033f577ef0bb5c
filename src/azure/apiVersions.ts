// The api-versions of the swaggers the replay tests check against (shared/specs/azure); bump them together.
export const apiVersions = {
  subscriptions: '2022-12-01',
  machineLearning: '2025-12-01',
  containerService: '2026-01-01',
  /** Blob service REST version sent as x-ms-version (storage has no ARM swagger here). */
  blobService: '2021-12-02',
} as const;

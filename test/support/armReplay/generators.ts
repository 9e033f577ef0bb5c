// Responses beyond the official examples, always built from an official example item: many pages of items,
// and a real kubeconfig in place of the example's placeholder credential value.
type Json = Record<string, unknown>;

export type ItemGenerator = (template: Json, index: number, pathParams: Record<string, string>, requestPath: string) => Json;

/** Default: the example item renamed `1`, `2`, ... with an id under the list's path. */
export const numberedItem: ItemGenerator = (template, index, _params, requestPath) => ({
  ...structuredClone(template),
  name: String(index + 1),
  id: `${requestPath}/${index + 1}`,
});

/** A kubeconfig as AKS returns it (clusterUser, token auth). The token is a fixed fake string. */
export function fakeKubeconfig(clusterName: string, server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${clusterName}`,
    '  cluster:',
    '    certificate-authority-data: ZmFrZS1jYQ==',
    `    server: ${server}`,
    'contexts:',
    `- name: ${clusterName}`,
    '  context:',
    `    cluster: ${clusterName}`,
    `    user: clusterUser_${clusterName}`,
    `current-context: ${clusterName}`,
    'users:',
    `- name: clusterUser_${clusterName}`,
    '  user:',
    '    token: replay-kubeconfig-secret-token',
    '',
  ].join('\n');
}

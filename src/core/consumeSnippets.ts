// Client code for a deployed service, as the Azure ML studio's Consume tab gave it: curl, Python requests and C#
// HttpClient, each sending v1's `Authorization: Bearer <key>` when auth is on. The credential is a placeholder unless
// the caller passes the real one for a single copy.
export type SnippetKind = 'curl' | 'python' | 'csharp';
export const SNIPPET_KINDS: readonly SnippetKind[] = ['curl', 'python', 'csharp'];

export const KEY_PLACEHOLDER = '<your-key>';
export const TOKEN_PLACEHOLDER = '<your-token>';

export interface SnippetInput {
  readonly scoringUri: string;
  readonly authMode: 'key' | 'token' | 'none';
  /** The request body (JSON text); a small example when unset. */
  readonly body?: string;
  /** The real key or token, for one copy; the placeholder otherwise. */
  readonly credential?: string;
}

const EXAMPLE_BODY = '{"data": [[5.1, 3.5, 1.4, 0.2]]}';

export function placeholderFor(authMode: SnippetInput['authMode']): string {
  return authMode === 'token' ? TOKEN_PLACEHOLDER : KEY_PLACEHOLDER;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const pyString = (s: string) => JSON.stringify(s);
const csVerbatim = (s: string) => `@"${s.replace(/"/g, '""')}"`;

export function snippet(kind: SnippetKind, i: SnippetInput): string {
  const body = (i.body ?? EXAMPLE_BODY).trim();
  const auth = i.authMode !== 'none';
  const credential = i.credential ?? placeholderFor(i.authMode);
  switch (kind) {
    case 'curl':
      return [
        `curl -X POST ${shellQuote(i.scoringUri)} \\`,
        `  -H 'Content-Type: application/json' \\`,
        ...(auth ? [`  -H ${shellQuote(`Authorization: Bearer ${credential}`)} \\`] : []),
        `  -d ${shellQuote(body)}`,
      ].join('\n');
    case 'python':
      return [
        'import json',
        'import requests',
        '',
        `scoring_uri = ${pyString(i.scoringUri)}`,
        ...(auth ? [`key = ${pyString(credential)}`] : []),
        `headers = {"Content-Type": "application/json"${auth ? ', "Authorization": "Bearer " + key' : ''}}`,
        `data = json.loads(${pyString(body)})`,
        '',
        'response = requests.post(scoring_uri, json=data, headers=headers)',
        'print(response.status_code, response.json())',
      ].join('\n');
    case 'csharp':
      return [
        'using System.Net.Http;',
        'using System.Net.Http.Headers;',
        'using System.Text;',
        '',
        'var client = new HttpClient();',
        ...(auth ? [`client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ${csVerbatim(credential)});`] : []),
        `var body = new StringContent(${csVerbatim(body)}, Encoding.UTF8, "application/json");`,
        `var response = await client.PostAsync(${csVerbatim(i.scoringUri)}, body);`,
        'Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");',
      ].join('\n');
  }
}

export function snippets(i: SnippetInput): Record<SnippetKind, string> {
  return { curl: snippet('curl', i), python: snippet('python', i), csharp: snippet('csharp', i) };
}

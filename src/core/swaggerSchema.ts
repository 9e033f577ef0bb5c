// The input and output schema of an azmlinfsrv swagger.json (Swagger 2 from inference-schema, or OpenAPI 3), flattened
// to rows for display: `data[]`, `data[].sepal_length: number`. Unknown shapes give no rows, never a throw.

/** A schema flattened for display: one row per field, `path` like `data[]` or `data[].sepal_length`. */
export interface SchemaRow {
  readonly path: string;
  readonly type: string;
  readonly example?: string;
}

export interface ConsumeSchema {
  /** "ok": read from swagger.json; "none": the service has none (its message says why). */
  readonly status: 'ok' | 'none';
  readonly message?: string;
  readonly input: readonly SchemaRow[];
  readonly output: readonly SchemaRow[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

function deref(doc: Json, s: Json | undefined, seen = new Set<string>()): Json | undefined {
  const ref = typeof s?.$ref === 'string' ? s.$ref : undefined;
  if (!ref) return s;
  if (seen.has(ref) || !ref.startsWith('#/')) return undefined;
  seen.add(ref);
  let at: unknown = doc;
  for (const part of ref.slice(2).split('/')) at = obj(at)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return deref(doc, obj(at), seen);
}

function rows(doc: Json, schema: Json | undefined, path: string, out: SchemaRow[], depth = 0): void {
  const s = deref(doc, schema);
  if (!s || depth > 8 || out.length > 200) return;
  const type = typeof s.type === 'string' ? s.type : s.properties ? 'object' : s.items ? 'array' : 'any';
  const example = s.example !== undefined ? JSON.stringify(s.example).slice(0, 120) : undefined;
  if (path) out.push({ path, type: typeof s.format === 'string' ? `${type} (${s.format})` : type, ...(example ? { example } : {}) });
  const props = obj(s.properties);
  if (props) for (const [k, v] of Object.entries(props)) rows(doc, obj(v), path ? `${path}.${k}` : k, out, depth + 1);
  const items = obj(s.items);
  if (items) rows(doc, items, `${path || 'body'}[]`, out, depth + 1);
}

export function schemaFromSwagger(swagger: unknown): ConsumeSchema {
  const doc = obj(swagger);
  const score = obj(obj(doc?.paths)?.['/score']);
  const post = obj(score?.post);
  if (!doc || !post) return { status: 'none', message: 'swagger.json has no POST /score.', input: [], output: [] };
  const params = Array.isArray(post.parameters) ? (post.parameters as unknown[]).map(obj) : [];
  const inSchema = params.find((p) => p?.in === 'body')?.schema ?? obj(obj(obj(post.requestBody)?.content)?.['application/json'])?.schema;
  const ok = obj(obj(post.responses)?.['200']);
  const outSchema = ok?.schema ?? obj(obj(ok?.content)?.['application/json'])?.schema;
  const input: SchemaRow[] = [];
  const output: SchemaRow[] = [];
  rows(doc, obj(inSchema), '', input);
  rows(doc, obj(outSchema), '', output);
  return { status: 'ok', input, output };
}

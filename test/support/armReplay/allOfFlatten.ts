// Swagger 2.0 (AutoRest) reads `allOf` as inheritance: `additionalProperties: false` on a model covers the
// properties it inherits. JSON Schema reads each allOf branch alone, which would reject every valid body. So
// before validation each definition's allOf chain is merged into one object schema. Polymorphic bases
// (`discriminator`) stay open: their subtypes add properties the base cannot list.
type Json = Record<string, unknown>;

export interface Deref {
  (node: Json, fromFile: string): { node: Json; file: string };
}

export function flattenDefinitions(doc: Json, file: string, deref: Deref): Json {
  const definitions = doc.definitions as Record<string, Json> | undefined;
  if (!definitions) return doc;
  const out: Record<string, Json> = {};
  for (const [name, def] of Object.entries(definitions)) {
    out[name] = Array.isArray(def.allOf) ? merge(def, file, deref, 0) : def;
  }
  return { ...doc, definitions: out };
}

function merge(def: Json, file: string, deref: Deref, depth: number): Json {
  if (depth > 20) throw new Error('allOf chain too deep');
  const properties: Json = {};
  const required = new Set<string>();
  let closed = def.additionalProperties === false;
  let polymorphic = typeof def.discriminator === 'string';
  for (const part of (def.allOf as Json[] | undefined) ?? []) {
    const { node, file: where } = typeof part.$ref === 'string' ? deref(part, file) : { node: part, file };
    const parent = Array.isArray(node.allOf) ? merge(node, where, deref, depth + 1) : node;
    Object.assign(properties, absolutize(parent.properties, where));
    for (const r of (parent.required as string[] | undefined) ?? []) required.add(r);
    closed ||= parent.additionalProperties === false || parent['x-closed'] === true;
    polymorphic ||= typeof parent.discriminator === 'string';
  }
  Object.assign(properties, absolutize(def.properties, file));
  for (const r of (def.required as string[] | undefined) ?? []) required.add(r);
  const { allOf: _allOf, additionalProperties, ...rest } = def;
  const merged: Json = { ...rest, type: 'object', properties };
  if (required.size) merged.required = [...required];
  if (closed && !polymorphic) merged.additionalProperties = false;
  else if (additionalProperties && additionalProperties !== false) merged.additionalProperties = additionalProperties;
  if (closed) merged['x-closed'] = true;
  return merged;
}

function absolutize(node: unknown, file: string): Json {
  const base = file.startsWith('file:') ? file : `file://${file}`;
  const walk = (n: unknown): unknown => {
    if (!n || typeof n !== 'object') return n;
    if (Array.isArray(n)) return n.map(walk);
    const o: Json = {};
    for (const [k, v] of Object.entries(n)) o[k] = k === '$ref' && typeof v === 'string' ? new URL(v, base).href : walk(v);
    return o;
  };
  return (walk(node) as Json | undefined) ?? {};
}

// JSON Schemas (draft-07) generated from the field tables, so the JSON editor's completion, hovers and errors
// say what the core parser says. schemas/*.json hold the output; a unit test fails when they are stale.
import { DEPLOYMENT_FIELDS } from './deploymentFields';
import { describeField, type FieldSpec } from './fields';
import { INFERENCE_FIELDS } from './inferenceFields';

type Schema = Record<string, unknown>;

export function inferenceConfigJsonSchema(): Schema {
  return document('inferenceconfig.json', 'Azure ML v1 inference configuration (az ml model deploy --ic).', INFERENCE_FIELDS);
}

export function deploymentConfigJsonSchema(): Schema {
  return document('deploymentconfig.json', 'Azure ML v1 deployment configuration for AKS (az ml model deploy --dc).', DEPLOYMENT_FIELDS);
}

function document(title: string, description: string, fields: readonly FieldSpec[]): Schema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, description, ...objectSchema(fields) };
}

function objectSchema(fields: readonly FieldSpec[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of fields) properties[f.name] = fieldSchema(f);
  const required = fields.filter((f) => f.required).map((f) => f.name);
  // Unknown fields stay allowed: v1 ignored them, and the core reports them as warnings with a suggestion.
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

function fieldSchema(f: FieldSpec): Schema {
  const text = describeField(f);
  const base: Schema = {
    description: text,
    markdownDescription: markdown(f),
    default: f.default ?? f.schemaDefault ?? (f.type === 'object' && !f.absentWhenUnset ? {} : null),
    ...(f.deprecated ? { deprecationMessage: f.deprecated } : {}),
  };
  // null means "not set" for every optional field, as in v1.
  const nullable = (t: string | string[]) => {
    const types = Array.isArray(t) ? t : [t];
    return f.required ? (types.length === 1 ? types[0] : types) : [...types, 'null'];
  };
  switch (f.type) {
    case 'object':
      return { ...base, ...objectSchema(f.fields ?? []), type: nullable('object') };
    case 'objectOrString':
      return { ...base, anyOf: [{ type: ['string', 'null'] }, objectSchema(f.fields ?? [])] };
    case 'freeObject':
      return { ...base, type: nullable('object') };
    case 'stringMap':
      return { ...base, type: nullable('object'), additionalProperties: { type: ['string', 'number', 'boolean'] } };
    case 'stringArray':
      return { ...base, type: nullable('array'), items: { type: 'string' } };
    case 'boolean':
      return { ...base, type: nullable('boolean') };
    case 'integer':
    case 'number': {
      const bounds: Schema = {};
      if (f.min) bounds[f.min.exclusive ? 'exclusiveMinimum' : 'minimum'] = f.min.value;
      if (f.max !== undefined) bounds.maximum = f.max;
      return { ...base, type: nullable(f.type), ...bounds };
    }
    case 'string':
      return { ...base, ...stringSchema(f, nullable) };
  }
}

function stringSchema(f: FieldSpec, nullable: (t: string | string[]) => unknown): Schema {
  const types = f.acceptNumber ? ['string', 'number'] : 'string';
  const empty = f.required ? [] : [''];
  if (f.enum) {
    // The core compares case-insensitively; the enum feeds completion, the pattern accepts any casing.
    const numbers = f.acceptNumber ? f.enum.map(Number).filter((n) => Number.isFinite(n)) : [];
    const pattern = `^(${f.enum.map(caseInsensitive).join('|')})$`;
    const oneOf: Schema[] = [{ enum: [...f.enum, ...empty, ...numbers] }, { type: 'string', pattern }];
    if (!f.required) oneOf.push({ type: 'null' });
    return { anyOf: oneOf };
  }
  if (f.pattern) {
    const source = f.pattern.regex.source;
    return { type: nullable(types), pattern: f.required ? source : `(^$)|(${source})` };
  }
  return { type: nullable(types) };
}

function caseInsensitive(value: string): string {
  return [...value].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
}

function markdown(f: FieldSpec): string {
  const dflt =
    f.defaultText ??
    (f.default !== undefined ? `\`${JSON.stringify(f.default)}\`` : f.type === 'object' && !f.absentWhenUnset ? 'each field takes its own default' : 'not set');
  const extra: string[] = [];
  if (f.min) extra.push(`${f.min.exclusive ? '>' : '≥'} ${f.min.value}`);
  if (f.max !== undefined) extra.push(`≤ ${f.max}`);
  if (f.isPath) extra.push(f.name === 'sourceDirectory' ? "path relative to the config file's folder; must exist" : 'path relative to `sourceDirectory`; must exist');
  return `${f.description}\n\n**Default:** ${dflt}${extra.length ? `\n\n**Rule:** ${extra.join(', ')}` : ''}`;
}
